#!/usr/bin/env bash
# Installs what the integration and end-to-end tiers need, once per machine:
#   Debian packages (chromium, ripgrep, libkrb5-dev; neovim for the unit tier's language-server
#   client test) and code-server 4.100.3 (VS Code 1.100.3) cached in .cache/code-server.
#   Idempotent: a second run only checks. VS Code itself cannot be downloaded on these machines,
#   so code-server stands in for it.
set -euo pipefail
cd "$(dirname "$0")/.."
CODE_SERVER_VERSION=4.100.3
CACHE_DIR="$PWD/.cache/code-server"
ENTRY="$CACHE_DIR/node_modules/code-server/out/node/entry.js"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: please install these packages first (as root): apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if [ -f "$ENTRY" ] && [ "$(node -p "require('$CACHE_DIR/node_modules/code-server/package.json').version")" = "$CODE_SERVER_VERSION" ]; then
  echo "setup: code-server $CODE_SERVER_VERSION ready in $CACHE_DIR"
  exit 0
fi

echo "setup: installing code-server $CODE_SERVER_VERSION into $CACHE_DIR (about a minute)"
mkdir -p "$CACHE_DIR"
# @vscode/ripgrep's postinstall downloads rg from GitHub; it first looks for this cached archive,
# which we seed with Debian's rg.
tmp_root="$(node -p 'require("os").tmpdir()')"
rg_cache="$tmp_root/vscode-ripgrep-cache-1.15.11"
rg_archive="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$rg_archive" ]; then
  mkdir -p "$rg_cache"
  stage="$(mktemp -d)"
  cp "$(command -v rg)" "$stage/rg"
  tar -czf "$rg_archive" -C "$stage" rg
  rm -rf "$stage"
fi
[ -f "$CACHE_DIR/package.json" ] || echo '{ "name": "code-server-cache", "private": true }' > "$CACHE_DIR/package.json"
# --unsafe-perm: scripts must run as root; npm_config_yes: node-pty's postinstall runs `npx node-gyp`.
(cd "$CACHE_DIR" && npm_config_yes=true npm install --no-save --no-audit --no-fund --unsafe-perm "code-server@$CODE_SERVER_VERSION" >install.log 2>&1) || {
  echo "setup: code-server install failed; last lines of $CACHE_DIR/install.log:" >&2
  tail -n 30 "$CACHE_DIR/install.log" >&2
  exit 1
}
[ -f "$ENTRY" ] || { echo "setup: code-server entry point missing after install: $ENTRY" >&2; exit 1; }
echo "setup: code-server $CODE_SERVER_VERSION installed"
