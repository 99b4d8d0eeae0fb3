#!/usr/bin/env bash
# Writes the systemd units that run one department's nodes on its own host,
# as its own Linux user, into <runtime>/systemd/<org>/ (and the org's node env
# files they read). See README "Running across hosts".
# Usage: network/units.sh --org ORG [--profile raft|bft] [--user NAME] [--group NAME]
#   e.g. npm run units -- --org registry
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
use_toolchain

usage="usage: units.sh --org ORG [--profile raft|bft] [--user NAME] [--group NAME]"
org="" profile="raft" user="" group=""
while (($# > 0)); do
  (($# >= 2)) || die "${usage}"
  case "$1" in
    --org) org="$2" ;;
    --profile) profile="$2" ;;
    --user) user="$2" ;;
    --group) group="$2" ;;
    *) die "${usage}" ;;
  esac
  shift 2
done
[[ -n "${org}" ]] || die "${usage}"

export FABRIC_BIN_DIR FABRIC_SAMPLE_CONFIG
orgs_cli units "${org}" "${profile}" "${user}" "${group}"
