import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * Brings the page to rest: jumps every running transition and finite animation to its end, then waits two
 * frames for what that sets off (a theme switch re-renders the parts that follow it, which start their own
 * transitions), until a frame starts none. Colours read mid-way (a theme just switched, a button still
 * fading to its hover colour, an overlay fading in) belong to neither state and axe judges the blend: a
 * theme switch followed at once by a scan failed color-contrast on a busy CI host.
 * Finished, not awaited: the `finished` promise of a transition inside a closed <details> never settles in
 * Chromium. Endless animations (a skeleton's pulse, a spinner) are left running.
 */
export async function finishAnimations(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let round = 0; round < 20; round += 1) {
      const running = document
        .getAnimations()
        .filter((animation) => animation.playState === 'running' && Number.isFinite(animation.effect?.getComputedTiming().endTime ?? Infinity));
      if (running.length === 0 && round > 0) return;
      for (const animation of running) animation.finish();
      await nextFrame();
      await nextFrame();
    }
  });
}

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
