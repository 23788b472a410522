import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '@/lib/env';
import { pushSubscriptionSchema } from './push';

const keys = { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' };

afterEach(() => {
  delete process.env.PUSH_SERVICE_HOSTS;
  resetEnvForTests();
});

describe('push subscriptions', () => {
  it("accept the browsers' push services and their subdomains", () => {
    for (const endpoint of ['https://fcm.googleapis.com/fcm/send/abc', 'https://wns2-par02p.notify.windows.com/w/?token=x', 'https://web.push.apple.com/QG9'])
      expect(pushSubscriptionSchema.safeParse({ endpoint, keys }).success, endpoint).toBe(true);
  });

  it('refuse any other address, so the server cannot be made to post to an internal one', () => {
    for (const endpoint of ['https://169.254.169.254/latest/meta-data', 'https://internal.example/admin', 'https://fcm.googleapis.com.evil.example/x', 'https://evilfcm.googleapis.com/x'])
      expect(pushSubscriptionSchema.safeParse({ endpoint, keys }).error?.issues[0]?.message, endpoint).toBe('subscription.endpoint must be on a browser push service (PUSH_SERVICE_HOSTS)');
  });

  it('say that something is not a URL, rather than fail on it (the fuzzer sent an empty endpoint: a 500)', () => {
    for (const endpoint of ['', 'not a url', 'https://'])
      expect(pushSubscriptionSchema.safeParse({ endpoint, keys }).error?.issues[0]?.message, endpoint).toBe('subscription.endpoint must be a URL');
  });

  it('follow PUSH_SERVICE_HOSTS', () => {
    process.env.PUSH_SERVICE_HOSTS = 'push.example.com';
    resetEnvForTests();
    expect(pushSubscriptionSchema.safeParse({ endpoint: 'https://push.example.com/1', keys }).success).toBe(true);
    expect(pushSubscriptionSchema.safeParse({ endpoint: 'https://fcm.googleapis.com/fcm/send/abc', keys }).success).toBe(false);
  });
});
