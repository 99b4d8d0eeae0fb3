#!/usr/bin/env bash
# Shared by backup.sh and restore.sh. Source after lib/orgs.sh: it brings the health checks and
# node starts they use, and the Fabric toolchain.
# shellcheck source=health.sh
source "${NETWORK_DIR}/lib/health.sh"
# shellcheck source=start.sh
source "${NETWORK_DIR}/lib/start.sh"
use_toolchain

# Runs the audit command (audit/src/cli.ts), building it first if needed: `verify-file` reads a
# backup's block files for its height and tip, and checks a backup against its manifest.
audit_cli() {
  local cli="${REPO_DIR}/audit/dist/cli.js"
  if [[ ! -f "${cli}" ]]; then
    (cd "${REPO_DIR}" && npx --no-install tsc -b audit) >&2 || die "cannot build audit/ (run 'npm install' first)"
  fi
  "$(node_bin)" "${cli}" "$@"
}

# Starts node org/node again and waits until it reports healthy.
start_and_wait() {
  start_node "$1"
  wait_until 90 "$1 to report healthy" node_healthy "$1" || die "$1 is not healthy; see $(log_file "$(node_id "$1")")"
}

# Milliseconds between two `date +%s%N` readings.
elapsed_ms() { echo $((($2 - $1) / 1000000)); }

# Loads the org files, then the CLI's plan (`backup-plan ...` or `restore-plan ...`, which declare
# global variables). A refusal (unknown node, missing or foreign backup) is printed by the CLI as
# `error: CODE: ...`, and ends the script.
load_plan() {
  local plan
  load_orgs "$(saved_profile)"
  plan="$(orgs_cli "$@")" || exit 1
  eval "${plan}"
}
