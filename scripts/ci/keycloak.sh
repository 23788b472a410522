#!/usr/bin/env bash
# Downloads Keycloak once (Maven Central, via mvn), starts it in dev mode with the repo's realm file on
# KEYCLOAK_PORT (default 8180), waits until the realm answers, and prints its base URL.
# The process runs in the background; its log is in $KEYCLOAK_HOME/run.log. Stop it with: kill $(cat "$KEYCLOAK_HOME/pid")
set -euo pipefail
VERSION=26.7.3
PORT="${KEYCLOAK_PORT:-8180}"
TOOLS="${MOZAIKS_TOOLS_DIR:-$HOME/.cache/mozaiks-tools}"
KEYCLOAK_HOME="$TOOLS/keycloak-$VERSION"
REPO="$(cd "$(dirname "$0")/../.." && pwd)"

if [ ! -x "$KEYCLOAK_HOME/bin/kc.sh" ]; then
  command -v mvn >/dev/null || { echo "mvn is required to download Keycloak" >&2; exit 1; }
  work=$(mktemp -d)
  mvn -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:tar.gz" -DoutputDirectory="$work" >&2
  mkdir -p "$TOOLS"
  tar xzf "$work/keycloak-quarkus-dist-$VERSION.tar.gz" -C "$TOOLS"
  rm -rf "$work"
fi

if curl -fsS "http://localhost:$PORT/realms/mozaiks/.well-known/openid-configuration" >/dev/null 2>&1; then
  echo "http://localhost:$PORT"
  exit 0
fi

mkdir -p "$KEYCLOAK_HOME/data/import"
cp "$REPO/keycloak/mozaiks-realm.json" "$KEYCLOAK_HOME/data/import/mozaiks-realm.json"
(
  cd "$KEYCLOAK_HOME"
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    nohup bin/kc.sh start-dev --http-port="$PORT" --import-realm --hostname-strict=false > run.log 2>&1 &
  echo $! > pid
)
# The first login page Keycloak renders compiles its theme templates, which takes seconds on a busy
# 2-core machine: render it once here so that the sign-in journey meets a warm server.
warm_login_page() {
  curl -fsS -o /dev/null --max-time 60 \
    "http://localhost:$PORT/realms/mozaiks/protocol/openid-connect/auth?client_id=mozaiks-app&response_type=code&scope=openid&redirect_uri=http%3A%2F%2Flocalhost%3A3200%2Fwarm-up&code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" \
    || echo "Keycloak's login page did not render while warming up (the journey will tell)" >&2
}
for _ in $(seq 1 180); do
  if curl -fsS "http://localhost:$PORT/realms/mozaiks/.well-known/openid-configuration" >/dev/null 2>&1; then
    warm_login_page
    echo "http://localhost:$PORT"
    exit 0
  fi
  sleep 1
done
echo "Keycloak did not start; last lines of its log:" >&2
tail -n 40 "$KEYCLOAK_HOME/run.log" >&2
exit 1
