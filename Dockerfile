# Mozaiks Core: the custom server (Next.js + Socket.IO) in production. docs/operations.md, "Containers".
#   docker build -t mozaiks-core .
#   docker run -p 3000:3000 -e MOZAIKS_APP_ID=acme -e JWT_SECRET="$(openssl rand -base64 48)" -v mozaiks-data:/data mozaiks-core
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
# Dependencies first, so that a change to the sources reuses this layer. `npm install`, not `npm ci`: the lockfile
# lacks other platforms' optional packages (@next/swc-*), which makes `npm ci` fail; `npm install` keeps it as it is.
COPY package.json package-lock.json .npmrc ./
RUN npm install --no-audit --no-fund
COPY . .
# The runtime folder holds only what `node dist/server.cjs` loads: traced packages, no dev dependency.
RUN npm run build && node scripts/trace-runtime.mjs /runtime

FROM ${NODE_IMAGE}
# tini as PID 1: forwards SIGTERM to the server (graceful shutdown) and reaps exited children (plugin sandboxes).
RUN apt-get update \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin \
  && groupadd --gid 10001 mozaiks \
  && useradd --uid 10001 --gid mozaiks --no-create-home --home-dir /app --shell /usr/sbin/nologin mozaiks \
  && mkdir -p /data \
  && chown mozaiks:mozaiks /data
WORKDIR /app
# Root-owned, so the server cannot change its own code; only Next's cache and the data folder are writable.
COPY --from=build /runtime /app
RUN mkdir -p /app/.next/cache && chown mozaiks:mozaiks /app/.next/cache
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    MOZAIKS_DATA_DIR=/data
# The embedded store and the generated files live here; with DATABASE_URI set it holds almost nothing.
VOLUME ["/data"]
EXPOSE 3000
USER mozaiks
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# `npm start` without npm: the server is tini's direct child, so it receives SIGTERM itself.
CMD ["node", "dist/server.cjs"]
