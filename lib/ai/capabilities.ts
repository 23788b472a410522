/**
 * AI capabilities (ai_capabilities.json, reference §2.1 and §4.8): the AI features offered to users,
 * each launching a workflow. Filtered per user: enabled ones, admin-only ones for superadmins, and,
 * with MONETIZATION on, only those their plan allows.
 */
import { getConfigs } from '@/lib/config';
import type { AiCapability } from '@/lib/config/schemas/ai-capabilities';
import type { Identity } from '@/lib/auth/identity';
import { getEnv } from '@/lib/env';
import { ApiError } from '@/lib/errors';
import { planOfUser } from '@/lib/subscriptions';
import { startChat } from './runtime/chats';

async function planOf(identity: Identity): Promise<string> {
  return getEnv().monetization ? planOfUser(identity.app_id, identity.user_id) : 'free';
}

const forSuperadmins = (capability: AiCapability) => capability.requires_superadmin || capability.visibility === 'admin';
const planAllows = (capability: AiCapability, plan: string) => !getEnv().monetization || capability.allowed_plans.includes('*') || capability.allowed_plans.includes(plan);

/** The capabilities this user may launch, and their plan. */
export async function listCapabilities(identity: Identity) {
  const plan = await planOf(identity);
  const capabilities = getConfigs()
    .aiCapabilities.capabilities.filter((capability) => capability.enabled && (identity.is_superadmin || !forSuperadmins(capability)) && planAllows(capability, plan))
    .map((capability) => ({
      id: capability.id,
      display_name: capability.display_name,
      description: capability.description ?? '',
      icon: capability.icon ?? 'sparkles',
      visibility: capability.visibility,
      enabled: capability.enabled,
      allowed: true,
      workflow_id: capability.workflow_id ?? null,
    }));
  return { capabilities, plan };
}

/** Starts a chat of the capability's workflow. */
export async function launchCapability(identity: Identity, capabilityId: string, correlationId?: string) {
  const capability = getConfigs().aiCapabilities.capabilities.find((candidate) => candidate.id === capabilityId);
  if (!capability) throw new ApiError('NOT_FOUND', 'Unknown capability');
  if (!capability.enabled) throw new ApiError('FORBIDDEN', 'Capability is disabled');
  if (forSuperadmins(capability) && !identity.is_superadmin) throw new ApiError('FORBIDDEN', 'Superadmin access required');
  if (!planAllows(capability, await planOf(identity))) throw new ApiError('FEATURE_GATED', 'Capability not available for current plan', { status: 403 });
  if (!capability.workflow_id) throw new ApiError('INTERNAL_ERROR', 'Capability is missing workflow_id mapping', { status: 500 });
  const chat = await startChat({ identity, workflowName: capability.workflow_id, forceNew: true, correlationId });
  return {
    app_id: identity.app_id,
    capability_id: capability.id,
    chat_id: chat.chat_id,
    workflow_name: chat.workflow_name,
    // The chat UI here is served by this app and authenticated by the user's session: no separate execution token.
    launch_token: null,
    expires_in: null,
    runtime: { runtime_api_base_url: '/api', runtime_ui_base_url: '/ai', chatui_url_template: '/ai/{chat_id}' },
  };
}
