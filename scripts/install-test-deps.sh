#!/usr/bin/env bash
# What the test suite needs beyond npm: Debian's chromium (and fonts), which the browser tests
# drive through playwright-core. Idempotent: installs only what is missing. Never downloads a
# browser of playwright's own.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    echo "Installing Debian's chromium for the browser tests..."
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-liberation >/dev/null
fi
