/**
 * Renders notification_templates.json: per type and channel, falling back field by field to
 * `_default`, with `{{variable}}` placeholders (unknown ones are left as written, like the
 * original). Values placed into HTML bodies are escaped.
 */
import { getConfigs } from '@/lib/config';
import type { Channel } from './catalog';

export type TemplateVariables = Record<string, string | number | boolean | null | undefined>;

export interface RenderedInApp {
  title: string;
  message: string;
}
export interface RenderedEmail {
  subject: string;
  body_text: string;
  body_html: string;
}
export interface RenderedSms {
  body_text: string;
}
export interface RenderedPush {
  title: string;
  body: string;
}

interface Rendered {
  in_app: RenderedInApp;
  email: RenderedEmail;
  sms: RenderedSms;
  push: RenderedPush;
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/** Substitutes `{{name}}` placeholders; `html` escapes the values. */
export function fillTemplate(template: string, variables: TemplateVariables, { html = false } = {}): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = variables[name];
    if (value === undefined || value === null) return whole;
    return html ? escapeHtml(String(value)) : String(value);
  });
}

/** Turns a plain-text body into minimal HTML, for templates that have no HTML body. */
function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** Renders one type's template for one channel. `variables` should include title, message, app_name and username. */
export function renderTemplate<C extends Channel>(type: string, channel: C, variables: TemplateVariables): Rendered[C] {
  const { templates } = getConfigs().notificationTemplates;
  const own = (templates[type]?.[channel] ?? {}) as Record<string, string | undefined>;
  const fallback = (templates._default?.[channel] ?? {}) as Record<string, string | undefined>;
  const pick = (field: string, otherwise: string) => own[field] ?? fallback[field] ?? otherwise;
  const text = (field: string, otherwise: string) => fillTemplate(pick(field, otherwise), variables);

  switch (channel) {
    case 'in_app':
      return { title: text('title', '{{title}}'), message: text('message', '{{message}}') } as Rendered[C];
    case 'email': {
      const bodyText = text('body_text', '{{message}}');
      // A type with its own text body but no HTML body: derive the HTML from that text, not from _default.
      const htmlTemplate = own.body_html ?? (own.body_text ? undefined : fallback.body_html);
      const bodyHtml = htmlTemplate ? fillTemplate(htmlTemplate, variables, { html: true }) : textToHtml(bodyText);
      return { subject: text('subject', '{{title}}'), body_text: bodyText, body_html: bodyHtml } as Rendered[C];
    }
    case 'sms':
      return { body_text: text('body_text', '{{title}}: {{message}}') } as Rendered[C];
    case 'push':
      return { title: text('title', '{{title}}'), body: text('body', '{{message}}') } as Rendered[C];
    default:
      throw new Error(`No templates for channel ${String(channel)}`);
  }
}

/** Digest email for `period`, with `notification_list` as escaped `<li>` items in HTML and lines in text. */
export function renderDigest(period: 'daily' | 'weekly', variables: TemplateVariables, items: { title: string; message: string }[]): RenderedEmail {
  const { digest_templates: digests } = getConfigs().notificationTemplates;
  const template = digests[period] ?? {
    subject: `Your ${period} summary`,
    body_text: 'Hi {{user_name}},\n\nYou have {{notification_count}} notifications from the last {{period}}:\n\n{{notification_list}}',
  };
  const base = { ...variables, notification_count: items.length, period: period === 'daily' ? 'day' : 'week' };
  const textList = items.map((item) => `- ${item.title}: ${item.message}`).join('\n');
  const htmlList = items.map((item) => `<li><strong>${escapeHtml(item.title)}</strong> ${escapeHtml(item.message)}</li>`).join('');
  const bodyText = fillTemplate(template.body_text, { ...base, notification_list: textList });
  // The list is already escaped HTML: substitute it after escaping the other values.
  const bodyHtml = template.body_html
    ? fillTemplate(fillTemplate(template.body_html, base, { html: true }), { notification_list: htmlList })
    : textToHtml(bodyText);
  return { subject: fillTemplate(template.subject, base), body_text: bodyText, body_html: bodyHtml };
}
