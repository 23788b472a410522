#!/usr/bin/env bash
# Prints the CA bundle this host's npm trusts, if any, for scripts/ci/image.sh to lend to the image build's
# `npm install` (on a host behind a TLS-intercepting proxy, as the CI machines are, the build fails without it).
# npm's own `cafile` first; else NODE_EXTRA_CA_CERTS, which Node itself honours: that is how npm trusts the proxy when
# it runs on a Node whose prefix has no global npmrc (CI's Node from .nvmrc: Debian's cafile lives in /usr/etc/npmrc).
# Prints nothing when neither names a readable file.
set -euo pipefail
cafile=$(npm config get cafile 2>/dev/null || true)
for candidate in "$cafile" "${NODE_EXTRA_CA_CERTS:-}"; do
  if [ -n "$candidate" ] && [ "$candidate" != null ] && [ -r "$candidate" ]; then
    echo "$candidate"
    exit 0
  fi
done
