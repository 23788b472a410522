/**
 * A scripted model for the OpenAI stand-in: it recognises which agent of which shipped workflow is
 * calling (by its system message) and answers with that agent's offline script — the same
 * deterministic behaviour as the built-in local model, but over OpenAI's wire protocol, so specs can
 * drive the whole HTTP path (streamed chunks, tool calls and their results sent back) with
 * conversations that make sense.
 */
import type { LocalMessage, LocalReply, LocalScript, LocalTurn } from '@/lib/ai/workflows/definition';
import { getWorkflows } from '@/lib/ai/workflows/registry';
import type { ChatMessage, RecordedRequest, ScriptedReply } from './openai-server';

interface Agent {
  name: string;
  script: LocalScript | undefined;
}

function agentsBySystemMessage(): Map<string, Agent> {
  const agents = new Map<string, Agent>();
  for (const workflow of getWorkflows().values()) {
    for (const [name, agent] of Object.entries(workflow.agents)) agents.set(agent.system_message, { name, script: agent.local });
  }
  return agents;
}

const textOf = (content: ChatMessage['content']) =>
  typeof content === 'string' ? content : Array.isArray(content) ? content.map((part) => (typeof part.text === 'string' ? part.text : '')).join('') : '';

/** The runtime shows other agents' words as `[Agent] …` user messages; they become that agent's messages again. */
function localMessages(messages: ChatMessage[], self: string): LocalMessage[] {
  const names = new Map<string, string>();
  return messages.flatMap((message): LocalMessage[] => {
    if (message.role === 'user') {
      const text = textOf(message.content);
      const other = /^\[([A-Za-z][A-Za-z0-9_]*)\] ([\s\S]*)$/.exec(text);
      return [other ? { role: 'assistant', agent: other[1]!, text: other[2]!, tool_calls: [] } : { role: 'user', text }];
    }
    if (message.role === 'assistant') {
      const calls = (message.tool_calls ?? []).map((call) => {
        names.set(call.id, call.function.name);
        return { name: call.function.name, args: JSON.parse(call.function.arguments || '{}') as Record<string, unknown> };
      });
      return [{ role: 'assistant', agent: self, text: textOf(message.content), tool_calls: calls }];
    }
    if (message.role === 'tool') {
      let result: unknown = textOf(message.content);
      try {
        result = JSON.parse(String(result));
      } catch {
        // A plain-text tool result stays text.
      }
      return [{ role: 'tool', tool_name: names.get(String(message.tool_call_id)) ?? 'unknown', result }];
    }
    return [];
  });
}

function replyOf(reply: LocalReply): ScriptedReply {
  if ('object' in reply) return { text: JSON.stringify(reply.object) };
  if ('tool_calls' in reply) return { text: reply.text, tool_calls: reply.tool_calls.map((call) => ({ name: call.name, arguments: call.args })) };
  return { text: reply.text };
}

/** A `respond` for startOpenAIServer that plays the shipped workflows' agents. */
export function scriptedWorkflowModel(): (request: RecordedRequest) => ScriptedReply {
  const agents = agentsBySystemMessage();
  return (request) => {
    const messages = request.body.messages ?? [];
    const system = textOf(messages.find((message) => message.role === 'system')?.content ?? '');
    const agent = agents.get(system);
    if (!agent?.script) return { text: 'The scripted model does not know this agent.' };
    const local = localMessages(messages.filter((message) => message.role !== 'system'), agent.name);
    const lastUser = local.map((message, index) => [message, index] as const).findLast(([message]) => message.role === 'user');
    // Tool results since the agent's turn began: after the last message not from this agent's tool loop.
    let start = local.length;
    while (start > 0 && (local[start - 1]!.role === 'tool' || (local[start - 1]!.role === 'assistant' && (local[start - 1] as { agent: string | null }).agent === agent.name && (local[start - 1] as { tool_calls: unknown[] }).tool_calls.length > 0))) start--;
    const turn: LocalTurn = {
      agent: agent.name,
      messages: local,
      lastUserText: lastUser ? (lastUser[0] as { text: string }).text : null,
      toolResults: local.slice(start).flatMap((message) => (message.role === 'tool' ? [{ tool_name: message.tool_name, result: message.result }] : [])),
      tools: (request.body.tools ?? []).map((tool) => tool.function.name),
      context: {},
    };
    return { ...replyOf(agent.script(turn)), chunk_delay_ms: 5 };
  };
}
