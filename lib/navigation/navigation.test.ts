import { describe, expect, it } from 'vitest';
import { buildNavigation } from '.';
import { isActivePath } from './active';

const config = {
  default: [
    { label: 'Dashboard', path: '/' },
    { label: 'Subscription', path: '/subscriptions', icon: 'credit-card' },
  ],
  plugins: [{ label: 'Tasks', path: '/plugins/tasks', plugin_name: 'tasks' }],
};

describe('buildNavigation', () => {
  it('hides the subscription item unless monetization is on', () => {
    expect(buildNavigation(config, { monetization: false, plugins: [] }).core.map((item) => item.label)).toEqual(['Dashboard']);
    expect(buildNavigation(config, { monetization: true, plugins: [] }).core.map((item) => item.label)).toEqual(['Dashboard', 'Subscription']);
  });

  it('keeps plugin items in their own section', () => {
    expect(buildNavigation(config, { monetization: false, plugins: config.plugins }).plugins).toEqual(config.plugins);
  });

  it('puts platform plugins in the platform section', () => {
    const hosting = { label: 'Hosting', path: '/plugins/moz.platform.hosting', plugin_name: 'moz.platform.hosting', section: 'platform' as const };
    const tasks = { ...config.plugins[0]!, section: 'apps' as const };
    const sections = buildNavigation(config, { monetization: false, plugins: [tasks, hosting] });
    expect(sections.plugins).toEqual([tasks]);
    expect(sections.platform).toEqual([hosting]);
  });
});

describe('isActivePath', () => {
  it('marks a section active on its sub-pages, and the dashboard only on itself', () => {
    expect(isActivePath('/plugins/tasks/42', '/plugins/tasks')).toBe(true);
    expect(isActivePath('/plugins/tasks', '/plugins/tasks')).toBe(true);
    expect(isActivePath('/plugins/tasks-archive', '/plugins/tasks')).toBe(false);
    expect(isActivePath('/settings', '/')).toBe(false);
    expect(isActivePath('/', '/')).toBe(true);
  });
});
