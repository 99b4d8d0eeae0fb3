#!/usr/bin/env bash
# Stops the network and removes all generated state: crypto, ledgers, logs,
# pids. The cached Fabric binaries stay (see install-fabric.sh).
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
"${NETWORK_DIR}/down.sh"
case "${RUNTIME_DIR}" in
  "" | / | "${HOME}" | "${REPO_DIR}") die "refusing to remove ${RUNTIME_DIR}" ;;
esac
rm -rf "${RUNTIME_DIR}"
log "removed ${RUNTIME_DIR}"
