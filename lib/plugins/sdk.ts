/**
 * The plugin SDK: what a plugin's `logic.ts` imports.
 *
 *   export default definePlugin({
 *     actions: {
 *       create: action({
 *         input: z.object({ title: z.string().min(1) }),
 *         handler: async ({ title }, ctx) => ctx.db.personal('notes').insertOne({ title }),
 *       }),
 *     },
 *   });
 *
 * The original contract — a module exporting `execute(data, ctx?)` that reads `data.action` — keeps
 * working; both receive the same `ctx`.
 */
import type { z } from 'zod';
import type { Identity } from '@/lib/auth/identity';
import type { ConnectorBundle } from '@/lib/connectors';
import type { Collection, Document } from '@/lib/db';

/** Everything a plugin may touch, and nothing more. */
export interface PluginContext {
  app_id: string;
  user_id: string;
  /** The caller, as the runtime verified them. */
  identity: Identity;
  /** The plugin's own collections (stored as `<plugin>__<name>`), confined to this app. */
  db: {
    /** Shared by every user of the app. */
    collection<T extends Document = Document>(name: string): Collection<T>;
    /** Only the calling user's documents: reads see them, writes are stamped with them. */
    personal<T extends Document = Document>(name: string): Collection<T>;
  };
  /** The calling user's settings for this plugin: the panel's fields (defaults filled in) and anything the plugin saved. */
  settings: {
    get(): Promise<Record<string, unknown>>;
    save(values: Record<string, unknown>): Promise<void>;
  };
  realtime: {
    /** Pushes a message (as the socket event `<plugin>:update`) to every open tab of a user of this app; a no-op where the server has no sockets. */
    sendToUser(userId: string, message: RealtimeMessage): void;
    /** Pushes a message (as `<plugin>:update`) to every connected user of this app. */
    broadcast(message: RealtimeMessage): void;
  };
  /** The event bus: this plugin's own events, `<plugin>:<past_tense>`. */
  events: {
    /** Publishes `<plugin>:<event>` (pass `task_created` or `task_manager:task_created`); returns at once. */
    publish(event: string, data: Record<string, unknown>): void;
  };
  /** Notifications to users of this app (the original's `create_notification`), honouring their preferences. */
  notifications: {
    create(input: PluginNotificationInput): Promise<{ id: string | null; channels: string[] }>;
    /** Sends later; scheduling again under the same `key` replaces the user's pending one. Returns the job id. */
    schedule(input: PluginNotificationInput & { scheduled_for: Date | string; key?: string }): Promise<string>;
    /** Cancels the user's pending notification under `key`; false when none was pending. */
    cancel(input: { user_id: string; key: string }): Promise<boolean>;
  };
  logger: {
    info(message: string, fields?: Record<string, unknown>): void;
    warn(message: string, fields?: Record<string, unknown>): void;
    error(message: string, fields?: Record<string, unknown>): void;
  };
  /**
   * The platform services (payment, identity, billing, hosting, discovery, social, community, growth,
   * funding), bound to the caller: managed apps reach the platform gateway with the caller's token,
   * self-hosted ones answer from this app (identity, billing) or say `{available: false, reason:
   * "self_hosted"}`. Gateway failures are results too, never exceptions. See docs/connectors.md.
   */
  readonly connectors: ConnectorBundle;
  /** HTTP requests to the hosts plugin.json lists in `http_hosts` (the `http` capability); any other host is refused. */
  http: {
    fetch(url: string, init?: PluginFetchInit): Promise<PluginFetchResponse>;
  };
  /** Aborted when the call's deadline passes; long work should stop when it fires. */
  signal: AbortSignal;
}

/** A request through `ctx.http.fetch`: text bodies only, so it is the same for trusted and sandboxed plugins. */
export interface PluginFetchInit {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
}

/** The answer to `ctx.http.fetch`. Redirects are not followed: a 3xx comes back with its `location` header. */
export interface PluginFetchResponse {
  status: number;
  ok: boolean;
  headers: Record<string, string>;
  text: string;
}

/** What a plugin pushes over the socket: a JSON object with a `type`. */
export interface RealtimeMessage {
  type: string;
  [key: string]: unknown;
}

/** The original's `create_notification` arguments. */
export interface PluginNotificationInput {
  user_id: string;
  /** Conventionally `<plugin>_<event>`, declared in plugin.json `notifications` so users can turn it off. */
  notification_type: string;
  title: string;
  message: string;
  metadata?: Record<string, unknown>;
}

/** A plugin's way of saying "this request is wrong" without throwing: becomes a 4xx `{detail, error_code}`. */
export interface PluginErrorResult {
  error: string;
  error_code?: string;
}

export interface ActionDefinition<Input extends z.ZodType = z.ZodType, Output = unknown> {
  input: Input;
  /** What the action does, for people and for AI agents that call it as a tool. */
  description?: string;
  /** It deletes or overwrites the user's data: an AI agent may only run it after the user approves in the chat. */
  destructive?: boolean;
  handler: (input: z.output<Input>, ctx: PluginContext) => Promise<Output> | Output;
}

/** Declares one action: its input schema (checked before the handler runs) and its handler. */
export function action<Input extends z.ZodType, Output>(definition: ActionDefinition<Input, Output>): ActionDefinition<Input, Output> {
  return definition;
}

export interface PluginDefinition<Actions extends Record<string, ActionDefinition> = Record<string, ActionDefinition>> {
  actions: Actions;
}

/** Declares a plugin's actions; the name and the rest come from its plugin.json. */
export function definePlugin<Actions extends Record<string, ActionDefinition>>(definition: PluginDefinition<Actions>): PluginDefinition<Actions> {
  return definition;
}

/** The original contract: `execute(data, ctx?)`, dispatching on `data.action` itself. */
export type LegacyExecute = (data: Record<string, unknown>, ctx: PluginContext) => Promise<unknown> | unknown;

/** What a plugin's logic module exports: a definePlugin() default, or `execute` (or `run`). */
export interface PluginModule {
  default?: PluginDefinition;
  execute?: LegacyExecute;
  run?: LegacyExecute;
}

/** The input type of a plugin's action, for typed clients: `ActionInput<typeof notes, 'create'>`. */
export type ActionInput<P extends PluginDefinition, A extends keyof P['actions']> = z.input<P['actions'][A]['input']>;
/** The output type of a plugin's action. */
export type ActionOutput<P extends PluginDefinition, A extends keyof P['actions']> = Awaited<ReturnType<P['actions'][A]['handler']>>;
