import { describe, expect, it } from 'vitest';
import type { AnyChatEvent } from '../protocol';
import { createGapRepair } from './gap-repair';

const event = (seq: number) => ({ type: 'chat.text', chat_id: 'c', seq, timestamp: '', data: {} }) as unknown as AnyChatEvent;
const seqs = (events: readonly AnyChatEvent[]) => events.map((item) => item.seq);

describe('createGapRepair', () => {
  it('applies events in order at once, and fetches the ones a live event skipped before applying it and those behind it', async () => {
    const applied: number[] = [];
    const asked: number[] = [];
    let release!: () => void;
    const fetched = new Promise<void>((resolve) => (release = resolve));
    const receive = createGapRepair({
      lastSeq: () => -1,
      fetchAfter: async (seq) => {
        asked.push(seq);
        await fetched;
        return [event(3), event(4)];
      },
      apply: (events) => applied.push(...seqs(events)),
    });
    receive(event(1));
    receive(event(2));
    receive(event(5));
    receive(event(6));
    expect(applied).toEqual([1, 2]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(asked).toEqual([2]);
    expect(applied).toEqual([1, 2, 3, 4, 5, 6]);
    receive(event(7));
    expect(applied.at(-1)).toBe(7);
  });

  it('asks again while the missing events are not stored yet, then applies what it has', async () => {
    const applied: number[] = [];
    let calls = 0;
    const receive = createGapRepair({
      lastSeq: () => 1,
      fetchAfter: async () => (++calls < 2 ? [] : [event(2)]),
      apply: (events) => applied.push(...seqs(events)),
    });
    receive(event(3));
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(calls).toBe(2);
    expect(applied).toEqual([2, 3]);
  });
});
