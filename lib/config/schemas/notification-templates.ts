import { z } from 'zod';

/** Renames the original's alternative field names to the canonical ones, so both spellings load. */
function withAliases(aliases: Record<string, string>) {
  return (value: unknown) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const copy: Record<string, unknown> = { ...value };
    for (const [alias, canonical] of Object.entries(aliases)) {
      if (alias in copy && !(canonical in copy)) copy[canonical] = copy[alias];
      delete copy[alias];
    }
    return copy;
  };
}

const text = z.string();

const channelTemplatesSchema = z.looseObject({
  in_app: z.preprocess(withAliases({ body: 'message' }), z.looseObject({ title: text.optional(), message: text.optional() })).optional(),
  email: z
    .preprocess(
      withAliases({ text_body: 'body_text', html: 'body_html' }),
      z.looseObject({ subject: text.optional(), body_text: text.optional(), body_html: text.optional() }),
    )
    .optional(),
  sms: z.preprocess(withAliases({ body: 'body_text' }), z.looseObject({ body_text: text.optional() })).optional(),
  push: z.looseObject({ title: text.optional(), body: text.optional() }).optional(),
});

const digestTemplateSchema = z.looseObject({ subject: text, body_text: text, body_html: text.optional() });

const DEFAULT_TEMPLATES = {
  _default: {
    in_app: { title: '{{title}}', message: '{{message}}' },
    email: { subject: '{{title}}', body_text: '{{message}}', body_html: '<p>{{message}}</p>' },
    sms: { body_text: '{{title}}: {{message}}' },
    push: { title: '{{title}}', body: '{{message}}' },
  },
};

/**
 * `notification_templates.json`: per-type, per-channel templates with `{{variable}}` placeholders.
 * `_default` applies to types without their own template.
 */
export const notificationTemplatesSchema = z.looseObject({
  templates: z.record(z.string().min(1), channelTemplatesSchema).default(DEFAULT_TEMPLATES),
  digest_templates: z
    .looseObject({ daily: digestTemplateSchema.optional(), weekly: digestTemplateSchema.optional() })
    .default({}),
});

export type NotificationTemplates = z.output<typeof notificationTemplatesSchema>;
