/**
 * SMS through a Twilio-compatible HTTP API: `POST {base}/2010-04-01/Accounts/{sid}/Messages.json`,
 * form-encoded `To`, `From` (or `MessagingServiceSid`) and `Body`, HTTP basic auth with the account
 * SID and auth token. Any provider speaking this API works (SMS_API_BASE_URL).
 */
import { getEnv } from '@/lib/env';

export const SMS_TIMEOUT_MS = 10_000;
/** Twilio's limit for one message body. */
export const SMS_MAX_LENGTH = 1_600;

export function isSmsConfigured(): boolean {
  return getEnv().notifications.sms !== undefined;
}

/** Sends one text message; rejects with the provider's message when it refuses. */
export async function sendSms(to: string, body: string): Promise<{ sid: string | null }> {
  const settings = getEnv().notifications.sms;
  if (!settings) throw new Error('SMS is not configured (SMS_ACCOUNT_SID, SMS_AUTH_TOKEN, SMS_FROM_NUMBER)');
  const form = new URLSearchParams({ To: to, Body: body.slice(0, SMS_MAX_LENGTH) });
  if (settings.messagingServiceSid) form.set('MessagingServiceSid', settings.messagingServiceSid);
  else form.set('From', settings.fromNumber!);
  const url = `${settings.apiBaseUrl}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: form,
    signal: AbortSignal.timeout(SMS_TIMEOUT_MS),
  });
  const payload = (await response.json().catch(() => ({}))) as { sid?: string; message?: string; code?: number };
  if (!response.ok) throw new Error(`SMS API answered ${response.status}: ${payload.message ?? 'no message'}${payload.code ? ` (code ${payload.code})` : ''}`);
  return { sid: payload.sid ?? null };
}
