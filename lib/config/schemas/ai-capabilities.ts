import { z } from 'zod';
import { iconName, identifier, refineUnique } from './common';

const capabilitySchema = z.looseObject({
  id: identifier,
  display_name: z.string().trim().min(1),
  description: z.string().optional(),
  icon: iconName.optional(),
  /** The workflow (folder under workflows/) this capability launches. */
  workflow_id: z.string().trim().min(1).optional(),
  enabled: z.boolean().default(true),
  /** `admin` capabilities are shown to superadmins only. */
  visibility: z.enum(['user', 'admin']).default('user'),
  /** Plans that may use it; "*" means every plan. */
  allowed_plans: z.array(z.string().min(1)).default(['*']),
  requires_superadmin: z.boolean().default(false),
  /** Free-form data handed to the workflow at launch. */
  spec: z.record(z.string(), z.unknown()).optional(),
});

/** `ai_capabilities.json`: the AI features offered to users, each backed by a workflow. */
export const aiCapabilitiesSchema = z
  .looseObject({ capabilities: z.array(capabilitySchema).default([]) })
  .superRefine((config, ctx) => refineUnique(config.capabilities, (capability) => capability.id, 'id', ctx, ['capabilities']));

export type AiCapabilitiesConfig = z.output<typeof aiCapabilitiesSchema>;
export type AiCapability = AiCapabilitiesConfig['capabilities'][number];
