import { expect, test } from './support/test';
import { signedIn } from './support/accounts';
import { axeViolations } from './support/axe';
import { chooseOption, pickDate } from './support/ui';

test.describe('the UI kit gallery (/dev/ui)', () => {
  test('shows every component, and axe finds nothing in any theme, with overlays open too', async ({ page }) => {
    // Six axe scans of a long page: a budget for the journey, not a speed (a loaded two-core host took over 60 s).
    test.setTimeout(120_000);
    await signedIn(page);
    await page.goto('/dev/ui');
    await expect(page.getByRole('heading', { name: 'UI kit', level: 1 })).toBeVisible();
    for (const section of ['Buttons', 'Form fields', 'Choices', 'Overlays and feedback', 'Status', 'Tabs', 'Table', 'Loading and empty']) {
      await expect(page.getByRole('heading', { name: section })).toBeVisible();
    }

    const themes = page.getByRole('group', { name: 'Show in theme' }).getByRole('button');
    const names = await themes.allTextContents();
    expect(names.length).toBeGreaterThan(1);
    for (const name of names) {
      await themes.filter({ hasText: name }).click();
      await expect(themes.filter({ hasText: name })).toHaveAttribute('aria-pressed', 'true');
      expect(await axeViolations(page), `page in ${name}`).toEqual([]);

      await page.getByRole('combobox', { name: 'Plan' }).click();
      await expect(page.getByRole('listbox')).toBeVisible();
      expect(await axeViolations(page, '[role=listbox]'), `open select in ${name}`).toEqual([]);
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Open dialog' }).click();
      await expect(page.getByRole('dialog', { name: 'Rename project' })).toBeVisible();
      expect(await axeViolations(page, '[role=dialog]'), `open dialog in ${name}`).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
    }
  });

  test('a scan right after a theme switch judges the settled colours, not a blend of both themes', async ({ page }) => {
    await signedIn(page);
    await page.goto('/dev/ui');
    // Colour transitions held at their start for a minute: what a busy host's scan sees in the first frames after a
    // switch, the text of the theme before on the background of the theme after.
    await page.evaluate(() => {
      for (const element of document.querySelectorAll<HTMLElement>('.transition-colors')) {
        element.style.transitionDuration = '60s';
        element.style.transitionTimingFunction = 'steps(1, end)';
      }
    });
    const themes = page.getByRole('group', { name: 'Show in theme' }).getByRole('button');
    const other = themes.and(page.locator('[aria-pressed="false"]')).first();
    const name = (await other.textContent())!;
    await other.click();
    // The buttons have re-rendered for the theme, so their own transitions have begun too.
    await expect(themes.filter({ hasText: name })).toHaveAttribute('aria-pressed', 'true');
    expect(await axeViolations(page)).toEqual([]);
  });

  test('its controls work by mouse and keyboard', async ({ page }) => {
    await signedIn(page);
    await page.goto('/dev/ui');

    await chooseOption(page, page.getByRole('combobox', { name: 'Plan' }), 'Pro');
    await expect(page.getByRole('combobox', { name: 'Plan' })).toHaveText('Pro');

    // The combobox filters as one types; arrows and Enter choose.
    const country = page.getByRole('combobox', { name: 'Country' });
    await country.fill('nor');
    await expect(page.getByRole('option')).toHaveText(['Norway']);
    await country.press('ArrowDown');
    await country.press('Enter');
    await expect(country).toHaveValue('Norway');

    const nextMonth = new Date();
    nextMonth.setMonth(nextMonth.getMonth() + 1, 15);
    const iso = `${nextMonth.getFullYear()}-${String(nextMonth.getMonth() + 1).padStart(2, '0')}-15`;
    await pickDate(page, page.getByLabel('Start date'), iso);
    await expect(page.getByLabel('Start date')).toContainText(String(nextMonth.getFullYear()));
    await expect(page.getByRole('grid')).toHaveCount(0);

    // A confirmation, then a toast; focus returns to the button that opened it.
    const remove = page.getByRole('button', { name: 'Delete…' });
    await remove.click();
    await page.getByRole('alertdialog', { name: 'Delete this project?' }).getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Project deleted' })).toBeVisible();
    await expect(remove).toBeFocused();

    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Rename' }).click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Rename chosen' })).toBeVisible();

    const checkbox = page.getByRole('checkbox', { name: 'Email me a weekly summary' });
    await expect(checkbox).toBeChecked();
    await checkbox.press('Space');
    await expect(checkbox).not.toBeChecked();
    await page.getByRole('switch', { name: 'Sounds' }).click();
    await expect(page.getByRole('switch', { name: 'Sounds' })).toBeChecked();

    await page.getByRole('tab', { name: 'Activity' }).click();
    await expect(page.getByText('What changed lately.')).toBeVisible();
  });
});
