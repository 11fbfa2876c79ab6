#!/usr/bin/env bash
# One-time set-up on a fresh Debian/Ubuntu machine: the system packages Bizlens needs (libsecret for
# the keychain addon, a Secret Service and D-Bus for the keychain tests, Chromium for the UI tests,
# openssl for the TLS tests' throw-away certificates),
# then the exact dependencies from package-lock.json. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v apt-get >/dev/null 2>&1; then
  need=()
  for pkg in libsecret-1-dev gnome-keyring dbus chromium python3 make g++ openssl; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
  done
  if ((${#need[@]})); then
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
  fi
fi

npm ci --no-audit --no-fund
