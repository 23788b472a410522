import { describe, expect, it } from 'vitest';
import { createRouter } from './router';

const routes = [
  { method: 'GET', path: '/api/notifications' },
  { method: 'GET', path: '/api/notifications/count' },
  { method: 'DELETE', path: '/api/notifications/{id}' },
  { method: 'POST', path: '/api/notifications/{id}/read' },
  { method: 'POST', path: '/api/notifications/mark-all-read' },
  { method: 'POST', path: '/api/execute/{plugin}' },
  { method: 'GET', path: '/health' },
];
const match = createRouter(routes);

describe('the direct router', () => {
  it('prefers a literal segment, and falls back to a parameter when the literal leads nowhere', () => {
    expect(match('GET', '/api/notifications/count')?.route.path).toBe('/api/notifications/count');
    expect(match('POST', '/api/notifications/mark-all-read/read')).toMatchObject({ route: { path: '/api/notifications/{id}/read' }, params: { id: 'mark-all-read' } });
    expect(match('DELETE', '/api/notifications/abc')).toMatchObject({ route: { path: '/api/notifications/{id}' }, params: { id: 'abc' } });
  });

  it('picks the route by its path first, as Next does: another method there is no match, not the parameter route', () => {
    // /api/notifications/count is a route of its own (GET only); DELETE there is Next's 405, not DELETE /api/notifications/{id}.
    expect(match('DELETE', '/api/notifications/count')).toBeUndefined();
    expect(match('GET', '/api/notifications/mark-all-read')).toBeUndefined();
  });

  it('decodes parameters, and leaves malformed or empty segments and other methods unmatched', () => {
    expect(match('POST', '/api/execute/moz.platform.hosting')?.params).toEqual({ plugin: 'moz.platform.hosting' });
    expect(match('POST', '/api/execute/a%20b')?.params).toEqual({ plugin: 'a b' });
    expect(match('POST', '/api/execute/%E0%A4%A')).toBeUndefined();
    expect(match('POST', '/api/execute/')).toBeUndefined();
    expect(match('GET', '/api/execute/notes')).toBeUndefined();
    expect(match('GET', '/health/')).toBeUndefined();
    expect(match('GET', '/api/notifications/count/extra')).toBeUndefined();
  });

  it('refuses two declarations of one method and path', () => {
    expect(() => createRouter([...routes, { method: 'GET', path: '/health' }])).toThrow('GET /health is declared twice');
  });
});
