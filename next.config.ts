import type { NextConfig } from 'next';
import { RUNTIME_VERSION, RUNTIME_VERSION_HEADER } from './lib/runtime/version';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Set here rather than in server.ts so that plain `next start` and serverless hosts send it too.
  async headers() {
    return [{ source: '/:path*', headers: [{ key: RUNTIME_VERSION_HEADER, value: RUNTIME_VERSION }] }];
  },
};

export default nextConfig;
