/**
 * The reference's YAML workflow files (§8.1) → a `WorkflowInput`, so YAML and TypeScript workflows
 * are validated by the same schema. The files are parsed when the registry is generated; tool code
 * lives in the workflow's `tools/*.ts` (the reference's `tools/*.py`), offline scripts in `local.ts`.
 */
import { z } from 'zod';
import { functionTool, pluginTool, type LocalScript, type ToolDefinition, type WorkflowInput } from './definition';

/**
 * One entry of the generated registry: a TypeScript definition, or a YAML workflow's parsed files and
 * modules. Declared here, not in registry.ts, so that workflows/registry.generated.ts does not import
 * the module that imports it.
 */
export type RegisteredWorkflow =
  | { folder: string; definition: WorkflowInput }
  | { folder: string; files: WorkflowFiles; modules: Record<string, Record<string, unknown>>; local?: Record<string, unknown> };

/** The YAML files of one workflow folder, parsed (absent files are undefined). */
export interface WorkflowFiles {
  orchestrator?: unknown;
  agents?: unknown;
  handoffs?: unknown;
  tools?: unknown;
  structured_outputs?: unknown;
}

/** The files a workflow folder may hold, by key, as the generator looks for them. */
export const WORKFLOW_FILES = ['orchestrator', 'agents', 'handoffs', 'tools', 'structured_outputs'] as const;

const orchestratorFile = z.looseObject({
  max_turns: z.number().optional(),
  orchestration_pattern: z.string().optional(),
  startup_mode: z.string().optional(),
  human_in_the_loop: z.union([z.boolean(), z.string()]).optional(),
  initial_agent: z.string().optional(),
  initial_message: z.string().optional(),
  initial_message_to_user: z.string().optional(),
  visual_agents: z.array(z.string()).optional(),
  metadata: z.looseObject({ title: z.string().optional(), description: z.string().optional(), icon: z.string().optional() }).optional(),
});
const agentsFile = z.object({ agents: z.record(z.string(), z.looseObject({ system_message: z.string().optional(), description: z.string().optional(), model: z.string().optional(), max_consecutive_auto_reply: z.number().optional() })) });
const handoffsFile = z.object({ handoffs: z.object({ handoff_rules: z.array(z.looseObject({})).default([]) }) });
const toolEntry = z.looseObject({
  name: z.string().optional(),
  agent: z.union([z.string(), z.array(z.string())]),
  description: z.string().optional(),
  title: z.string().optional(),
  requires_approval: z.boolean().optional(),
  /** A TypeScript tool: `tools/<file>.ts` and the export to call. */
  file: z.string().optional(),
  function: z.string().optional(),
  /** A plugin action as a tool. */
  plugin: z.string().optional(),
  action: z.string().optional(),
});
const toolsFile = z.object({ tools: z.array(toolEntry).default([]) });
const fieldSpec = z.looseObject({ type: z.string(), description: z.string().optional(), values: z.array(z.union([z.string(), z.number()])).optional() });
const structuredOutputsFile = z.object({
  models: z.record(z.string(), z.object({ type: z.literal('model').default('model'), fields: z.record(z.string(), fieldSpec) })),
  registry: z.record(z.string(), z.string()).default({}),
});

/** Thrown with every problem found in one workflow's files. */
export class WorkflowFilesError extends Error {
  constructor(
    readonly folder: string,
    readonly problems: string[],
  ) {
    super(`workflows/${folder}: ${problems.join('; ')}`);
    this.name = 'WorkflowFilesError';
  }
}

function parseFile<S extends z.ZodType>(folder: string, file: string, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new WorkflowFilesError(folder, parsed.error.issues.map((issue) => `${file}.yaml $.${issue.path.join('.')}: ${issue.message}`));
}

function truthy(value: boolean | string | undefined): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  return ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}

/** A structured_outputs.yaml field type → zod. */
function fieldSchema(spec: z.output<typeof fieldSpec>, models: Record<string, z.ZodType>): z.ZodType {
  const base = ((): z.ZodType => {
    switch (spec.type) {
      case 'str':
        return z.string();
      case 'optional_str':
        return z.string().nullable().optional();
      case 'int':
        return z.number().int();
      case 'float':
        return z.number();
      case 'bool':
        return z.boolean();
      case 'list':
        return z.array(z.unknown());
      case 'dict':
        return z.record(z.string(), z.unknown());
      case 'literal':
        return z.enum((spec.values ?? []).map(String) as [string, ...string[]]);
      default: {
        const list = /^list\[(\w+)\]$/.exec(spec.type);
        if (list && models[list[1]!]) return z.array(models[list[1]!]!);
        if (models[spec.type]) return models[spec.type]!;
        throw new Error(`unknown field type "${spec.type}"`);
      }
    }
  })();
  return spec.description ? base.describe(spec.description) : base;
}

function structuredOutputs(folder: string, value: unknown): Record<string, z.ZodType> {
  if (value === undefined) return {};
  const file = parseFile(folder, 'structured_outputs', structuredOutputsFile, value);
  const models: Record<string, z.ZodType> = {};
  try {
    for (const [name, model] of Object.entries(file.models)) {
      models[name] = z.object(Object.fromEntries(Object.entries(model.fields).map(([field, spec]) => [field, fieldSchema(spec, models)])));
    }
  } catch (error) {
    throw new WorkflowFilesError(folder, [`structured_outputs.yaml: ${(error as Error).message}`]);
  }
  const byAgent: Record<string, z.ZodType> = {};
  for (const [agent, model] of Object.entries(file.registry)) {
    if (!models[model]) throw new WorkflowFilesError(folder, [`structured_outputs.yaml $.registry.${agent}: no model "${model}"`]);
    byAgent[agent] = models[model];
  }
  return byAgent;
}

/** A tool module's export: a functionTool(...) definition, or a plain function taking any object. */
function functionToolOf(exported: unknown, entry: z.output<typeof toolEntry>): ToolDefinition | null {
  if (typeof exported === 'object' && exported !== null && (exported as ToolDefinition).kind === 'function') return exported as ToolDefinition;
  if (typeof exported !== 'function') return null;
  return functionTool({
    description: entry.description,
    input: z.record(z.string(), z.unknown()),
    handler: exported as (input: Record<string, unknown>) => unknown,
  });
}

/**
 * Builds the workflow from its parsed YAML files. `modules` maps `tools/<file>` (no extension) to the
 * imported module; `local` is the workflow's local.ts, whose exports named after agents are their
 * offline scripts.
 */
export function workflowFromFiles({
  folder,
  files,
  modules,
  local,
}: {
  folder: string;
  files: WorkflowFiles;
  modules: Record<string, Record<string, unknown>>;
  local?: Record<string, unknown>;
}): WorkflowInput {
  const orchestrator = parseFile(folder, 'orchestrator', orchestratorFile, files.orchestrator ?? {});
  const agentsYaml = parseFile(folder, 'agents', agentsFile, files.agents ?? { agents: {} });
  const handoffs = files.handoffs === undefined ? [] : parseFile(folder, 'handoffs', handoffsFile, files.handoffs).handoffs.handoff_rules;
  const toolEntries = files.tools === undefined ? [] : parseFile(folder, 'tools', toolsFile, files.tools).tools;
  const outputs = structuredOutputs(folder, files.structured_outputs);

  const problems: string[] = [];
  const tools: Record<string, ToolDefinition> = {};
  const agentTools = new Map<string, string[]>();
  toolEntries.forEach((entry, index) => {
    const name = entry.name ?? entry.function ?? (entry.plugin && entry.action ? `${entry.plugin.replaceAll('.', '_')}_${entry.action}` : undefined);
    if (!name) return problems.push(`tools.yaml $.tools.${index}: a tool needs a name (or a function)`);
    let tool: ToolDefinition | null = null;
    if (entry.plugin || entry.action) {
      if (!entry.plugin || !entry.action) return problems.push(`tools.yaml $.tools.${index}: a plugin tool needs both plugin and action`);
      tool = pluginTool({ plugin: entry.plugin, action: entry.action, description: entry.description, title: entry.title, requires_approval: entry.requires_approval });
    } else {
      const file = entry.file?.replace(/\.(ts|js|py)$/, '').replace(/^(\.\/)?/, '');
      const key = file?.startsWith('tools/') ? file : `tools/${file}`;
      const toolModule = file ? modules[key] : undefined;
      if (!toolModule) return problems.push(`tools.yaml $.tools.${index}: no module ${key}.ts in the workflow folder`);
      tool = functionToolOf(toolModule[entry.function ?? name], entry);
      if (!tool) return problems.push(`tools.yaml $.tools.${index}: ${key}.ts exports no function "${entry.function ?? name}"`);
      tool = { ...tool, description: entry.description ?? tool.description, title: entry.title ?? tool.title, requires_approval: entry.requires_approval ?? tool.requires_approval };
    }
    tools[name] = tool;
    for (const agent of [entry.agent].flat()) agentTools.set(agent, [...(agentTools.get(agent) ?? []), name]);
  });
  if (problems.length) throw new WorkflowFilesError(folder, problems);

  const agents = Object.fromEntries(
    Object.entries(agentsYaml.agents).map(([name, agent]) => [
      name,
      {
        ...agent,
        system_message: agent.system_message ?? '',
        tools: agentTools.get(name) ?? [],
        structured_output: outputs[name],
        local: typeof local?.[name] === 'function' ? (local[name] as LocalScript) : undefined,
      },
    ]),
  );
  const { metadata, human_in_the_loop, ...rest } = orchestrator;
  return {
    ...(rest as Partial<WorkflowInput>),
    name: folder,
    display_name: metadata?.title,
    description: metadata?.description ?? '',
    icon: metadata?.icon,
    human_in_the_loop: truthy(human_in_the_loop),
    agents,
    tools,
    handoffs: handoffs as WorkflowInput['handoffs'],
  } as WorkflowInput;
}
