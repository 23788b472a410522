#!/usr/bin/env bash
# Installs Schemathesis (PyPI) once in its own virtual environment and prints the path of its `st`.
set -euo pipefail
VERSION=4.32.5
VENV="${MOZAIKS_TOOLS_DIR:-$HOME/.cache/mozaiks-tools}/schemathesis-$VERSION"
ST="$VENV/bin/st"
if [ -x "$ST" ] && "$ST" --version 2>/dev/null | grep -q "$VERSION"; then
  echo "$ST"
  exit 0
fi
command -v python3 >/dev/null || { echo "python3 is required for Schemathesis" >&2; exit 1; }
rm -rf "$VENV"
python3 -m venv "$VENV" >&2
"$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$VERSION" >&2
echo "$ST"
