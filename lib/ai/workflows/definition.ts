/**
 * What a workflow is: agents (system message, model, tools), tools (TypeScript functions or plugin
 * actions), handoffs, an orchestration pattern and its limits — the reference's orchestrator.yaml,
 * agents.yaml, handoffs.yaml and tools.yaml (§8.1), in one validated shape. A workflow is written
 * either in TypeScript (`defineWorkflow` in workflows/<Name>/workflow.ts) or in those YAML files;
 * both end up as a `WorkflowDefinition` parsed by `workflowSchema`.
 */
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { z } from 'zod';
import type { ArtifactInput } from '@/lib/ai/protocol';
import type { Identity } from '@/lib/auth/identity';

/** The reference's orchestration patterns (AG2's names). */
export const ORCHESTRATION_PATTERNS = ['AutoPattern', 'DefaultPattern', 'RoundRobinPattern', 'RandomPattern'] as const;
export type OrchestrationPattern = (typeof ORCHESTRATION_PATTERNS)[number];

/** A handoff's target besides an agent: the user (the run ends and waits for them) or the end of the chat. */
export const USER_TARGET = 'user';
export const TERMINATE_TARGET = 'terminate';
const TARGET_ALIASES: Record<string, string> = { revert_to_user: USER_TARGET, revertotouser: USER_TARGET, human: USER_TARGET, terminate_chat: TERMINATE_TARGET, end: TERMINATE_TARGET };

const agentName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be a letter followed by letters, digits or "_" (at most 64)');
const toolName = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be lower-case letters, digits and "_", starting with a letter (at most 64)');

// ---- What the built-in local model asks a workflow's offline script (see lib/ai/models/local.ts) ----

/** A message of the conversation, as an offline script sees it. */
export type LocalMessage =
  | { role: 'user'; text: string }
  | { role: 'assistant'; text: string; agent: string | null; tool_calls: { name: string; args: Record<string, unknown> }[] }
  | { role: 'tool'; tool_name: string; result: unknown };

/** One model call of one agent, for an offline script to answer deterministically. */
export interface LocalTurn {
  agent: string;
  messages: LocalMessage[];
  /** The last thing the user said, or null. */
  lastUserText: string | null;
  /** Tool results since the agent last heard from the user (or since its turn began), oldest first. */
  toolResults: { tool_name: string; result: unknown }[];
  /** The tools this agent may call now (handoff tools included). */
  tools: string[];
  /** The chat's context variables, structured outputs included (under the agent's name). */
  context: Record<string, unknown>;
}

/** What an offline script answers: text, tool calls (with optional text before them), or a structured output. */
export type LocalReply = { text: string } | { text?: string; tool_calls: { name: string; args: Record<string, unknown> }[] } | { object: unknown };

/** An agent's behaviour under the built-in model: deterministic, for development and tests without an API key. */
export type LocalScript = (turn: LocalTurn) => LocalReply;

// ---- Tools ----

/** What a TypeScript tool receives besides its input. */
export interface ToolContext {
  /** The chat's user, as the runtime verified them: tools act with exactly these rights. */
  identity: Identity;
  chat_id: string;
  workflow_name: string;
  agent: string;
  /** The chat's context variables; what a tool sets here handoff conditions can read (`${name}`). */
  context: Record<string, unknown>;
  /** Runs a plugin action through the Director, as the user: their tenant, plan, roles and rate limits apply. */
  executePlugin(plugin: string, action: string, input?: Record<string, unknown>): Promise<unknown>;
  /** Shows an artifact (core.markdown, core.card, core.list, core.table, core.form) in the chat's panel. */
  emitArtifact(artifact: ArtifactInput): void;
  /** Asks the user a question and waits for their answer (a `chat.input_request` of kind text). */
  requestInput(prompt: string): Promise<string>;
  /** Aborted when the user stops the run. */
  signal: AbortSignal;
}

interface ToolBase {
  /** What the model reads to decide when to call it. */
  description?: string;
  /** A short human label for the tool-call card; defaults to the name. */
  title?: string;
  /** The user must approve each call in the chat before it runs. (Destructive plugin actions always need it.) */
  requires_approval?: boolean;
}

/** A tool that runs a plugin action through the Director with the chat user's identity. */
export interface PluginToolDefinition extends ToolBase {
  kind: 'plugin';
  plugin: string;
  action: string;
  /** The input schema, when the plugin's own cannot be read here (a sandboxed plugin). */
  input?: z.ZodType<Record<string, unknown>>;
  /** Turns the action's result into an artifact for the panel. */
  artifact?: (result: unknown, input: Record<string, unknown>) => ArtifactInput | null;
}

/** A TypeScript function tool. */
export interface FunctionToolDefinition<Input extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>> extends ToolBase {
  kind: 'function';
  input: Input;
  handler: (input: z.output<Input>, ctx: ToolContext) => Promise<unknown> | unknown;
}

export type ToolDefinition = PluginToolDefinition | FunctionToolDefinition;

/** A plugin action as a tool: `pluginTool({ plugin: 'task_manager', action: 'create', description })`. */
export function pluginTool(definition: Omit<PluginToolDefinition, 'kind'>): PluginToolDefinition {
  return { kind: 'plugin', ...definition };
}

/** A TypeScript function as a tool; its input schema is checked before the handler runs. */
export function functionTool<Input extends z.ZodType<Record<string, unknown>>>(definition: Omit<FunctionToolDefinition<Input>, 'kind'>): FunctionToolDefinition {
  return { kind: 'function', ...definition } as unknown as FunctionToolDefinition;
}

// ---- The workflow ----

const handoffTarget = z
  .string()
  .trim()
  .min(1)
  .transform((value) => TARGET_ALIASES[value.toLowerCase()] ?? (value.toLowerCase() === USER_TARGET || value.toLowerCase() === TERMINATE_TARGET ? value.toLowerCase() : value));

const handoffSchema = z.object({
  source_agent: agentName,
  target_agent: handoffTarget,
  /** `after_work`: where the turn goes when the agent is done. `condition`: only when `condition` holds. */
  handoff_type: z.enum(['after_work', 'condition']).default('after_work'),
  /**
   * Natural language ("when the draft needs changes"): the agent decides, through a handoff tool.
   * With `${variable}`: an expression over context variables, evaluated after the agent's turn.
   */
  condition: z.string().trim().min(1).optional(),
});
export type HandoffRule = z.output<typeof handoffSchema>;

const agentSchema = z.object({
  system_message: z.string().trim().min(1, 'system_message is required'),
  /** What the agent does, for other agents' handoff tools. */
  description: z.string().optional(),
  /**
   * This agent's model: an id for the configured OpenAI-compatible endpoint (default MOZAIKS_AI_MODEL),
   * or, in a TypeScript workflow, any AI SDK model — `anthropic('claude-…')` from `@ai-sdk/anthropic`,
   * `google('gemini-…')` — which is then used whatever the environment says.
   */
  model: z
    .union([
      z.string().trim().min(1),
      z.custom<LanguageModelV3>((value) => typeof value === 'object' && value !== null && typeof (value as LanguageModelV3).doStream === 'function', 'must be a model id or an AI SDK model'),
    ])
    .optional(),
  /** The tools it may call, by name. */
  tools: z.array(toolName).default([]),
  /** Model calls per turn (tool calls and their follow-ups) before the turn ends regardless. */
  max_consecutive_auto_reply: z.number().int().min(1).max(50).default(8),
  /** Its final answer must match this schema (a zod object); stored in context under the agent's name. */
  structured_output: z.custom<z.ZodType>((value) => value instanceof z.ZodType, 'must be a zod schema').optional(),
  /** Its behaviour under the built-in local model (no API key): a deterministic script. */
  local: z.custom<LocalScript>((value) => typeof value === 'function', 'must be a function').optional(),
});

const toolSchema = z.custom<ToolDefinition>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    (((value as ToolDefinition).kind === 'plugin' && typeof (value as PluginToolDefinition).plugin === 'string' && typeof (value as PluginToolDefinition).action === 'string') ||
      ((value as ToolDefinition).kind === 'function' && typeof (value as FunctionToolDefinition).handler === 'function' && (value as FunctionToolDefinition).input instanceof z.ZodType)),
  'must be pluginTool({ plugin, action }) or functionTool({ input, handler })',
);

export const workflowSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'must be a letter followed by letters, digits, "_" or "-"'),
    display_name: z.string().trim().min(1).optional(),
    description: z.string().default(''),
    icon: z.string().default('sparkles'),
    /** Agent turns in one run (from a user message until the turn returns to them) before it stops. */
    max_turns: z.number().int().min(1).max(500).default(50),
    orchestration_pattern: z.enum(ORCHESTRATION_PATTERNS, { message: `must be one of ${ORCHESTRATION_PATTERNS.join(', ')}` }).default('AutoPattern'),
    /** `AgentDriven`: the first agent speaks when the chat starts. `UserDriven`: it waits for the user. */
    startup_mode: z.enum(['AgentDriven', 'UserDriven']).default('AgentDriven'),
    /** Whether the turn returns to the user when no handoff says otherwise (else the chat ends). */
    human_in_the_loop: z.boolean().default(true),
    initial_agent: agentName.optional(),
    /** With AgentDriven: what the first agent is told to start with (not shown as the user's). */
    initial_message: z.string().optional(),
    /** Shown to the user when the chat opens. */
    initial_message_to_user: z.string().optional(),
    /** Agents whose text the user sees; the others' is kept as a hidden trace. Unset: all. */
    visual_agents: z.array(agentName).optional(),
    agents: z.record(agentName, agentSchema).refine((agents) => Object.keys(agents).length > 0, 'at least one agent is required'),
    tools: z.record(toolName, toolSchema).default({}),
    handoffs: z.array(handoffSchema).default([]),
  })
  .superRefine((workflow, ctx) => {
    const agents = Object.keys(workflow.agents);
    const isTarget = (target: string) => target === USER_TARGET || target === TERMINATE_TARGET || agents.includes(target);
    if (workflow.initial_agent && !agents.includes(workflow.initial_agent)) {
      ctx.addIssue({ code: 'custom', path: ['initial_agent'], message: `"${workflow.initial_agent}" is not one of the agents (${agents.join(', ')})` });
    }
    for (const name of workflow.visual_agents ?? []) {
      if (!agents.includes(name)) ctx.addIssue({ code: 'custom', path: ['visual_agents'], message: `"${name}" is not one of the agents` });
    }
    for (const [name, agent] of Object.entries(workflow.agents)) {
      for (const tool of agent.tools) {
        if (!workflow.tools[tool]) ctx.addIssue({ code: 'custom', path: ['agents', name, 'tools'], message: `tool "${tool}" is not defined in the workflow's tools` });
      }
    }
    workflow.handoffs.forEach((rule, index) => {
      if (!agents.includes(rule.source_agent)) ctx.addIssue({ code: 'custom', path: ['handoffs', index, 'source_agent'], message: `"${rule.source_agent}" is not one of the agents` });
      if (!isTarget(rule.target_agent)) {
        ctx.addIssue({ code: 'custom', path: ['handoffs', index, 'target_agent'], message: `"${rule.target_agent}" is not an agent, "user" or "terminate"` });
      }
      if (rule.handoff_type === 'condition' && !rule.condition) {
        ctx.addIssue({ code: 'custom', path: ['handoffs', index, 'condition'], message: 'a condition handoff needs its condition' });
      }
    });
  });

/** What `defineWorkflow` accepts (defaults filled in at load). */
export type WorkflowInput = z.input<typeof workflowSchema>;
/** A validated workflow. */
export type WorkflowDefinition = z.output<typeof workflowSchema>;
export type AgentDefinition = WorkflowDefinition['agents'][string];

/** Declares a workflow in TypeScript (workflows/<Name>/workflow.ts, as its default export). */
export function defineWorkflow(definition: WorkflowInput): WorkflowInput {
  return definition;
}
