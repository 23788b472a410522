import type { Locator, Page } from '@playwright/test';

/** Chooses an option of a UI-kit Select (a Radix listbox, not a native <select>) as a user does. */
export async function chooseOption(page: Page, select: Locator, label: string): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: label, exact: true }).click();
}

/** Picks an ISO day (`2026-12-06`) in a UI-kit DatePicker: opens it, moves month by month, clicks the day. */
export async function pickDate(page: Page, picker: Locator, isoDay: string): Promise<void> {
  await picker.click();
  const calendar = page.getByRole('dialog').filter({ has: page.getByRole('grid') });
  const day = calendar.locator(`[data-day="${isoDay}"]:not([data-outside]) button`);
  for (let step = 0; step < 24 && !(await day.isVisible()); step += 1) {
    const shown = (await calendar.locator('[data-day]:not([data-outside])').first().getAttribute('data-day')) ?? '';
    await calendar.getByRole('button', { name: shown.slice(0, 7) < isoDay.slice(0, 7) ? 'Go to the Next Month' : 'Go to the Previous Month' }).click();
  }
  await day.click();
}
