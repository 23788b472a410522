import type { Theme, ThemeConfig } from '@/lib/config';
import { relativeLuminance } from './color';

/** Cookie holding the visitor's theme choice until per-user preferences are stored server-side. */
export const THEME_COOKIE = 'mozaiks_theme';

const cssName = (key: string) => `--mz-${key.replace(/_/g, '-')}`;

/** Light or dark, for `color-scheme`: explicit `mode`, else the background's luminance, else the id. */
export function themeMode(theme: Theme): 'light' | 'dark' {
  if (theme.mode) return theme.mode;
  const luminance = relativeLuminance(theme.colors.background ?? '');
  // 0.18 is where black and white text have equal contrast on the background.
  if (luminance !== undefined) return luminance < 0.18 ? 'dark' : 'light';
  return /dark|night|midnight/i.test(theme.id) ? 'dark' : 'light';
}

const TYPOGRAPHY_VARS = {
  font_family: '--mz-font-family',
  base_font_size: '--mz-base-font-size',
  heading_weight: '--mz-heading-weight',
  body_weight: '--mz-body-weight',
} as const;

const LAYOUT_VARS = {
  border_radius: '--mz-radius',
  spacing_unit: '--mz-spacing',
  max_width: '--mz-max-width',
  container_padding: '--mz-container-padding',
} as const;

/**
 * The stylesheet for theme_config.json: one rule per theme (selected by `data-theme` on <html>) plus
 * the typography and layout variables. Values were checked by the config schema to be plain CSS
 * values, so they cannot break out of their declaration. Selectors are more specific than the
 * defaults in globals.css, so this wins whatever order the stylesheets load in.
 */
export function buildThemeCss(config: ThemeConfig): string {
  const rules: string[] = [];
  const base: string[] = [];
  for (const [key, variable] of Object.entries(TYPOGRAPHY_VARS)) {
    const value = config.typography[key as keyof typeof TYPOGRAPHY_VARS];
    if (value) base.push(`${variable}:${value}`);
  }
  for (const [key, variable] of Object.entries(LAYOUT_VARS)) {
    const value = config.layout[key as keyof typeof LAYOUT_VARS];
    if (value) base.push(`${variable}:${value}`);
  }
  if (base.length) rules.push(`html:root{${base.join(';')}}`);
  for (const theme of config.available_themes) {
    const declarations = [`color-scheme:${themeMode(theme)}`];
    for (const [key, value] of Object.entries(theme.colors)) declarations.push(`${cssName(key)}:${value}`);
    rules.push(`html[data-theme=${JSON.stringify(theme.id)}]{${declarations.join(';')}}`);
  }
  return rules.join('\n');
}

/** The theme to render: the visitor's choice when it still exists, else the config's default. */
export function resolveThemeId(config: ThemeConfig, requested: string | undefined): string {
  if (requested && config.available_themes.some((theme) => theme.id === requested)) return requested;
  return config.default_theme;
}
