/**
 * The AI runtime's public surface: workflows (workflows/<Name>/), chats and their runs, streamed to
 * the chat's Socket.IO room. See docs/ai.md.
 */
export {
  assertOwnApp,
  assertOwnUser,
  availableWorkflows,
  CHAT_START_IDEMPOTENCY_SECONDS,
  MAX_MESSAGE_LENGTH,
  getChatEvents,
  getChatMeta,
  getChatView,
  listChatIds,
  listSessions,
  requireWorkflow,
  sendMessage,
  startChat,
  stopChat,
  submitInput,
  type SessionSummary,
} from './runtime/chats';
export type { StartChatResult } from './protocol';
export { tokenUsage } from './runtime/budget';
export { modelInfo } from './models';
export { getWorkflow, getWorkflows } from './workflows/registry';
export { defineWorkflow, functionTool, pluginTool, type WorkflowDefinition, type WorkflowInput } from './workflows/definition';
export { flushChatStreams } from './chats/stream';
export { stopAllRuns } from './runtime/shutdown';
export { launchCapability, listCapabilities } from './capabilities';
export { describeWorkflow, workflowTools } from './workflows/describe';
