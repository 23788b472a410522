import { describe, expect, it } from 'vitest';
import { loadConfigs } from '@/lib/config';
import { makeConfigDir } from '@/tests/support/config-dir';
import { buildThemeCss, resolveThemeId, themeMode } from '.';
import { contrastRatio } from './color';

const theme = loadConfigs(makeConfigDir()).theme;

describe('buildThemeCss', () => {
  it('writes one rule per theme with a variable per colour, plus typography and layout', () => {
    const css = buildThemeCss(theme);
    expect(css).toContain('html[data-theme="light"]{color-scheme:light;--mz-primary:#FFFFFF;');
    expect(css).toContain('--mz-text-primary:#0F172A');
    expect(css).toContain('html[data-theme="dark"]{color-scheme:dark;');
    expect(css).toMatch(/html:root\{--mz-font-family:[^;]+;--mz-base-font-size:16px;.*--mz-radius:10px/);
  });

  it('omits typography and layout rules the config does not set', () => {
    const css = buildThemeCss({ ...theme, typography: {}, layout: {} });
    expect(css).not.toContain('html:root');
  });
});

describe('resolveThemeId', () => {
  it('keeps a valid choice and falls back to the default for an unknown one', () => {
    expect(resolveThemeId(theme, 'dark')).toBe('dark');
    expect(resolveThemeId(theme, 'removed-theme')).toBe('light');
    expect(resolveThemeId(theme, undefined)).toBe('light');
  });
});

describe('themeMode', () => {
  it('prefers the explicit mode, then the background, then the id', () => {
    expect(themeMode({ id: 'x', name: 'X', mode: 'dark', colors: { background: '#ffffff' } })).toBe('dark');
    expect(themeMode({ id: 'x', name: 'X', colors: { background: '#101010' } })).toBe('dark');
    expect(themeMode({ id: 'x', name: 'X', colors: { background: '#fafafa' } })).toBe('light');
    expect(themeMode({ id: 'midnight', name: 'X', colors: { background: 'black' } })).toBe('dark');
  });
});

describe('contrastRatio', () => {
  it('matches the WCAG formula at its extremes and ignores non-hex colours', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777', '#777')).toBeCloseTo(1, 5);
    expect(contrastRatio('navy', '#fff')).toBeUndefined();
  });
});
