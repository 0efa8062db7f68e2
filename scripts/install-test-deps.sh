#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine with the .NET SDK. Idempotent: skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v prometheus >/dev/null 2>&1 || need_apt+=(prometheus)
command -v git >/dev/null 2>&1 || need_apt+=(git)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "missing ${need_apt[*]}; install them (root needed)" >&2
    exit 1
  fi
fi

dotnet --version >/dev/null

# --- dashboard browser tests (tests/SparkOptimizer.Dashboard.Tests): Debian's chromium + npm playwright-core in .tools/ ---
# Never `npx playwright install`: the tests drive /usr/bin/chromium through playwright-core only.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "missing chromium; install it (root needed): apt-get install -y --no-install-recommends chromium" >&2
    exit 1
  fi
fi
if [ ! -f .tools/node_modules/playwright-core/package.json ]; then
  npm install --silent --no-audit --no-fund --prefix "$PWD/.tools" playwright-core@1.65.1 >/dev/null
fi
# --- end dashboard block ---
