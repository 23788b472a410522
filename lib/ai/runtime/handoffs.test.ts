import { describe, expect, it } from 'vitest';
import { workflowSchema, type WorkflowInput } from '@/lib/ai/workflows/definition';
import { evaluateCondition, handoffToolsFor, nextSpeaker } from './handoffs';

const base = (overrides: Partial<WorkflowInput>) =>
  workflowSchema.parse({
    name: 'Flow',
    agents: { A: { system_message: 'a', description: 'does A' }, B: { system_message: 'b', description: 'does B' }, C: { system_message: 'c' } },
    ...overrides,
  });

describe('evaluateCondition', () => {
  const context = { review: { approved: false, score: 7 }, name: 'x' };
  it.each([
    ['${review.approved}', false],
    ['not ${review.approved}', true],
    ['!${review.approved}', true],
    ['${review.approved} == false', true],
    ['${review.score} >= 7', true],
    ['${review.score} < 7', false],
    ["${name} == 'x'", true],
    ['${missing.path}', false],
  ])('%s → %s', (condition, expected) => {
    expect(evaluateCondition(condition, context)).toBe(expected);
  });

  it('refuses anything that is not a plain comparison', () => {
    expect(() => evaluateCondition('${a}; process.exit()', {})).toThrow(/Unsupported handoff condition/);
  });
});

describe('nextSpeaker', () => {
  const next = (workflow: ReturnType<typeof base>, agent: string, extra: { chosen?: string | null; context?: Record<string, unknown>; turn?: number } = {}) =>
    nextSpeaker({ workflow, agent, chosen: extra.chosen ?? null, context: extra.context ?? {}, turn: extra.turn ?? 0, seed: 'chat_1' });

  it('follows a handoff the agent chose, before anything else', () => {
    const workflow = base({ handoffs: [{ source_agent: 'A', target_agent: 'C' }] });
    expect(next(workflow, 'A', { chosen: 'B' })).toEqual({ target: 'B', reason: 'handoff' });
  });

  it('takes a context condition that holds over after_work, and the last after_work otherwise', () => {
    const workflow = base({
      orchestration_pattern: 'DefaultPattern',
      handoffs: [
        { source_agent: 'A', target_agent: 'B' },
        { source_agent: 'A', target_agent: 'C', handoff_type: 'condition', condition: '${go} == true' },
        { source_agent: 'A', target_agent: 'terminate' },
      ],
    });
    expect(next(workflow, 'A', { context: { go: true } })).toEqual({ target: 'C', reason: 'condition' });
    expect(next(workflow, 'A', { context: { go: false } })).toEqual({ target: 'terminate', reason: 'after_work' });
  });

  it('returns to the user without a rule (or ends the chat without a human in the loop)', () => {
    expect(next(base({ orchestration_pattern: 'DefaultPattern' }), 'A').target).toBe('user');
    expect(next(base({ orchestration_pattern: 'DefaultPattern', human_in_the_loop: false }), 'A').target).toBe('terminate');
  });

  it('goes round robin, handing to the user after the last agent', () => {
    const workflow = base({ orchestration_pattern: 'RoundRobinPattern' });
    expect(['A', 'B', 'C'].map((agent) => next(workflow, agent).target)).toEqual(['B', 'C', 'user']);
  });

  it('picks randomly but reproducibly for a chat, never the same agent', () => {
    const workflow = base({ orchestration_pattern: 'RandomPattern', human_in_the_loop: false });
    const picks = Array.from({ length: 20 }, (_, turn) => next(workflow, 'A', { turn }).target);
    expect(picks).not.toContain('A');
    expect(new Set(picks).size).toBe(2);
    expect(Array.from({ length: 20 }, (_, turn) => next(workflow, 'A', { turn }).target)).toEqual(picks);
  });
});

describe('handoffToolsFor', () => {
  it('gives natural-language conditions as tools, and in AutoPattern a tool per other agent', () => {
    const workflow = base({
      orchestration_pattern: 'DefaultPattern',
      handoffs: [
        { source_agent: 'A', target_agent: 'B', handoff_type: 'condition', condition: 'when the user asks about billing' },
        { source_agent: 'A', target_agent: 'C', handoff_type: 'condition', condition: '${x}' },
      ],
    });
    expect(handoffToolsFor(workflow, 'A')).toEqual([{ name: 'handoff_to_B', target: 'B', description: 'Hand the conversation to B when the user asks about billing' }]);
    const auto = base({ orchestration_pattern: 'AutoPattern' });
    expect(handoffToolsFor(auto, 'A').map((tool) => [tool.name, tool.description])).toEqual([
      ['handoff_to_B', 'Hand the conversation to B: does B'],
      ['handoff_to_C', 'Hand the conversation to C'],
    ]);
  });
});
