import { describe, expect, it } from 'vitest';
import { closingLine, rewordPytestBanner } from '../../scripts/ci/closing-line';

// The shapes CI's harness reads as a verdict (env README): pytest's closing banner, and the plain line.
const pytestClosing = /^=+ .*\bin [\d.]+s\b.*=+$/;
const plainClosing = /^(\w+: )?\d+ passed, \d+ failed(, \d+ skipped)?$/;

// The tail Schemathesis printed in a green CI run that was judged to have run no test.
const schemathesisTail = `=================================== SUMMARY ====================================

Test cases:
  4743 generated, 4743 passed, 3 skipped

Seed: 21

============================= 4 warnings in 94.67s =============================`;

describe('the closing line of .ci/run', () => {
  it("rewords Schemathesis' pytest-shaped banner, and leaves its other lines as they are", () => {
    const lines = schemathesisTail.split('\n');
    expect(lines.some((line) => pytestClosing.test(line))).toBe(true);
    const shown = lines.map(rewordPytestBanner);
    expect(shown.filter((line) => pytestClosing.test(line))).toEqual([]);
    expect(shown.at(-1)).toBe('Schemathesis finished after 94.67 seconds (4 warnings)');
    expect(shown.slice(0, -1)).toEqual(lines.slice(0, -1));
  });

  it('closes on the plain line the harness counts', () => {
    const line = closingLine('Total', { passed: 10258, failed: 0, skipped: 6 });
    expect(line).toBe('Total: 10258 passed, 0 failed, 6 skipped');
    expect(line).toMatch(plainClosing);
  });
});
