/**
 * An agent's tools as the model sees them, and how a call runs. Plugin tools go through the Director
 * (`executePlugin`) with the chat user's own identity, so the user's tenant, plan, roles and rate
 * limits bound what an agent can do, exactly as if the user had clicked; their input schema is the
 * plugin action's own zod schema. Destructive actions always need the user's approval.
 */
import { jsonSchema, type JSONSchema7 } from 'ai';
import { z } from 'zod';
import type { WorkflowDefinition, ToolContext, ToolDefinition } from '@/lib/ai/workflows/definition';
import { executePlugin } from '@/lib/director';
import { ApiError } from '@/lib/errors';
import { parseOrRefuse } from '@/lib/http/validate';
import { getPlugin, getPlugins } from '@/lib/plugins/registry';
import type { ActionDefinition } from '@/lib/plugins/sdk';
import { handoffToolsFor } from './handoffs';

/** A tool ready for a model call. */
export interface ResolvedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: JSONSchema7;
  requiresApproval: boolean;
  /** For handoff tools: the agent (or user/terminate) the turn goes to. */
  handoffTarget?: string;
  definition?: ToolDefinition;
}

function jsonSchemaOf(schema: z.ZodType): JSONSchema7 {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JSONSchema7 & { $schema?: string };
  return rest;
}

function pluginAction(plugin: string, action: string): ActionDefinition | undefined {
  return getPlugin(plugin)?.module?.default?.actions?.[action];
}

function resolveTool(name: string, definition: ToolDefinition): ResolvedTool {
  if (definition.kind === 'function') {
    return {
      name,
      title: definition.title ?? name,
      description: definition.description ?? name,
      inputSchema: jsonSchemaOf(definition.input),
      requiresApproval: definition.requires_approval === true,
      definition,
    };
  }
  const action = pluginAction(definition.plugin, definition.action);
  const input = definition.input ?? action?.input;
  return {
    name,
    title: definition.title ?? `${definition.plugin} · ${definition.action}`,
    description: definition.description ?? action?.description ?? `Runs ${definition.plugin}'s ${definition.action} action`,
    // A plugin missing from this build, or sandboxed without a declared input: any object (the Director refuses it when called).
    inputSchema: input ? jsonSchemaOf(input) : { type: 'object', additionalProperties: true },
    // A workflow may add an approval, never remove the plugin's.
    requiresApproval: action?.destructive === true || definition.requires_approval === true,
    definition,
  };
}

const cache = new WeakMap<WorkflowDefinition, { plugins: unknown; byAgent: Map<string, Map<string, ResolvedTool>> }>();

/** The tools of `agent` (its own and its handoff tools), by name; built once per workflow and plugin registry. */
export function toolsFor(workflow: WorkflowDefinition, agent: string): Map<string, ResolvedTool> {
  const plugins = getPlugins();
  let entry = cache.get(workflow);
  if (!entry || entry.plugins !== plugins) {
    entry = { plugins, byAgent: new Map() };
    cache.set(workflow, entry);
  }
  let tools = entry.byAgent.get(agent);
  if (!tools) {
    tools = new Map();
    for (const name of workflow.agents[agent]?.tools ?? []) tools.set(name, resolveTool(name, workflow.tools[name]!));
    for (const handoff of handoffToolsFor(workflow, agent)) {
      tools.set(handoff.name, {
        name: handoff.name,
        title: `Hand over to ${handoff.target}`,
        description: handoff.description,
        inputSchema: { type: 'object', properties: {}, additionalProperties: false },
        requiresApproval: false,
        handoffTarget: handoff.target,
      });
    }
    entry.byAgent.set(agent, tools);
  }
  return tools;
}

/** The tools in the AI SDK's shape: schemas only, no `execute` — the orchestrator runs calls itself. */
export function sdkTools(tools: Map<string, ResolvedTool>) {
  return Object.fromEntries([...tools.values()].map((tool) => [tool.name, { description: tool.description, inputSchema: jsonSchema(tool.inputSchema) }]));
}

/** Runs one tool call; failures are ApiErrors (the model is shown their detail and code). */
export async function runTool(tool: ResolvedTool, args: Record<string, unknown>, ctx: ToolContext, correlationId?: string): Promise<unknown> {
  const definition = tool.definition;
  if (!definition) throw new ApiError('BAD_REQUEST', `${tool.name} is not a callable tool`);
  if (definition.kind === 'plugin') {
    const plugin = getPlugin(definition.plugin);
    // The action is the tool's, whatever the model put in its arguments; app_id, user_id and _context the Director overwrites.
    return executePlugin({ plugin, pluginName: definition.plugin, identity: ctx.identity, body: { ...args, action: definition.action }, correlationId });
  }
  return definition.handler(parseOrRefuse(definition.input, args, { what: tool.name }), ctx);
}
