import { describe, expect, it } from 'vitest';
import type { AnyChatEvent, ChatEventData, ChatEventType, ChatMeta } from '../protocol';
import { addPendingMessage, applyEvent, applyEvents, applyMeta, createTranscript, dropPendingMessage, isStreaming, type TranscriptState } from './transcript';

const CHAT = 'chat_1';

/** Events of one chat, numbered 1, 2, 3… as the server numbers them. */
function stream() {
  let seq = 0;
  return <T extends ChatEventType>(type: T, data: ChatEventData[T]): AnyChatEvent =>
    ({ type, chat_id: CHAT, seq: ++seq, timestamp: new Date(0).toISOString(), data }) as AnyChatEvent;
}

function fold(events: AnyChatEvent[], state: TranscriptState = createTranscript(CHAT)): TranscriptState {
  return applyEvents(state, events);
}

const texts = (state: TranscriptState) => state.items.flatMap((item) => (item.kind === 'text' ? [item.content] : []));

describe('transcript', () => {
  it('joins streamed chunks into one message and takes the final content when it ends', () => {
    const e = stream();
    const streaming = fold([
      e('chat.run_start', { run_id: 'r1', workflow_name: 'TaskAssistant' }),
      e('chat.text_start', { message_id: 'm1', agent: 'assistant', visible: true }),
      e('chat.text', { message_id: 'm1', agent: 'assistant', delta: 'Hel' }),
      e('chat.text', { message_id: 'm1', agent: 'assistant', delta: 'lo' }),
    ]);
    expect(texts(streaming)).toEqual(['Hello']);
    expect(isStreaming(streaming)).toBe(true);
    expect(streaming.lastCompleted).toBeNull();

    const ended = applyEvent(streaming, e('chat.text_end', { message_id: 'm1', agent: 'assistant', content: 'Hello!' }));
    expect(texts(ended)).toEqual(['Hello!']);
    expect(isStreaming(ended)).toBe(false);
    expect(ended.lastCompleted).toMatchObject({ messageId: 'm1', content: 'Hello!', seq: 5 });
  });

  it('ignores an event replayed after a reconnect, and events of another chat', () => {
    const e = stream();
    const events = [
      e('chat.text_start', { message_id: 'm1', agent: 'assistant', visible: true }),
      e('chat.text', { message_id: 'm1', agent: 'assistant', delta: 'one ' }),
      e('chat.text', { message_id: 'm1', agent: 'assistant', delta: 'two' }),
    ];
    const state = fold(events);
    expect(state.lastSeq).toBe(3);
    // The server replays from the last_sequence it was given; anything at or below what we have is a duplicate.
    const replayed = fold([events[1]!, events[2]!], state);
    expect(texts(replayed)).toEqual(['one two']);
    expect(replayed).toBe(state);

    const foreign = { ...e('chat.text', { message_id: 'm1', agent: 'assistant', delta: ' three' }), chat_id: 'other' } as AnyChatEvent;
    expect(texts(applyEvent(state, foreign))).toEqual(['one two']);
  });

  it('steps over an event type it does not show, so the next join does not ask for it again', () => {
    const unknown = { type: 'chat.something_new', chat_id: CHAT, seq: 1, timestamp: new Date(0).toISOString(), data: {} } as unknown as AnyChatEvent;
    const state = applyEvent(createTranscript(CHAT), unknown);
    expect(state.lastSeq).toBe(1);
    expect(state.items).toEqual([]);
  });

  it('applies events in sequence order even if they arrive out of order', () => {
    const e = stream();
    const start = e('chat.text_start', { message_id: 'm1', agent: 'a', visible: true });
    const first = e('chat.text', { message_id: 'm1', agent: 'a', delta: 'A' });
    const second = e('chat.text', { message_id: 'm1', agent: 'a', delta: 'B' });
    expect(texts(fold([second, start, first]))).toEqual(['AB']);
  });

  it('keeps a finished message as it ended when late chunks for it arrive', () => {
    const e = stream();
    const state = fold([
      e('chat.text_start', { message_id: 'm1', agent: 'a', visible: true }),
      e('chat.text_end', { message_id: 'm1', agent: 'a', content: 'Final.' }),
      e('chat.text', { message_id: 'm1', agent: 'a', delta: ' stray' }),
      e('chat.text_start', { message_id: 'm1', agent: 'a', visible: true }),
    ]);
    expect(state.items).toHaveLength(1);
    expect(texts(state)).toEqual(['Final.']);
    expect(isStreaming(state)).toBe(false);
  });

  it('shows a message whose start it never saw, and hides messages marked invisible', () => {
    const e = stream();
    const state = fold([
      e('chat.text', { message_id: 'm1', agent: 'a', delta: 'late start' }),
      e('chat.text_start', { message_id: 'hidden', agent: 'router', visible: false }),
      e('chat.text', { message_id: 'hidden', agent: 'router', delta: 'internal' }),
      e('chat.text_end', { message_id: 'hidden', agent: 'router', content: 'internal' }),
    ]);
    expect(texts(state)).toEqual(['late start']);
    expect(state.lastCompleted).toBeNull();
  });

  it('takes a tool that needs approval from awaiting-approval to denied', () => {
    const e = stream();
    const args = { id: 't1', title: 'Buy milk' };
    const asked = fold([
      e('chat.run_start', { run_id: 'r1', workflow_name: 'TaskAssistant' }),
      e('chat.tool_call', { tool_call_id: 'c1', tool_name: 'delete_task', title: 'Delete task', agent: 'assistant', args, requires_approval: true }),
      e('chat.input_request', { input_request_id: 'i1', kind: 'approval', prompt: 'Delete "Buy milk"?', agent: 'assistant', tool_call_id: 'c1', tool_name: 'delete_task', args }),
    ]);
    const tool = () => asked.items.find((item) => item.kind === 'tool');
    expect(tool()).toMatchObject({ status: 'awaiting_approval', args });
    expect(asked.openInputs.map((input) => input.input_request_id)).toEqual(['i1']);
    expect(asked.runState).toBe('waiting');

    const denied = fold(
      [
        e('chat.input_ack', { input_request_id: 'i1', status: 'denied' }),
        e('chat.tool_response', { tool_call_id: 'c1', tool_name: 'delete_task', status: 'denied' }),
      ],
      asked,
    );
    expect(denied.items.find((item) => item.kind === 'tool')).toMatchObject({ status: 'denied' });
    expect(denied.items.find((item) => item.kind === 'input')).toMatchObject({ state: 'denied' });
    expect(denied.openInputs).toEqual([]);
    expect(denied.runState).toBe('running');
  });

  it('runs an approved tool and records its result, or its error', () => {
    const e = stream();
    const state = fold([
      e('chat.tool_call', { tool_call_id: 'c1', tool_name: 'delete_task', title: 'Delete task', agent: 'a', args: {}, requires_approval: true }),
      e('chat.input_request', { input_request_id: 'i1', kind: 'approval', prompt: 'Delete?', agent: 'a', tool_call_id: 'c1' }),
      e('chat.input_ack', { input_request_id: 'i1', status: 'approved' }),
    ]);
    expect(state.items.find((item) => item.kind === 'tool')).toMatchObject({ status: 'pending' });

    const ok = applyEvent(state, e('chat.tool_response', { tool_call_id: 'c1', tool_name: 'delete_task', status: 'ok', result: { deleted: true } }));
    expect(ok.items.find((item) => item.kind === 'tool')).toMatchObject({ status: 'ok', result: { deleted: true } });

    const f = stream();
    const failed = fold([
      f('chat.tool_call', { tool_call_id: 'c2', tool_name: 'list_tasks', title: 'List tasks', agent: 'a', args: {}, requires_approval: false }),
      f('chat.tool_response', { tool_call_id: 'c2', tool_name: 'list_tasks', status: 'error', error: { detail: 'No access', error_code: 'FORBIDDEN' } }),
    ]);
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0]).toMatchObject({ kind: 'tool', status: 'error', error: { error_code: 'FORBIDDEN' } });
  });

  it('sets the run state from run_complete, and ends whatever was still in flight', () => {
    const e = stream();
    const running = fold([
      e('chat.run_start', { run_id: 'r1', workflow_name: 'W' }),
      e('chat.text_start', { message_id: 'm1', agent: 'a', visible: true }),
      e('chat.tool_call', { tool_call_id: 'c1', tool_name: 't', title: 'T', agent: 'a', args: {}, requires_approval: false }),
      e('chat.input_request', { input_request_id: 'i1', kind: 'text', prompt: 'Which one?', agent: 'a' }),
    ]);
    expect(running.runState).toBe('waiting');

    const stopped = applyEvent(running, e('chat.run_complete', { run_id: 'r1', reason: 'cancelled', status: 0 }));
    expect(stopped.runState).toBe('idle');
    expect(stopped.runEndReason).toBe('cancelled');
    expect(stopped.openInputs).toEqual([]);
    expect(isStreaming(stopped)).toBe(false);
    expect(stopped.items.find((item) => item.kind === 'tool')).toMatchObject({ status: 'cancelled' });
    expect(stopped.items.find((item) => item.kind === 'input')).toMatchObject({ state: 'cancelled' });

    const next = fold([e('chat.run_start', { run_id: 'r2', workflow_name: 'W' }), e('chat.run_complete', { run_id: 'r2', reason: 'terminated', status: 1 })], stopped);
    expect(next.runState).toBe('completed');
    expect(applyEvent(next, e('chat.run_complete', { run_id: 'r3', reason: 'failed', status: 0 })).runState).toBe('failed');
  });

  it('replaces a pending message with its echo, and drops one whose send failed', () => {
    const sent = addPendingMessage(addPendingMessage(createTranscript(CHAT), 'p1', 'Add a task'), 'p2', 'Never sent');
    expect(sent.items.map((item) => item.kind === 'user' && item.isPending)).toEqual([true, true]);

    const e = stream();
    const echoed = applyEvent(dropPendingMessage(sent, 'p2'), e('chat.user_message', { message_id: 'u1', content: 'Add a task' }));
    expect(echoed.items).toEqual([{ kind: 'user', key: 'user:u1', content: 'Add a task', isPending: false }]);

    // A reply arriving while another message is still pending goes before that bubble.
    const waiting = addPendingMessage(echoed, 'p3', 'Second');
    const replied = applyEvent(waiting, e('chat.text_end', { message_id: 'm1', agent: 'a', content: 'Done' }));
    expect(replied.items.map((item) => item.kind)).toEqual(['user', 'text', 'user']);
  });

  it('marks handoffs between agents, not the same agent taking the turn again', () => {
    const e = stream();
    const state = fold([
      e('chat.select_speaker', { agent: 'writer', previous: null, reason: 'initial' }),
      e('chat.select_speaker', { agent: 'writer', previous: null, reason: 'initial' }),
      e('chat.select_speaker', { agent: 'reviewer', previous: 'writer', reason: 'handoff' }),
    ]);
    expect(state.items.map((item) => (item.kind === 'speaker' ? `${item.previous}->${item.agent}` : item.kind))).toEqual(['null->writer', 'writer->reviewer']);
    expect(state.currentAgent).toBe('reviewer');
  });

  it('lists artifacts newest first, an updated one moving to the front', () => {
    const e = stream();
    const state = fold([
      e('chat.artifact', { artifact_id: 'a1', agent: 'a', artifact: { type: 'core.markdown', body: 'v1', actions: [] } }),
      e('chat.artifact', { artifact_id: 'a2', agent: 'a', artifact: { type: 'core.list', items: [], actions: [] } }),
      e('chat.artifact', { artifact_id: 'a1', agent: 'a', artifact: { type: 'core.markdown', body: 'v2', actions: [] } }),
    ]);
    expect(state.artifacts.map((view) => view.artifactId)).toEqual(['a1', 'a2']);
    expect(state.artifacts[0]?.artifact).toMatchObject({ body: 'v2' });
  });

  it('sums tokens per call and lets the run summary correct the run total', () => {
    const e = stream();
    const state = fold([
      e('chat.run_start', { run_id: 'r1', workflow_name: 'W' }),
      e('chat.usage_delta', { agent: 'a', input_tokens: 10, output_tokens: 5 }),
      e('chat.usage_delta', { agent: 'a', input_tokens: 20, output_tokens: 5 }),
    ]);
    expect(state.usage).toEqual({ inputTokens: 30, outputTokens: 10, totalTokens: 40 });
    const summarised = fold(
      [
        e('chat.usage_summary', { input_tokens: 31, output_tokens: 10, total_tokens: 41 }),
        e('chat.run_complete', { run_id: 'r1', reason: 'awaiting_user', status: 0 }),
        e('chat.run_start', { run_id: 'r2', workflow_name: 'W' }),
        e('chat.usage_summary', { input_tokens: 1, output_tokens: 1, total_tokens: 2 }),
      ],
      state,
    );
    expect(summarised.usage).toEqual({ inputTokens: 32, outputTokens: 11, totalTokens: 43 });
  });

  it('takes the run state and open questions from a meta that is not older than the transcript', () => {
    const e = stream();
    const state = fold([e('chat.run_start', { run_id: 'r1', workflow_name: 'W' }), e('chat.run_complete', { run_id: 'r1', reason: 'awaiting_user', status: 0 })]);
    const meta: ChatMeta = {
      exists: true,
      chat_id: CHAT,
      workflow_name: 'W',
      app_id: 'app',
      user_id: 'u',
      title: 'Chat',
      status: 0,
      state: 'waiting_input',
      last_sequence: 5,
      pending_inputs: [{ input_request_id: 'i9', kind: 'text', prompt: 'Name?', agent: 'a' }],
      last_artifact: null,
      has_children: false,
      cache_seed: null,
      created_at: new Date(0).toISOString(),
      last_updated_at: new Date(0).toISOString(),
    };
    const merged = applyMeta(state, meta);
    expect(merged.runState).toBe('waiting');
    expect(merged.openInputs.map((input) => input.input_request_id)).toEqual(['i9']);
    // Joining again replays the same question: it is not asked twice.
    expect(applyMeta(merged, meta).openInputs).toHaveLength(1);

    expect(applyMeta(state, { ...meta, last_sequence: 1 })).toBe(state);
  });
});
