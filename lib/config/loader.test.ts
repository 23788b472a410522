import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeConfigDir, makeTempDir } from '@/tests/support/config-dir';
import { CONFIG_KEYS, ConfigError, formatJsonPath, inspectConfigs, loadConfigs } from '.';
import { readConfigFile } from './loader';

describe('the shipped config/ folder', () => {
  it('has every config file, and each one is valid', () => {
    const { reports, configs } = inspectConfigs(path.resolve('config'));
    expect(reports.map((report) => [report.key, report.status])).toEqual(CONFIG_KEYS.map((key) => [key, 'loaded']));
    expect(configs?.theme.available_themes.map((theme) => theme.id)).toEqual(['light', 'dark']);
    expect(configs?.subscription.subscription_plans.length).toBeGreaterThanOrEqual(2);
    expect(configs?.settings.profile_sections.map((section) => section.id)).toContain('appearance');
  });
});

describe('loadConfigs', () => {
  it('uses the documented defaults for each missing file', () => {
    const configs = loadConfigs(makeTempDir());
    expect(configs.theme.branding.app_name).toBe('Mozaiks');
    expect(configs.theme.default_theme).toBe('light');
    expect(configs.theme.available_themes.map((theme) => theme.id)).toEqual(['light', 'dark']);
    expect(configs.navigation.default).toEqual([{ label: 'Dashboard', path: '/', icon: 'layout-dashboard' }]);
    expect(configs.navigation.plugins).toEqual([]);
    expect(configs.subscription.settings.default_plan).toBe('free');
    expect(configs.notificationTemplates.templates._default?.email?.subject).toBe('{{title}}');
    expect(configs.aiCapabilities.capabilities).toEqual([]);
  });

  it('fills defaults inside a partial file', () => {
    const dir = makeConfigDir({ 'theme_config.json': { branding: { app_name: 'Acme' } } });
    const { theme } = loadConfigs(dir);
    expect(theme.branding.app_name).toBe('Acme');
    expect(theme.default_theme).toBe('light');
    expect(theme.typography).toEqual({});
  });

  it('keeps fields it does not know, so newer configs pass through', () => {
    const dir = makeConfigDir({
      'navigation_config.json': {
        default: [{ label: 'Ask', path: '/ask', trigger: { type: 'workflow', workflow: 'Helper', mode: 'ask', extra: 1 }, badge: 'new' }],
      },
    });
    expect(loadConfigs(dir).navigation.default[0]).toMatchObject({ badge: 'new', trigger: { workflow: 'Helper', extra: 1 } });
  });

  it('reports every problem with file, JSON path and message', () => {
    const dir = makeConfigDir({
      'theme_config.json': {
        available_themes: [{ id: 'light', name: 'Light', colors: { accent: 'blue; } body { display:none' } }],
        default_theme: 'sepia',
      },
      'navigation_config.json': { default: [{ label: '', path: '//evil.example' }] },
    });
    let error: unknown;
    try {
      loadConfigs(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => `${path.basename(p.file)} ${p.path}: ${p.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^theme_config\.json \$\.available_themes\[0\]\.colors\.accent: must be a CSS colour/),
        'theme_config.json $.default_theme: "sepia" is not the id of any theme in available_themes ("light")',
        expect.stringMatching(/^navigation_config\.json \$\.default\[0\]\.label: must not be empty/),
        expect.stringMatching(/^navigation_config\.json \$\.default\[0\]\.path: must be a path inside the app/),
      ]),
    );
  });

  it('points at the line and column of a JSON syntax error', () => {
    const dir = makeConfigDir({ 'settings_config.json': '{\n  "profile_sections": [\n    { "id": "a", }\n  ]\n}\n' });
    const { report } = readConfigFile(dir, 'settings');
    expect(report.status).toBe('invalid');
    expect(report.problems[0]?.path).toBe('$');
    expect(report.problems[0]?.message).toMatch(/^not valid JSON at line 3, column 18: \S/);
  });

  it('explains an empty file instead of a parser message', () => {
    const dir = makeConfigDir({ 'ai_capabilities.json': '  \n' });
    expect(readConfigFile(dir, 'aiCapabilities').report.problems[0]?.message).toMatch(/the file is empty/);
  });

  it('reads files saved with a byte-order mark', () => {
    const dir = makeTempDir();
    writeFileSync(path.join(dir, 'theme_config.json'), '\uFEFF{"branding":{"app_name":"Bom"}}');
    expect(loadConfigs(dir).theme.branding.app_name).toBe('Bom');
  });

  it('says the folder is missing rather than silently using defaults', () => {
    expect(() => loadConfigs('/nonexistent/mozaiks/config')).toThrow(/the config folder does not exist/);
  });

  it('flags duplicate ids', () => {
    const dir = makeConfigDir({
      'theme_config.json': {
        available_themes: [
          { id: 'light', name: 'A', colors: {} },
          { id: 'light', name: 'B', colors: {} },
        ],
      },
    });
    expect(() => loadConfigs(dir)).toThrow(/\$\.available_themes\[1\]\.id: duplicates id "light" of item 0/);
  });

  it('catches the original stub that put plans under the wrong key', () => {
    const dir = makeConfigDir({ 'subscription_config.json': { plans: { free: { name: 'Free' } } } });
    expect(() => loadConfigs(dir)).toThrow(/\$\.plans: is not read; list plans under "subscription_plans"/);
  });

  it('checks that default and trial plans exist', () => {
    const dir = makeConfigDir({
      'subscription_config.json': {
        settings: { default_plan: 'starter', trial_plan: 'gold' },
        subscription_plans: [{ name: 'free', display_name: 'Free', price: 0 }],
      },
    });
    expect(() => loadConfigs(dir)).toThrow(/\$\.settings\.default_plan: "starter" is not the name of any plan/);
  });

  it('normalises the original template aliases and channel names', () => {
    const dir = makeConfigDir({
      'notification_templates.json': { templates: { reminder: { email: { subject: 'S', text_body: 'T', html: '<b>H</b>' }, sms: { body: 'B' } } } },
      'notifications_config.json': {
        plugins: { tasks: { notifications: [{ id: 'tasks_due', label: 'Due', category: 'plugins', channels: ['in_app', 'web_push'] }] } },
      },
    });
    const configs = loadConfigs(dir);
    expect(configs.notificationTemplates.templates.reminder).toEqual({
      email: { subject: 'S', body_text: 'T', body_html: '<b>H</b>' },
      sms: { body_text: 'B' },
    });
    expect(configs.notifications.plugins.tasks?.notifications[0]?.channels).toEqual(['in_app', 'push']);
  });

  it('rejects a notification type in an unknown category', () => {
    const dir = makeConfigDir({
      'notifications_config.json': { plugins: { tasks: { notifications: [{ id: 'tasks_due', label: 'Due', category: 'chores' }] } } },
    });
    expect(() => loadConfigs(dir)).toThrow(/\$\.plugins\.tasks\.notifications\[0\]\.category: "chores" is not one of the categories/);
  });
});

describe('formatJsonPath', () => {
  it('writes paths the way a person reads JSON', () => {
    expect(formatJsonPath([])).toBe('$');
    expect(formatJsonPath(['available_themes', 0, 'colors', 'accent'])).toBe('$.available_themes[0].colors.accent');
    expect(formatJsonPath(['plugins', 'moz.platform.hosting'])).toBe('$.plugins["moz.platform.hosting"]');
  });
});
