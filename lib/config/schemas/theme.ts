import { z } from 'zod';
import { assetUrl, cssColor, cssValue, identifier, refineUnique } from './common';

/**
 * Colour roles, as the original's configs use them: `primary` and `secondary` are the main and
 * secondary surfaces, `accent` the brand colour of links and buttons. Roles beyond the original six are
 * optional; the stylesheet derives them from the others when absent.
 */
export const THEME_COLOR_ROLES = [
  'primary',
  'secondary',
  'accent',
  'background',
  'text_primary',
  'text_secondary',
  'accent_contrast',
  'border',
  'success',
  'warning',
  'danger',
] as const;

const colorKey = z.string().regex(/^[a-z][a-z0-9_]*$/, 'colour names must be snake_case, such as "text_primary"');

const themeSchema = z.looseObject({
  /** Stable id stored in the user's preference, such as "light". */
  id: identifier,
  /** Name shown in the theme switcher. */
  name: z.string().trim().min(1, 'must not be empty'),
  /** Whether the browser should draw native controls light or dark; guessed from the id when absent. */
  mode: z.enum(['light', 'dark']).optional(),
  colors: z.record(colorKey, cssColor),
});

const DEFAULT_THEMES = [
  {
    id: 'light',
    name: 'Light',
    mode: 'light' as const,
    colors: {
      primary: '#FFFFFF',
      secondary: '#F4F6FA',
      accent: '#2F5BEA',
      background: '#F8FAFC',
      text_primary: '#0F172A',
      text_secondary: '#475569',
    },
  },
  {
    id: 'dark',
    name: 'Dark',
    mode: 'dark' as const,
    colors: {
      primary: '#111827',
      secondary: '#1F2937',
      accent: '#7C9CFF',
      background: '#0B1120',
      text_primary: '#F1F5F9',
      text_secondary: '#94A3B8',
    },
  },
];

/** `theme_config.json`: branding, colours, typography and layout, applied as CSS variables. */
export const themeConfigSchema = z
  .looseObject({
    branding: z
      .looseObject({
        /** Name in the sidebar, the page title and /info. */
        app_name: z.string().trim().min(1, 'must not be empty').max(80).default('Mozaiks'),
        /** Short line under the app name on the dashboard. */
        tagline: z.string().trim().max(160).optional(),
        logo_url: assetUrl.optional(),
        favicon_url: assetUrl.optional(),
      })
      .default({ app_name: 'Mozaiks' }),
    available_themes: z.array(themeSchema).min(1, 'must list at least one theme').default(DEFAULT_THEMES),
    /** Theme used until the user picks one. */
    default_theme: identifier.default('light'),
    typography: z
      .looseObject({
        font_family: cssValue.optional(),
        base_font_size: cssValue.optional(),
        heading_weight: cssValue.optional(),
        body_weight: cssValue.optional(),
      })
      .default({}),
    layout: z
      .looseObject({
        border_radius: cssValue.optional(),
        spacing_unit: cssValue.optional(),
        max_width: cssValue.optional(),
        container_padding: cssValue.optional(),
      })
      .default({}),
  })
  .superRefine((config, ctx) => {
    refineUnique(config.available_themes, (theme) => theme.id, 'id', ctx, ['available_themes']);
    if (!config.available_themes.some((theme) => theme.id === config.default_theme)) {
      ctx.addIssue({
        code: 'custom',
        path: ['default_theme'],
        message: `"${config.default_theme}" is not the id of any theme in available_themes (${config.available_themes
          .map((theme) => `"${theme.id}"`)
          .join(', ')})`,
      });
    }
  });

export type ThemeConfig = z.output<typeof themeConfigSchema>;
export type Theme = ThemeConfig['available_themes'][number];
