#!/usr/bin/env bash
# Prints, as KEY=VALUE lines, where the network keeps things, so that tools in
# other languages (the TypeScript tests, the gateway) use the same paths as
# the scripts without restating them.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
use_toolchain
printf 'RUNTIME_DIR=%s\nORGS_DIR=%s\nCHANNEL_NAME=%s\nFABRIC_BIN_DIR=%s\nFABRIC_CFG_PATH=%s\n' \
  "${RUNTIME_DIR}" "${ORGS_DIR}" "${CHANNEL_NAME}" "${FABRIC_BIN_DIR}" "${FABRIC_SAMPLE_CONFIG}"
