// GET /api/workflows — every workflow of this build, by name
import { describeWorkflow, getWorkflows } from '@/lib/ai';
import { methods, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({}, () => Object.fromEntries([...getWorkflows().values()].map((workflow) => [workflow.name, describeWorkflow(workflow)]))),
});
