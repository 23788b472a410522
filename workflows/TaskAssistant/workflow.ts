/**
 * The task assistant: manages the user's tasks through the task_manager plugin's own actions, run
 * through the Director as the user (their tasks only, their plan, their rate limits). Deleting is a
 * destructive action, so every delete waits for the user's approval in the chat.
 */
import { defineWorkflow, pluginTool } from '@/lib/ai/workflows/definition';
import { taskAssistantScript } from './local';

interface TaskItem {
  id: string;
  title: string;
  status: string;
  due_date: string | null;
}

export default defineWorkflow({
  name: 'TaskAssistant',
  display_name: 'Task assistant',
  description: 'Adds, lists, completes and deletes your tasks in Task Manager. Deleting asks you first.',
  icon: 'list-checks',
  orchestration_pattern: 'DefaultPattern',
  startup_mode: 'UserDriven',
  human_in_the_loop: true,
  max_turns: 4,
  initial_message_to_user: 'Hi! I can add, list, complete or delete your tasks. Try “add a task Buy milk due tomorrow”.',
  agents: {
    TaskAssistant: {
      description: 'Manages the user’s tasks.',
      system_message: [
        '[ROLE] You are the task assistant of this app. You manage the user’s tasks only through your tools.',
        '[GUIDELINES] Look tasks up with list_tasks before changing or deleting one, and use its id. Dates are YYYY-MM-DD.',
        'Never claim a change you did not make. If a tool fails or the user declines, say so plainly.',
        '[OUTPUT FORMAT] Short, friendly sentences.',
      ].join('\n'),
      tools: ['list_tasks', 'create_task', 'complete_task', 'delete_task'],
      local: taskAssistantScript,
    },
  },
  tools: {
    list_tasks: pluginTool({
      plugin: 'task_manager',
      action: 'list',
      title: 'List tasks',
      artifact: (result) => {
        const items = ((result as { items?: TaskItem[] }).items ?? []).map((task) => ({ title: task.title, status: task.status, due: task.due_date ?? '—' }));
        return {
          type: 'core.table',
          title: 'Your tasks',
          columns: [
            { key: 'title', label: 'Task' },
            { key: 'status', label: 'Status', type: 'badge' },
            { key: 'due', label: 'Due' },
          ],
          rows: items,
        };
      },
    }),
    create_task: pluginTool({ plugin: 'task_manager', action: 'create', title: 'Add a task' }),
    complete_task: pluginTool({
      plugin: 'task_manager',
      action: 'update',
      title: 'Update a task',
      description: 'Changes a task by id; set status to "done" to complete it, or "open" to reopen it.',
    }),
    delete_task: pluginTool({ plugin: 'task_manager', action: 'delete', title: 'Delete a task' }),
  },
});
