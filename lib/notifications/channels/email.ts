/**
 * Email over SMTP (nodemailer), configured by SMTP_URL. One pooled transport per process.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { getConfigs } from '@/lib/config';
import { getEnv } from '@/lib/env';
import { processSingleton } from '@/lib/runtime/global';
import type { RenderedEmail } from '../templates';

/** How long one SMTP conversation may take before the email counts as failed. */
export const SMTP_TIMEOUT_MS = 10_000;

const holder = processSingleton('smtp', () => ({ url: undefined as string | undefined, transport: undefined as Transporter | undefined }));

function transport(smtpUrl: string): Transporter {
  if (holder.url !== smtpUrl || !holder.transport) {
    holder.transport?.close();
    holder.transport = nodemailer.createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: 3,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    });
    holder.url = smtpUrl;
  }
  return holder.transport;
}

export function isEmailConfigured(): boolean {
  return getEnv().notifications.email !== undefined;
}

/** Sends one email; rejects when the server refuses it or does not answer in time. */
export async function sendEmail(to: string, email: RenderedEmail): Promise<void> {
  const settings = getEnv().notifications.email;
  if (!settings) throw new Error('Email is not configured (SMTP_URL)');
  const fromName = settings.fromName ?? getConfigs().theme.branding.app_name;
  await transport(settings.smtpUrl).sendMail({
    from: { name: fromName, address: settings.fromAddress },
    to,
    subject: email.subject,
    text: email.body_text,
    html: email.body_html,
  });
}

/** Closes the pooled SMTP connections; part of shutdown. */
export function closeEmail(): void {
  holder.transport?.close();
  holder.transport = undefined;
  holder.url = undefined;
}
