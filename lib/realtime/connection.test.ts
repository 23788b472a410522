import { describe, expect, it } from 'vitest';
import { parseResumeId } from './connection';

describe('resume ids', () => {
  it('reads ours', () => {
    expect(parseResumeId('1733389200000-0_1733389100000-12')).toEqual({ user: '1733389200000-0', app: '1733389100000-12' });
  });

  it('ignores anything else rather than failing', () => {
    for (const foreign of [null, undefined, '', '42', 'abc', '1-1', '1-1_', '1-1_2-2_3-3', '1-1_x-2', `${'9'.repeat(40)}-1_1-1`, '../etc']) {
      expect(parseResumeId(foreign)).toBeUndefined();
    }
  });
});
