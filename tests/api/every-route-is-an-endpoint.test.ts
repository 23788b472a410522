/**
 * Issue #21: every route is declared once, in the table of endpoints. A route file under app/ is
 * either generated from the table or one of Next's own listed with its reason, and every endpoint
 * appears in the OpenAPI document with the statuses it may answer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/api/openapi';
import { GENERATED_MARKER, routeFileOf, routeFilesUnder } from '@/lib/api/route-files';
import { ENDPOINTS, NEXT_ONLY_ROUTES } from '@/lib/api/table';
import { ERROR_STATUSES } from '@/lib/errors';
import { PROJECT_ROOT } from '../support/paths';

describe('the table of endpoints', () => {
  it('generates every route file under app/, apart from the few that are Next’s own', () => {
    const endpointFiles = new Set(ENDPOINTS.map((declared) => routeFileOf(declared.path)));
    const strays = routeFilesUnder(PROJECT_ROOT).filter((file) => {
      if (NEXT_ONLY_ROUTES[file]) return false;
      return !endpointFiles.has(file) || !readFileSync(path.join(PROJECT_ROOT, file), 'utf8').includes(GENERATED_MARKER);
    });
    expect(strays, 'route files not generated from lib/api/table.ts').toEqual([]);
    for (const file of Object.keys(NEXT_ONLY_ROUTES)) expect(routeFilesUnder(PROJECT_ROOT), file).toContain(file);
  });

  it('declares each method and path once', () => {
    const keys = ENDPOINTS.map((declared) => `${declared.method} ${declared.path}`);
    expect(keys.length).toBe(new Set(keys).size);
  });

  it('describes every endpoint in the OpenAPI document, with every status it may answer', () => {
    const document = openApiDocument(ENDPOINTS);
    for (const declared of ENDPOINTS) {
      const operation = document.paths[declared.path]?.[declared.method.toLowerCase()] as { responses: Record<string, unknown>; security: unknown[] } | undefined;
      const name = `${declared.method} ${declared.path}`;
      expect(operation, name).toBeDefined();
      expect(Object.keys(operation!.responses), name).toContain('200');
      const statuses = (declared.errors ?? []).map((entry) => String(typeof entry === 'string' ? ERROR_STATUSES[entry] : entry[1]));
      if (declared.auth !== 'public') statuses.push('401');
      if (declared.params || declared.query || declared.body) statuses.push('422');
      if (declared.rateLimit) statuses.push('429');
      for (const status of statuses) expect(Object.keys(operation!.responses), `${name} ${status}`).toContain(status);
      expect(operation!.security.length === 0, name).toBe(declared.auth === 'public');
    }
  });
});
