'use client';

import { setNonce } from 'get-nonce';
import { useEffect } from 'react';

/** The id of the root layout's theme <style>, which carries the page's CSP nonce. */
export const THEME_STYLE_ID = 'mozaiks-theme';

/** The nonce of the document's policy, read once at the first load (see styleNonce). */
let documentNonce: string | undefined;

/**
 * The page's style nonce, for a <style> a component renders in the browser (Radix Select's viewport
 * has one); undefined on the server. Read from the theme <style>'s `nonce` property, which browsers keep
 * from CSS selectors, and read once: the policy is the one the document was loaded with, while a client
 * navigation re-renders the layout and gives that <style> the next request's nonce, which the page's
 * policy does not know.
 */
export function styleNonce(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  if (documentNonce === undefined) {
    const theme = document.getElementById(THEME_STYLE_ID);
    if (theme instanceof HTMLStyleElement && theme.nonce) documentNonce = theme.nonce;
  }
  return documentNonce;
}

/**
 * Reads the nonce at the first load (before any client navigation can change the theme <style>'s) and
 * hands it to the scroll lock Radix overlays use (react-remove-scroll inserts a <style> while a dialog
 * or menu is open; the CSP admits only nonced ones). Mounted once in the root layout.
 */
export function StyleNonce() {
  useEffect(() => {
    const nonce = styleNonce();
    if (nonce) setNonce(nonce);
  }, []);
  return null;
}
