import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadWorkflows } from './registry';
import { functionTool } from './definition';

const files = {
  orchestrator: { orchestration_pattern: 'DefaultPattern', human_in_the_loop: 'false', max_turns: 3, metadata: { title: 'Flow', description: 'A flow', icon: 'pen-line' } },
  agents: { agents: { Writer: { system_message: 'write' }, Checker: { system_message: 'check' } } },
  handoffs: { handoffs: { handoff_rules: [{ source_agent: 'Writer', target_agent: 'Checker' }, { source_agent: 'Checker', target_agent: 'TERMINATE', handoff_type: 'after_work' }] } },
  tools: {
    tools: [
      { name: 'count', agent: 'Checker', file: 'tools/count.ts', function: 'count', description: 'Counts words' },
      { agent: ['Writer', 'Checker'], plugin: 'notes', action: 'list' },
    ],
  },
  structured_outputs: { models: { Verdict: { type: 'model', fields: { ok: { type: 'bool' }, level: { type: 'literal', values: ['low', 'high'] } } } }, registry: { Checker: 'Verdict' } },
};

describe('YAML workflows (the reference’s files)', () => {
  it('become the same validated shape as a TypeScript workflow', () => {
    const count = functionTool({ input: z.object({ text: z.string() }), handler: ({ text }) => text.split(' ').length });
    const workflow = loadWorkflows([{ folder: 'Flow', files, modules: { 'tools/count': { count } }, local: { Writer: () => ({ text: 'hi' }) } }]).get('Flow')!;
    expect(workflow).toMatchObject({ name: 'Flow', display_name: 'Flow', icon: 'pen-line', human_in_the_loop: false, max_turns: 3, orchestration_pattern: 'DefaultPattern' });
    expect(workflow.agents.Checker!.tools).toEqual(['count', 'notes_list']);
    expect(workflow.agents.Writer!.tools).toEqual(['notes_list']);
    expect(workflow.tools.count).toMatchObject({ kind: 'function', description: 'Counts words' });
    expect(workflow.tools.notes_list).toMatchObject({ kind: 'plugin', plugin: 'notes', action: 'list' });
    // "TERMINATE" is the reference's spelling of the end.
    expect(workflow.handoffs[1]!.target_agent).toBe('terminate');
    expect(workflow.agents.Checker!.structured_output!.safeParse({ ok: true, level: 'high' }).success).toBe(true);
    expect(workflow.agents.Checker!.structured_output!.safeParse({ ok: true, level: 'mid' }).success).toBe(false);
    expect(typeof workflow.agents.Writer!.local).toBe('function');
  });

  it('name the file and field of each mistake', () => {
    const broken = { ...files, handoffs: { handoffs: { handoff_rules: [{ source_agent: 'Writer', target_agent: 'Nobody' }] } }, tools: { tools: [] } };
    expect(() => loadWorkflows([{ folder: 'Flow', files: broken, modules: {} }])).toThrow(/handoffs\.0\.target_agent: "Nobody" is not an agent/);
    expect(() => loadWorkflows([{ folder: 'Flow', files: { ...files, tools: { tools: [{ agent: 'Writer', file: 'tools/missing.ts', function: 'x' }] } }, modules: {} }])).toThrow(/no module tools\/missing\.ts/);
    expect(() => loadWorkflows([{ folder: 'Flow', files: { ...files, orchestrator: { orchestration_pattern: 'SwarmPattern' } }, modules: { 'tools/count': { count: () => 1 } } }])).toThrow(/orchestration_pattern: must be one of/);
  });
});
