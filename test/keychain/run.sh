#!/usr/bin/env bash
# npm run test:keychain: the keychain tests against a real GNOME Keyring Secret Service on a private D-Bus session,
# with a throwaway HOME (its keyring files are deleted afterwards). Skips with one line where the tools are missing
# (a developer's Mac); .ci/run installs them on Debian.
set -euo pipefail
case "${BASH_SOURCE[0]}" in */*) here="${BASH_SOURCE[0]%/*}" ;; *) here=. ;; esac
cd "$here/../.."

if [[ "${OSTYPE:-}" != linux* ]]; then
  echo "keychain tests skipped: they need Linux's Secret Service on D-Bus (this is ${OSTYPE:-an unknown OS})"
  exit 0
fi

missing=()
for tool in dbus-run-session dbus-send gnome-keyring-daemon secret-tool; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "keychain tests skipped: ${missing[*]} not installed (Debian: apt-get install dbus gnome-keyring libsecret-tools)"
  exit 0
fi

# Exit code of one session whose keyring daemon died under the tests (not a verdict on Feedbell's code).
daemon_died=75

# One session: a fresh HOME and bus, the daemon started unlocked with password "pw" (--unlock creates the default
# "login" keyring under the fresh HOME), vitest, then the daemon stopped. HOME and XDG_* are set before
# dbus-run-session so that a daemon the bus itself activates uses them too. The bus ends with the session.
session() {
  local home status=0
  home="$(mktemp -d "${TMPDIR:-/tmp}/feedbell-keychain-XXXXXX")"
  mkdir -m 700 "$home/run"
  HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache" \
  XDG_RUNTIME_DIR="$home/run" DAEMON_DIED="$daemon_died" \
    dbus-run-session -- bash -c '
      set -u
      printf pw | gnome-keyring-daemon --foreground --unlock --components=secrets >"$HOME/keyring.log" 2>&1 &
      daemon=$!
      ready=0
      for _ in $(seq 1 100); do
        if dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
             string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; then ready=1; break; fi
        sleep 0.1
      done
      if [ "$ready" != 1 ]; then
        echo "keychain tests: gnome-keyring-daemon did not appear on the session bus" >&2
        cat "$HOME/keyring.log" >&2
        kill "$daemon" 2>/dev/null
        exit 1
      fi
      status=0
      node_modules/.bin/vitest run --config test/keychain/vitest.config.ts "$@" || status=$?
      if ! kill -0 "$daemon" 2>/dev/null; then
        wait "$daemon" 2>/dev/null
        echo "keychain tests: gnome-keyring-daemon died during the tests (exit $?); its log:" >&2
        cat "$HOME/keyring.log" >&2
        exit "$DAEMON_DIED"
      fi
      kill "$daemon" 2>/dev/null
      wait "$daemon" 2>/dev/null
      exit "$status"
    ' feedbell-keychain "$@" 2> >(grep -v "Failed to set fd limit" >&2) || status=$?
  rm -rf "$home"
  return "$status"
}

# GNOME Keyring has a known race (gkd_secret_service_get_pkcs11_session: assertion 'client' failed) that can kill
# the daemon when a client disconnects mid-request, as each CLI run in these tests does. A dead daemon fails every
# later test for a reason outside Feedbell, so such a session is run again once, with a fresh daemon; any other
# failure, or a second crash, fails the run.
status=0
session "$@" || status=$?
if [ "$status" = "$daemon_died" ]; then
  echo "keychain tests: running the session again with a fresh gnome-keyring-daemon" >&2
  status=0
  session "$@" || status=$?
fi
exit "$status"
