#!/usr/bin/env bash
# Publishes an org's CRL to channel `city`, so that peers and orderers refuse
# the certificates its CA revoked (gateway-api's DELETE /v1/admin/identities).
# Peers learn of revocations only from the revocation_list of the org's MSP in
# the channel configuration; a revocation at the CA alone changes nothing there.
#
# Usage: network/publish-crl.sh ORG [CRL_FILE]
#   CRL_FILE  PEM CRL; by default the one the org's gateway kept after its last
#             revocation (.runtime/gateway/ORG/crl.pem).
#
# A config update of the org's MSP (in its Application and, for an org with
# orderers, its Orderer group: both copies must stay equal), signed by the org
# admin: the gateway holds no admin key, so this is an operator's step.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
# shellcheck source=lib/channel.sh
source "${NETWORK_DIR}/lib/channel.sh"
use_toolchain

ORG="${1:?usage: publish-crl.sh ORG [CRL_FILE]}"
load_orgs "$(saved_profile)"
[[ -n "${ORG_MSP[${ORG}]:-}" ]] || die "unknown org ${ORG}"
CRL="${2:-${GATEWAY_DIR[${ORG}]}/crl.pem}"
[[ -f "${CRL}" ]] || die "no CRL at ${CRL}"
openssl crl -in "${CRL}" -noout -CAfile "${CA_CERT[${ORG}/ca]}" 2>/dev/null ||
  die "${CRL} is not a CRL signed by the CA of ${ORG}"

work="$(channel_dir)/crl-update-${ORG}"
fetch_config_json "$(org_peer "${ORG}")" "${work}"
jq --arg msp "${ORG_MSP[${ORG}]}" --arg crl "$(base64 -w0 "${CRL}")" '
  (.channel_group.groups.Application.groups[$msp].values.MSP.value.config.revocation_list) = [$crl]
  | if .channel_group.groups.Orderer.groups[$msp] then
      (.channel_group.groups.Orderer.groups[$msp].values.MSP.value.config.revocation_list) = [$crl]
    else . end' "${work}/config.json" >"${work}/modified.json"
if ! config_changed "${work}"; then
  log "the channel already has this CRL for ${ORG_MSP[${ORG}]}"
  exit 0
fi
# The MSP value is governed by the org's own Admins policy: its admin alone signs and submits.
submit_config_update "${work}" "the CRL of ${ORG_MSP[${ORG}]} ($(openssl crl -in "${CRL}" -noout -text | grep -c 'Serial Number') revoked certificates)" "${ORG}"
