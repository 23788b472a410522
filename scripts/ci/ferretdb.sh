#!/usr/bin/env bash
# Builds FerretDB (a MongoDB-wire server on SQLite) once and prints the binary's path.
# `go install …@v1.24.2` does not work as is: the Go proxy refuses the module's version list (used for
# the deprecation check), and the module zip lacks build/version/version.txt, which FerretDB needs at
# start. So: download the module, copy it somewhere writable, add the version file, build.
set -euo pipefail
VERSION=v1.24.2
BIN_DIR="${MOZAIKS_TOOLS_DIR:-$HOME/.cache/mozaiks-tools}/ferretdb-$VERSION"
BIN="$BIN_DIR/ferretdb"
if [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi
command -v go >/dev/null || { echo "go is required to build FerretDB" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && go mod init ferretdb-build >/dev/null 2>&1 && go mod download "github.com/FerretDB/FerretDB@$VERSION") >&2
src="$(go env GOMODCACHE)/github.com/!ferret!d!b/!ferret!d!b@$VERSION"
cp -r "$src" "$work/src"
chmod -R u+w "$work/src"
echo "$VERSION" > "$work/src/build/version/version.txt"
mkdir -p "$BIN_DIR"
(cd "$work/src" && GOFLAGS=-mod=mod go build -o "$BIN" ./cmd/ferretdb) >&2
echo "$BIN"
