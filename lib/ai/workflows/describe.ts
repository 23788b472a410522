/**
 * Workflows as the API shows them: what they do, their agents, tools and handoffs. System messages
 * stay on the server (an app's prompts are its own work), unlike the reference's full config dump.
 */
import { toolsFor } from '@/lib/ai/runtime/tools';
import type { WorkflowDefinition } from './definition';

export function describeWorkflow(workflow: WorkflowDefinition) {
  return {
    name: workflow.name,
    display_name: workflow.display_name ?? workflow.name,
    description: workflow.description,
    icon: workflow.icon,
    orchestration_pattern: workflow.orchestration_pattern,
    startup_mode: workflow.startup_mode,
    human_in_the_loop: workflow.human_in_the_loop,
    max_turns: workflow.max_turns,
    initial_agent: workflow.initial_agent ?? Object.keys(workflow.agents)[0],
    visual_agents: workflow.visual_agents ?? Object.keys(workflow.agents),
    agents: Object.fromEntries(
      Object.entries(workflow.agents).map(([name, agent]) => [name, { description: agent.description ?? '', tools: agent.tools, structured_output: Boolean(agent.structured_output) }]),
    ),
    handoffs: workflow.handoffs,
  };
}

/** Every tool of the workflow as the model sees it, with the agents that may call it. */
export function workflowTools(workflow: WorkflowDefinition) {
  const byName = new Map<string, { name: string; title: string; description: string; agents: string[]; requires_approval: boolean; kind: string; input_schema: unknown }>();
  for (const agent of Object.keys(workflow.agents)) {
    for (const tool of toolsFor(workflow, agent).values()) {
      const known = byName.get(tool.name);
      if (known) known.agents.push(agent);
      else
        byName.set(tool.name, {
          name: tool.name,
          title: tool.title,
          description: tool.description,
          agents: [agent],
          requires_approval: tool.requiresApproval,
          kind: tool.handoffTarget ? 'handoff' : (tool.definition?.kind ?? 'function'),
          input_schema: tool.inputSchema,
        });
    }
  }
  return [...byName.values()];
}
