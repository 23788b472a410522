/**
 * Who speaks next (reference §8.1–8.2): a handoff the agent chose through a handoff tool, else a
 * context condition that holds, else the pattern — round robin, random, or the agent's `after_work`
 * target — and finally the user (human in the loop) or the end of the chat.
 */
import type { SpeakerReason } from '@/lib/ai/protocol';
import { TERMINATE_TARGET, USER_TARGET, type HandoffRule, type WorkflowDefinition } from '@/lib/ai/workflows/definition';

/** The prefix of the tools through which an agent hands the turn to another. */
export const HANDOFF_TOOL_PREFIX = 'handoff_to_';

export interface HandoffTool {
  name: string;
  target: string;
  description: string;
}

/** A condition is an expression (evaluated here) when it reads a context variable: `${review.approved} == false`. */
export const isExpression = (condition: string) => condition.includes('${');

/**
 * The handoff tools an agent gets: one per natural-language condition rule in DefaultPattern; in
 * AutoPattern, one per other agent too (the model picks the next speaker, described by its description).
 */
export function handoffToolsFor(workflow: WorkflowDefinition, agent: string): HandoffTool[] {
  const tools = new Map<string, HandoffTool>();
  for (const rule of workflow.handoffs) {
    if (rule.source_agent !== agent || rule.handoff_type !== 'condition' || !rule.condition || isExpression(rule.condition)) continue;
    tools.set(rule.target_agent, { name: `${HANDOFF_TOOL_PREFIX}${rule.target_agent}`, target: rule.target_agent, description: `Hand the conversation to ${rule.target_agent} ${rule.condition.replace(/^(when|if)\b/i, (word) => word.toLowerCase())}` });
  }
  if (workflow.orchestration_pattern === 'AutoPattern') {
    for (const [name, other] of Object.entries(workflow.agents)) {
      if (name === agent || tools.has(name)) continue;
      tools.set(name, { name: `${HANDOFF_TOOL_PREFIX}${name}`, target: name, description: `Hand the conversation to ${name}${other.description ? `: ${other.description}` : ''}` });
    }
  }
  return [...tools.values()];
}

function lookup(context: Record<string, unknown>, path: string): unknown {
  let value: unknown = context;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function literal(text: string): unknown {
  const trimmed = text.trim();
  if (/^(true|false|null)$/.test(trimmed)) return JSON.parse(trimmed);
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  if (/^(['"]).*\1$/.test(trimmed)) return trimmed.slice(1, -1);
  return trimmed;
}

const EXPRESSION = /^\s*(not\s+|!)?\s*\$\{([A-Za-z_][\w.]*)\}\s*(?:(==|!=|>=|<=|>|<)\s*(.+?))?\s*$/;

/**
 * Evaluates `${path}` (truthy), `not ${path}`, or `${path} <op> <literal>` against context variables.
 * Deliberately tiny: conditions are data in a workflow file, never code.
 */
export function evaluateCondition(condition: string, context: Record<string, unknown>): boolean {
  const match = EXPRESSION.exec(condition);
  if (!match) throw new Error(`Unsupported handoff condition "${condition}": use \${variable}, not \${variable}, or \${variable} <op> <value>`);
  const [, negate, path, operator, right] = match;
  const value = lookup(context, path!);
  let result: boolean;
  if (!operator) result = Boolean(value);
  else {
    const other = literal(right!);
    switch (operator) {
      case '==':
        result = value === other;
        break;
      case '!=':
        result = value !== other;
        break;
      default: {
        const [a, b] = [Number(value), Number(other)];
        result = operator === '>' ? a > b : operator === '<' ? a < b : operator === '>=' ? a >= b : a <= b;
      }
    }
  }
  return negate ? !result : result;
}

export interface NextSpeaker {
  /** An agent's name, `user` or `terminate`. */
  target: string;
  reason: SpeakerReason;
}

/** A seeded choice, so a random pattern replays the same way for the same chat. */
function pick<T>(items: T[], seed: string): T {
  let hash = 2166136261;
  for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 16777619);
  return items[Math.abs(hash) % items.length]!;
}

/** Who speaks after `agent`'s turn. `chosen` is the target of a handoff tool the agent called, if any. */
export function nextSpeaker({
  workflow,
  agent,
  chosen,
  context,
  turn,
  seed,
}: {
  workflow: WorkflowDefinition;
  agent: string;
  chosen: string | null;
  context: Record<string, unknown>;
  turn: number;
  seed: string;
}): NextSpeaker {
  if (chosen) return { target: chosen, reason: 'handoff' };
  const rules = workflow.handoffs.filter((rule) => rule.source_agent === agent);
  const expression = rules.find((rule): rule is HandoffRule & { condition: string } => rule.handoff_type === 'condition' && !!rule.condition && isExpression(rule.condition) && evaluateCondition(rule.condition, context));
  if (expression) return { target: expression.target_agent, reason: 'condition' };
  const agents = Object.keys(workflow.agents);
  const fallback = workflow.human_in_the_loop ? USER_TARGET : TERMINATE_TARGET;
  switch (workflow.orchestration_pattern) {
    case 'RoundRobinPattern': {
      const index = agents.indexOf(agent);
      if (index === agents.length - 1 && workflow.human_in_the_loop) return { target: USER_TARGET, reason: 'round_robin' };
      return { target: agents[(index + 1) % agents.length]!, reason: 'round_robin' };
    }
    case 'RandomPattern': {
      const others = agents.filter((name) => name !== agent);
      if (others.length === 0) return { target: fallback, reason: 'random' };
      return { target: pick([...others, ...(workflow.human_in_the_loop ? [USER_TARGET] : [])], `${seed}:${turn}`), reason: 'random' };
    }
    default: {
      // The last after_work rule wins, as in the reference.
      const afterWork = rules.filter((rule) => rule.handoff_type === 'after_work').at(-1);
      return afterWork ? { target: afterWork.target_agent, reason: 'after_work' } : { target: fallback, reason: 'after_work' };
    }
  }
}

/** Who speaks first: the initial agent, else the first declared. */
export function firstSpeaker(workflow: WorkflowDefinition): string {
  return workflow.initial_agent ?? Object.keys(workflow.agents)[0]!;
}
