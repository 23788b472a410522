import type { NextConfig } from 'next';
import { STATIC_SECURITY_HEADERS } from './lib/http/security-headers';
import { RUNTIME_VERSION, RUNTIME_VERSION_HEADER } from './lib/runtime/version';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Set here rather than in server.ts so that plain `next start` and serverless hosts send them too. Only what
  // never changes: Next bakes these into the build. The CSP and HSTS depend on the request and the environment (proxy.ts).
  async headers() {
    const security = Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value }));
    return [{ source: '/:path*', headers: [{ key: RUNTIME_VERSION_HEADER, value: RUNTIME_VERSION }, ...security] }];
  },
};

export default nextConfig;
