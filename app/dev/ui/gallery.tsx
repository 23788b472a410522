'use client';

import { Bell, Inbox, MoreHorizontal, Pencil, Trash2 } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Badge } from '@/lib/ui/badge';
import { Button } from '@/lib/ui/button';
import { Card, CardContent, CardHeader } from '@/lib/ui/card';
import { Checkbox, Switch } from '@/lib/ui/checkbox';
import { Combobox } from '@/lib/ui/combobox';
import { DatePicker } from '@/lib/ui/date-picker';
import { ConfirmDialog, Dialog } from '@/lib/ui/dialog';
import { EmptyState } from '@/lib/ui/empty-state';
import { Field } from '@/lib/ui/field';
import { Input, Textarea } from '@/lib/ui/input';
import { DropdownMenu, Tooltip } from '@/lib/ui/menu';
import { Select } from '@/lib/ui/select';
import { Skeleton, SkeletonList } from '@/lib/ui/skeleton';
import { Table, TBody, TD, TH, THead, TR } from '@/lib/ui/table';
import { Tabs } from '@/lib/ui/tabs';
import { toast } from '@/lib/ui/toast';
import { applyTheme, useCurrentTheme, type ThemeOption } from '../../_components/theme-switcher';

const countries = ['Argentina', 'Australia', 'Austria', 'Belgium', 'Brazil', 'Canada', 'Chile', 'Denmark', 'Finland', 'France', 'Germany', 'Ireland', 'Japan', 'Kenya', 'Mexico', 'Norway', 'Portugal', 'Spain', 'Sweden'].map(
  (name) => ({ value: name.toLowerCase(), label: name }),
);

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card aria-labelledby={`kit-${title}`}>
      <CardHeader title={<span id={`kit-${title}`}>{title}</span>} />
      <CardContent className="flex flex-wrap items-start gap-4">{children}</CardContent>
    </Card>
  );
}

/** The gallery of lib/ui: what each component looks like and does, in the theme chosen at the top. */
export function UiGallery({ themes }: { themes: ThemeOption[] }) {
  const current = useCurrentTheme(themes[0]?.id ?? 'light');
  const [country, setCountry] = useState<string | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [plan, setPlan] = useState<'free' | 'pro'>('free');
  const [checked, setChecked] = useState(true);
  const [on, setOn] = useState(false);

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl">UI kit</h1>
        <p className="text-fg-muted">
          The components plugin pages are built from (<code>@/lib/ui</code>). Shown in development only; pick a theme to see each one in it (not saved).
        </p>
        <div className="flex flex-wrap gap-2" role="group" aria-label="Show in theme">
          {themes.map((theme) => (
            <Button key={theme.id} variant={theme.id === current ? 'primary' : 'secondary'} size="sm" aria-pressed={theme.id === current} onClick={() => applyTheme(theme.id)}>
              {theme.name}
            </Button>
          ))}
        </div>
      </header>

      <Section title="Buttons">
        <Button>Primary</Button>
        <Button variant="secondary">Secondary</Button>
        <Button variant="ghost">Ghost</Button>
        <Button variant="danger">Danger</Button>
        <Button pending pendingLabel="Saving…">
          Save
        </Button>
        <Button variant="secondary" size="icon" aria-label="Edit">
          <Pencil aria-hidden className="size-4" />
        </Button>
      </Section>

      <Section title="Form fields">
        <Field label="Name" hint="As it appears on invoices." className="w-64">
          <Input placeholder="Ada Lovelace" />
        </Field>
        <Field label="Title" error="title is required" className="w-64">
          <Input />
        </Field>
        <Field label="About" className="w-80">
          <Textarea placeholder="A few words" />
        </Field>
        <Field label="Plan" className="w-48">
          <Select
            value={plan}
            onValueChange={setPlan}
            options={[
              { value: 'free', label: 'Free' },
              { value: 'pro', label: 'Pro' },
            ]}
          />
        </Field>
        <Field label="Country" className="w-64">
          <Combobox options={countries} value={country} onValueChange={setCountry} placeholder="Search countries" />
        </Field>
        <Field label="Start date" className="w-56">
          <DatePicker value={day} onValueChange={setDay} />
        </Field>
      </Section>

      <Section title="Choices">
        <label className="flex items-center gap-2 text-sm text-fg">
          <Checkbox checked={checked} onCheckedChange={setChecked} /> Email me a weekly summary
        </label>
        <label className="flex items-center gap-2 text-sm text-fg">
          <Switch checked={on} onCheckedChange={setOn} /> Sounds
        </label>
      </Section>

      <Section title="Overlays and feedback">
        <Dialog trigger={<Button variant="secondary">Open dialog</Button>} title="Rename project" description="Other members see the new name at once.">
          <Field label="Project name">
            <Input defaultValue="Launch plan" />
          </Field>
        </Dialog>
        <ConfirmDialog
          trigger={<Button variant="danger">Delete…</Button>}
          title="Delete this project?"
          description="Its tasks and notes are deleted with it."
          onConfirm={() => toast.success('Project deleted')}
        />
        <Button variant="secondary" onClick={() => toast.success('Saved', 'Your changes are live.')}>
          Success toast
        </Button>
        <Button variant="secondary" onClick={() => toast.error('Could not save', 'The server did not answer. Try again.')}>
          Error toast
        </Button>
        <DropdownMenu
          label="Project"
          trigger={
            <Button variant="secondary" size="icon" aria-label="More actions">
              <MoreHorizontal aria-hidden className="size-4" />
            </Button>
          }
          items={[
            { label: 'Rename', icon: <Pencil aria-hidden className="size-4" />, onSelect: () => toast.info('Rename chosen') },
            'separator',
            { label: 'Delete', icon: <Trash2 aria-hidden className="size-4" />, destructive: true, onSelect: () => toast.info('Delete chosen') },
          ]}
        />
        <Tooltip content="You have 3 unread notifications">
          <Button variant="ghost" size="icon" aria-label="Notifications">
            <Bell aria-hidden className="size-4" />
          </Button>
        </Tooltip>
      </Section>

      <Section title="Status">
        <Badge>Neutral</Badge>
        <Badge tone="accent">Premium</Badge>
        <Badge tone="success">Paid</Badge>
        <Badge tone="warning">Due today</Badge>
        <Badge tone="danger">Overdue</Badge>
      </Section>

      <Section title="Tabs">
        <Tabs
          aria-label="Example tabs"
          tabs={[
            { value: 'overview', label: 'Overview', content: <p className="text-sm text-fg">Everything at a glance.</p> },
            { value: 'activity', label: 'Activity', content: <p className="text-sm text-fg">What changed lately.</p> },
          ]}
        />
      </Section>

      <Section title="Table">
        <div className="w-full">
          <Table caption="Invoices">
            <THead>
              <TR>
                <TH>Invoice</TH>
                <TH>Status</TH>
                <TH className="text-right">Amount</TH>
              </TR>
            </THead>
            <TBody>
              <TR>
                <TD>INV-001</TD>
                <TD>
                  <Badge tone="success">Paid</Badge>
                </TD>
                <TD className="text-right">€250.00</TD>
              </TR>
              <TR>
                <TD>INV-002</TD>
                <TD>
                  <Badge tone="warning">Pending</Badge>
                </TD>
                <TD className="text-right">€120.00</TD>
              </TR>
            </TBody>
          </Table>
        </div>
      </Section>

      <Section title="Loading and empty">
        <div className="w-64 space-y-2">
          <Skeleton className="h-4 w-3/4" />
          <Skeleton className="h-4 w-1/2" />
        </div>
        <div className="w-64">
          <SkeletonList rows={2} label="Loading examples" />
        </div>
        <EmptyState icon={Inbox} title="No messages yet" description="Messages from your team show up here." action={<Button size="sm">Write one</Button>} className="w-80" />
      </Section>
    </div>
  );
}
