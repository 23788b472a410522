/**
 * The workflows of this build: workflows/registry.generated.ts imports every TypeScript workflow and
 * inlines every YAML one; this module validates them once (a broken workflow is a build-time
 * mistake, so this throws, naming the workflow and the field) and answers lookups.
 */
import { generatedWorkflows } from '@/workflows/registry.generated';
import { derivedPerRegistry } from '@/lib/runtime/global';
import { workflowSchema, type WorkflowDefinition } from './definition';
import { workflowFromFiles, type RegisteredWorkflow } from './yaml';

/** Validates registry entries into workflows, by name. */
export function loadWorkflows(entries: RegisteredWorkflow[]): Map<string, WorkflowDefinition> {
  const workflows = new Map<string, WorkflowDefinition>();
  for (const entry of entries) {
    const input = 'definition' in entry ? entry.definition : workflowFromFiles({ folder: entry.folder, files: entry.files, modules: entry.modules, local: entry.local });
    const parsed = workflowSchema.safeParse(input);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `$.${issue.path.join('.')}: ${issue.message}`);
      throw new Error(`Workflow ${entry.folder} is invalid: ${problems.join('; ')}`);
    }
    if (parsed.data.name !== entry.folder) throw new Error(`Workflow ${entry.folder}: its name "${parsed.data.name}" must equal its folder's`);
    workflows.set(parsed.data.name, parsed.data);
  }
  return workflows;
}

const validated = derivedPerRegistry('workflows', loadWorkflows);

/** Every workflow of this build, by name. */
export function getWorkflows(): Map<string, WorkflowDefinition> {
  return validated(generatedWorkflows);
}

export function getWorkflow(name: string): WorkflowDefinition | undefined {
  return getWorkflows().get(name);
}
