import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * Brings the page to rest: jumps every running transition and finite animation to its end, and waits frames
 * for what comes after (a theme switch re-renders the parts that follow it, which start transitions of their
 * own, later on a busy host), until QUIET_ROUNDS rounds of two frames in a row have started none. Colours
 * read mid-way (a theme just switched, a button still fading to its hover colour, an overlay fading in)
 * belong to neither state and axe judges the blend: a theme switch followed at once by a scan failed
 * color-contrast on a busy CI host.
 * Finished, not awaited: the `finished` promise of a transition inside a closed <details> never settles in
 * Chromium. Endless animations (a skeleton's pulse, a spinner) are left running.
 */
export async function finishAnimations(page: Page): Promise<void> {
  await page.evaluate(async (quietRounds) => {
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    let quiet = 0;
    for (let round = 0; round < 50 && quiet < quietRounds; round += 1) {
      const running = document
        .getAnimations()
        .filter((animation) => animation.playState === 'running' && Number.isFinite(animation.effect?.getComputedTiming().endTime ?? Infinity));
      quiet = running.length === 0 ? quiet + 1 : 0;
      for (const animation of running) animation.finish();
      await nextFrame();
      await nextFrame();
    }
  }, QUIET_ROUNDS);
}

/** Rounds of two frames without a new animation that make a page at rest (about 100 ms at 60 frames a second). */
const QUIET_ROUNDS = 3;

/**
 * Every axe violation, any impact, as readable lines (`rule (impact): targets`), once the page is still.
 * `within`: only that part of the page, for an overlay; an overlay is portalled outside the landmarks by
 * design, so the landmark rule does not apply to it.
 */
export async function axeViolations(page: Page, within?: string): Promise<string[]> {
  await finishAnimations(page);
  const scan = within ? new AxeBuilder({ page }).include(within).disableRules(['region']) : new AxeBuilder({ page });
  const { violations } = await scan.analyze();
  return violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
