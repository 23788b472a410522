// GET /api/workflows/[workflow_name]/tools — a workflow's tools, as its agents see them
import { requireWorkflow, workflowTools } from '@/lib/ai';
import { methods, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ name: string }>({}, ({ params }) => {
    const workflow = requireWorkflow(params.name);
    return { workflow_name: workflow.name, tools: workflowTools(workflow) };
  }),
});
