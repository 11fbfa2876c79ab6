#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service (the OS keychain keytar talks to on Linux).
# On a Linux machine without a session bus (CI, containers) it starts a private D-Bus session with
# gnome-keyring; elsewhere (a desktop session, macOS, Windows) it uses the user's own keychain.
set -euo pipefail
if [[ "$(uname)" != "Linux" || -n "${BIZLENS_IN_KEYRING_SESSION:-}" ]]; then
  exec "$@"
fi
if [[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]] && command -v secret-tool >/dev/null 2>&1; then
  exec "$@"
fi
for bin in dbus-run-session gnome-keyring-daemon; do
  command -v "$bin" >/dev/null || { echo "with-keyring: '$bin' is missing (apt-get install dbus gnome-keyring)" >&2; exit 1; }
done
export BIZLENS_IN_KEYRING_SESSION=1
exec dbus-run-session -- bash -c '
  # A throwaway keyring for this session only, unlocked with a throwaway password.
  export XDG_DATA_HOME="$(mktemp -d)"
  printf "bizlens-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  "$@"' bash "$@" 2> >(grep -v "Failed to set fd limit" >&2)
