// GET /api/workflows/[workflow_name]/transport — how clients reach a workflow's chats
import { requireWorkflow } from '@/lib/ai';
import { methods, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ name: string }>({}, ({ params }) => {
    const workflow = requireWorkflow(params.name);
    return {
      workflow_name: workflow.name,
      transport: 'socket.io',
      endpoints: { websocket: '/socket.io', join_event: 'chat.join', input: '/chat/{app_id}/{chat_id}/{user_id}/input' },
    };
  }),
});
