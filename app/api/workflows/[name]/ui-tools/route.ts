// GET /api/workflows/[workflow_name]/ui-tools — the reference's UI tools; here tools show artifacts instead (docs/ai.md)
import { requireWorkflow } from '@/lib/ai';
import { methods, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ name: string }>({}, ({ params }) => {
    const workflow = requireWorkflow(params.name);
    return { workflow_name: workflow.name, ui_tools_count: 0, ui_tools: [] };
  }),
});
