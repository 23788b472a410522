/**
 * `npm run plugin:new <name>`: a working plugin to start from — manifest, two actions, a page and a
 * test — then the registry regenerated so it is callable at once.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generatePluginRegistry } from './generate';
import { pluginName } from './manifest';

function title(name: string): string {
  return name
    .split(/[_.]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

const logic = `/** __TITLE__: replace these two actions with your plugin's own. */
import { z } from 'zod';
import { action, definePlugin } from '@/lib/plugins/sdk';

export interface Item {
  [key: string]: unknown;
  title: string;
  created_at: Date;
}

export default definePlugin({
  actions: {
    list: action({
      input: z.object({}),
      handler: async (_input, ctx) => {
        const items = await ctx.db.personal<Item>('items').find({}, { sort: { created_at: -1 }, limit: 100 });
        return { items: items.map((item) => ({ id: item._id, title: item.title })) };
      },
    }),

    create: action({
      input: z.object({ title: z.string({ error: 'title is required' }).trim().min(1, 'title is required').max(200) }),
      handler: async ({ title }, ctx) => {
        const { insertedId } = await ctx.db.personal<Item>('items').insertOne({ title, created_at: new Date() });
        return { item: { id: insertedId, title } };
      },
    }),
  },
});
`;

const test = `import { afterEach, beforeEach, expect, it } from 'vitest';
import { createPluginTester, type PluginTester } from '@/lib/plugins/testing';
import * as logic from './logic';
import manifest from './plugin.json';

let plugin: PluginTester;
beforeEach(async () => {
  plugin = await createPluginTester({ manifest, module: logic });
});
afterEach(async () => plugin.close());

it('creates an item and lists it', async () => {
  expect((await plugin.call('create', { title: 'First' })).status).toBe(200);
  const { body } = await plugin.call('list');
  expect(body.items.map((item: { title: string }) => item.title)).toEqual(['First']);
});

it('explains a missing title', async () => {
  expect(await plugin.call('create', {})).toMatchObject({ status: 422, body: { error_code: 'VALIDATION_ERROR' } });
});
`;

const page = `'use client';

import { Inbox } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiRequestError, errorMessage, pluginClient } from '@/lib/plugins/client';
import { Button, Card, EmptyState, Field, Input, SkeletonList, toast } from '@/lib/ui';
import type plugin from '../logic';

const client = pluginClient<typeof plugin>('__NAME__');

export default function __COMPONENT__Page() {
  const [items, setItems] = useState<{ id: string; title: string }[] | null>(null);
  const [version, setVersion] = useState(0);
  const [adding, setAdding] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Readonly<Record<string, string>>>({});

  useEffect(() => {
    let current = true;
    client.call('list', {}).then(
      (result) => current && setItems(result.items),
      (caught: unknown) => current && toast.error('Could not load the list', errorMessage(caught)),
    );
    return () => {
      current = false;
    };
  }, [version]);

  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setAdding(true);
    try {
      await client.call('create', { title: String(new FormData(form).get('title') ?? '') });
      form.reset();
      setFieldErrors({});
      setVersion((value) => value + 1);
    } catch (caught) {
      setFieldErrors(caught instanceof ApiRequestError ? caught.fields : {});
      toast.error('Not added', errorMessage(caught));
    } finally {
      setAdding(false);
    }
  };

  return (
    <div className="space-y-4">
      <Card>
        <form onSubmit={(event) => void add(event)} className="flex flex-wrap items-start gap-3 p-4" aria-label="New item" noValidate>
          <Field label="Title" error={fieldErrors.title} className="min-w-48 flex-1">
            <Input name="title" autoComplete="off" />
          </Field>
          <Button type="submit" pending={adding} pendingLabel="Adding…" className="mt-6">
            Add
          </Button>
        </form>
      </Card>
      {items === null ? (
        <SkeletonList rows={3} label="Loading" />
      ) : items.length === 0 ? (
        <EmptyState icon={Inbox} title="Nothing here yet." description="Add the first item above." />
      ) : (
        <Card>
          <ul className="divide-y divide-line">
            {items.map((item) => (
              <li key={item.id} className="px-4 py-3 text-fg">
                {item.title}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
`;

/**
 * The new plugin's plugin.json: every field of the example manifest in docs/plugins.md, in its order
 * (tests/plugins/scaffold.test.ts holds the two to the same shape), so a new plugin shows what it can declare.
 */
export function starterManifest(name: string) {
  return {
    name,
    version: '0.1.0',
    display_name: title(name),
    description: `What ${title(name)} does, in one sentence.`,
    capabilities: ['db'],
    icon: 'puzzle',
    navigation: { label: title(name), icon: 'puzzle' },
    settings: [],
    notifications: [],
    required_roles: [],
    rate_limit: { requests_per_minute: 120 },
  };
}

/** Creates plugins/<name>/ and regenerates the registry; returns the files written. */
export function scaffoldPlugin({ root, name }: { root: string; name: string }): string[] {
  const checked = pluginName.safeParse(name);
  if (!checked.success) throw new Error(`"${name}" is not a valid plugin name: ${checked.error.issues[0]?.message}`);
  const dir = path.join(root, 'plugins', name);
  if (existsSync(dir)) throw new Error(`plugins/${name} already exists`);
  const component = title(name).replace(/ /g, '');
  const files: [string, string][] = [
    ['plugin.json', `${JSON.stringify(starterManifest(name), null, 2)}\n`],
    ['logic.ts', logic.replace(/__TITLE__/g, title(name))],
    [`${name}.test.ts`, test],
    ['ui/page.tsx', page.replace(/__NAME__/g, name).replace(/__COMPONENT__/g, component)],
  ];
  mkdirSync(path.join(dir, 'ui'), { recursive: true });
  for (const [file, content] of files) writeFileSync(path.join(dir, file), content);
  generatePluginRegistry({ root });
  return files.map(([file]) => path.join('plugins', name, file));
}
