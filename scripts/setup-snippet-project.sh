#!/usr/bin/env bash
# Installs the pinned dependencies of test/snippet-project (the scratch Next.js 16 + Convex app that
# every snippet is type-checked in) into .cache/snippet-project/, and links them into the project.
# Idempotent: a stamp holding the lock file's hash makes a second run a no-op.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/test/snippet-project"
cache="$root/.cache/snippet-project"
stamp="$cache/.installed-lock-sha256"
lock_hash="$(sha256sum "$project/package-lock.json" | cut -d' ' -f1)"

if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_hash" || ! -d "$cache/node_modules" ]]; then
  rm -rf "$cache"
  mkdir -p "$cache"
  cp "$project/package.json" "$project/package-lock.json" "$cache/"
  # Only the type definitions are needed: no install scripts (they may try to download binaries)
  # and no optional platform binaries (next's SWC, sharp).
  (cd "$cache" && npm ci --ignore-scripts --omit=optional --no-audit --no-fund --loglevel=error)
  echo "$lock_hash" > "$stamp"
fi

# A link, not a copy, so editors and `npx tsc` work inside test/snippet-project too.
link="$project/node_modules"
if [[ "$(readlink "$link" 2>/dev/null || true)" != "$cache/node_modules" ]]; then
  rm -rf "$link"
  ln -s "$cache/node_modules" "$link"
fi
echo "snippet-project dependencies ready in $cache/node_modules"
