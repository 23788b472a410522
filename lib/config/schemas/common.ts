import { z } from 'zod';

/**
 * A value that ends up inside a CSS declaration. Config files are trusted, but a stray `;`, brace or
 * angle bracket would break the whole stylesheet (or close the <style> element), so they are refused.
 */
export const cssValue = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(/^[^;{}<>\\]*$/, 'must be a plain CSS value without ; { } < > or \\');

const COLOR_PATTERN = /^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla|hwb|lab|lch|oklab|oklch|color|color-mix)\([^;{}<>\\]*\)|[a-zA-Z]+)$/;

/** A CSS colour: hex, a colour function such as `rgb()` or `oklch()`, or a named colour. */
export const cssColor = z
  .string()
  .trim()
  .regex(COLOR_PATTERN, 'must be a CSS colour such as "#0047AB", "rgb(0 71 171)" or "navy"');

/** A Lucide icon name in kebab-case, as in the original configs ("check-square", "credit-card"). */
export const iconName = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a Lucide icon name in kebab-case, such as "credit-card"');

/** A path inside this app. Protocol-relative paths ("//host") are refused: they would leave the app. */
export const appPath = z
  .string()
  .trim()
  .regex(/^\/(?!\/)[^\s]*$/, 'must be a path inside the app starting with "/", such as "/plugins/task_manager"');

/** A link that is either inside the app or an absolute http(s) URL (logos, favicons). */
export const assetUrl = z
  .string()
  .trim()
  .regex(/^(\/(?!\/)[^\s]*|https?:\/\/[^\s]+)$/, 'must be a path starting with "/" or an http(s) URL');

/** Identifiers such as plugin names, theme ids and notification types. */
export const identifier = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'must be letters, digits, "_", "." or "-", starting with a letter or digit');

/** Adds an issue for every value of `key` that appears more than once in `items`. */
export function refineUnique<T>(items: T[], key: (item: T) => string, field: string, ctx: z.RefinementCtx, pathPrefix: PropertyKey[] = []) {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const value = key(item);
    const first = seen.get(value);
    if (first === undefined) {
      seen.set(value, index);
    } else {
      ctx.addIssue({
        code: 'custom',
        path: [...pathPrefix, index, field],
        message: `duplicates ${field} "${value}" of item ${first}`,
      });
    }
  });
}
