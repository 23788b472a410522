import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger } from '@/lib/runtime/logger';
import { atDeadline } from './deadlines';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('plugin call deadlines', () => {
  it('expire at their time, in order, unless cancelled first, on one timer', () => {
    vi.useFakeTimers();
    const expired: string[] = [];
    const now = performance.now();
    atDeadline(now + 300, { expire: () => expired.push('late') });
    const answered = atDeadline(now + 200, { expire: () => expired.push('answered in time') });
    // A shorter deadline set after a longer one still expires at its own time.
    atDeadline(now + 100, { expire: () => expired.push('early') });
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(99);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['early']);
    answered.cancel();
    vi.advanceTimersByTime(150);
    expect(expired).toEqual(['early']);
    vi.advanceTimersByTime(50);
    expect(expired).toEqual(['early', 'late']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keep their order and timer when an expiry cancels one deadline and sets another', () => {
    vi.useFakeTimers();
    const expired: string[] = [];
    const now = performance.now();
    const later = atDeadline(now + 15, { expire: () => expired.push('cancelled') });
    atDeadline(now + 10, {
      expire: () => {
        expired.push('first');
        later.cancel();
        atDeadline(performance.now() + 20, { expire: () => expired.push('set while expiring') });
      },
    });
    atDeadline(now + 10, { expire: () => expired.push('same time') });
    atDeadline(now + 40, { expire: () => expired.push('last') });
    vi.advanceTimersByTime(10);
    expect(expired).toEqual(['first', 'same time']);
    vi.advanceTimersByTime(20);
    expect(expired).toEqual(['first', 'same time', 'set while expiring']);
    vi.advanceTimersByTime(10);
    expect(expired).toEqual(['first', 'same time', 'set while expiring', 'last']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('expire the others when one expiry throws, and log it', () => {
    vi.useFakeTimers();
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => {});
    const expired: string[] = [];
    const now = performance.now();
    atDeadline(now + 10, {
      expire: () => {
        throw new Error('listener failed');
      },
    });
    atDeadline(now + 10, { expire: () => expired.push('second') });
    vi.advanceTimersByTime(10);
    expect(expired).toEqual(['second']);
    expect(logged).toHaveBeenCalledWith('a plugin call deadline failed to expire', expect.anything());
  });
});
