'use client';

import { setNonce } from 'get-nonce';
import { useEffect } from 'react';

/** The id of the root layout's theme <style>, which carries the page's CSP nonce. */
export const THEME_STYLE_ID = 'mozaiks-theme';

/**
 * The page's style nonce, for a <style> a component renders in the browser (Radix Select's viewport
 * has one); undefined on the server. Read from the theme <style>'s `nonce` property, which browsers
 * keep from scripts only, so the nonce is never rendered as text.
 */
export function styleNonce(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const theme = document.getElementById(THEME_STYLE_ID);
  return theme instanceof HTMLStyleElement && theme.nonce ? theme.nonce : undefined;
}

/**
 * Hands the nonce to the scroll lock Radix overlays use (react-remove-scroll inserts a <style> while a
 * dialog or menu is open; the CSP admits only nonced ones). Mounted once in the root layout.
 */
export function StyleNonce() {
  useEffect(() => {
    const nonce = styleNonce();
    if (nonce) setNonce(nonce);
  }, []);
  return null;
}
