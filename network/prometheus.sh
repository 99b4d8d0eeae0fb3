#!/usr/bin/env bash
# Writes one department's Prometheus scrape configuration into
# <runtime>/prometheus/<org>/prometheus.yml: its peers' and orderers' operations
# endpoints (with its monitoring client's TLS certificate) and its gateway's
# /metrics, for the ordering profile this runtime runs. See README "Metrics and alerts".
# Usage: network/prometheus.sh --org ORG
#   e.g. npm run prometheus -- --org registry
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"

usage="usage: prometheus.sh --org ORG"
org=""
while (($# > 0)); do
  (($# >= 2)) || die "${usage}"
  case "$1" in
    --org) org="$2" ;;
    *) die "${usage}" ;;
  esac
  shift 2
done
[[ -n "${org}" ]] || die "${usage}"

orgs_cli prometheus "${org}" "$(saved_profile)"
