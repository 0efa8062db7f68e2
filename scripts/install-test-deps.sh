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
