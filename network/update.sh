#!/usr/bin/env bash
# Changes channel `city` with the signatures of the orgs that own it: one org
# proposes, each org's operator signs with that org's own admin, and anyone
# submits once the channel's modification policy is met. Proposals, their
# summaries and signatures live in the consortium exchange folder
# ($RUNTIME/exchange/proposals/<id>/): in production a shared git repository
# or file share.
#
# Usage: network/update.sh propose --org ORG WHAT JQ_FILTER
#          fetches the config as ORG's admin, applies the jq filter to it and
#          proposes the result; prints the proposal id and a summary
#        network/update.sh show ID
#        network/update.sh sign --org ORG [--msp MSP_DIR] ID
#          shows the summary and adds ORG's signature, made with its own admin
#          (or the MSP folder given; refused unless it is an admin of ORG)
#        network/update.sh submit --org ORG ID
#          sends it as ORG's admin if the signatures meet the policy; otherwise
#          names the orgs whose signatures are missing and changes nothing
#
# org add/remove, consenter add/remove, anchor peers and publish-crl take the
# same path in one go, signing for each org with its own admin.
#
# Refusals print `error: CODE: ...`: NO_CHANGE, WRONG_CHANNEL, TAMPERED,
# NOT_ADMIN, WRONG_ORG, STALE_CONFIG, POLICY_NOT_MET, UNKNOWN_PROPOSAL.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
# shellcheck source=lib/channel.sh
source "${NETWORK_DIR}/lib/channel.sh"

usage() { sed -n '2,24p' "$0"; exit "${1:-0}"; }
[[ "${1:-}" == -h || "${1:-}" == --help ]] && usage
[[ $# -ge 2 ]] || usage 2
ACTION="$1"; shift
ORG="" MSP=""
while [[ "${1:-}" == --* ]]; do
  case "$1" in
    --org) ORG="${2:?--org needs an org}"; shift 2 ;;
    --msp) MSP="${2:?--msp needs a folder}"; shift 2 ;;
    *) usage 2 ;;
  esac
done
use_toolchain
load_orgs "$(saved_profile)"
if [[ -n "${ORG}" ]]; then [[ -n "${ORG_MSP[${ORG}]:-}" ]] || die "no org ${ORG} in ${ORGS_DIR}"; fi

case "${ACTION}/$#" in
  propose/2)
    [[ -n "${ORG}" ]] || usage 2
    work="$(channel_dir)/proposal-draft-${ORG}"
    config_as "${ORG}" "${work}"
    jq "$2" "${work}/config.json" >"${work}/modified.json" || die "the jq filter failed on the channel config"
    compute_config_update "${work}" 2>>"$(log_file channel)" || die "the filtered config is not a valid channel config; see $(log_file channel)"
    propose_update "${work}" "$1"
    ;;
  show/1) orgs_cli proposal show "$1" ;;
  sign/1)
    [[ -n "${ORG}" ]] || usage 2
    sign_proposal "${ORG}" "$1" "" "${MSP}"
    ;;
  submit/1)
    [[ -n "${ORG}" ]] || usage 2
    submit_proposal "${ORG}" "$1" || die "proposal $1 is not committed; see $(log_file channel)"
    log "proposal $1 is committed to ${CHANNEL_NAME}"
    ;;
  *) usage 2 ;;
esac
