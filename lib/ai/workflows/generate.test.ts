import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateWorkflowRegistry } from './generate';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'mozaiks-workflows-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, 'workflows', file)), { recursive: true });
    writeFileSync(path.join(root, 'workflows', file), content);
  }
  return root;
}

describe('the workflow registry generator', () => {
  it('imports TypeScript workflows, inlines YAML ones with their tool modules, and reports staleness', () => {
    const root = project({
      'Alpha/workflow.ts': 'export default {}',
      'Beta/agents.yaml': 'agents:\n  Writer:\n    system_message: hi\n',
      'Beta/tools/count.ts': 'export const count = () => 1',
      'Beta/local.ts': 'export const Writer = () => ({ text: "x" })',
      '_drafts/agents.yaml': 'ignored: true',
    });
    expect(generateWorkflowRegistry({ root, check: true }).stale).toEqual(['workflows/registry.generated.ts']);
    expect(generateWorkflowRegistry({ root }).workflows).toEqual(['Alpha', 'Beta']);
    const generated = readFileSync(path.join(root, 'workflows/registry.generated.ts'), 'utf8');
    expect(generated).toContain("import Alpha from './Alpha/workflow';");
    expect(generated).toContain("import * as Beta__tools_count from './Beta/tools/count';");
    expect(generated).toContain('"system_message":"hi"');
    expect(generateWorkflowRegistry({ root, check: true }).stale).toEqual([]);
  });

  it('names broken YAML and ambiguous folders', () => {
    expect(() => generateWorkflowRegistry({ root: project({ 'Bad/agents.yaml': 'agents: [unclosed' }) })).toThrow(/workflows\/Bad\/agents\.yaml/);
    expect(() => generateWorkflowRegistry({ root: project({ 'Both/workflow.ts': '', 'Both/agents.yaml': 'agents: {}' }) })).toThrow(/both workflow\.ts and YAML/);
    expect(() => generateWorkflowRegistry({ root: project({ 'Empty/readme.md': '' }) })).toThrow(/neither workflow\.ts nor/);
  });
});
