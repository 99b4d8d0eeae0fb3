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
CRL="${2:-${RUNTIME_DIR}/gateway/${ORG}/crl.pem}"
load_orgs "$(saved_profile)"
[[ -n "${ORG_MSP[${ORG}]:-}" ]] || die "unknown org ${ORG}"
[[ -f "${CRL}" ]] || die "no CRL at ${CRL}"
openssl crl -in "${CRL}" -noout -CAfile "$(org_dir "${ORG}")/ca/ca-cert.pem" 2>/dev/null ||
  die "${CRL} is not a CRL signed by the CA of ${ORG}"

submit=""
for node in "${PEERS[@]}"; do
  if [[ "${node%%/*}" == "${ORG}" ]]; then submit="${node}"; break; fi
done
[[ -n "${submit}" ]] || die "${ORG} has no peer to submit the update through"

work="$(channel_dir)/crl-update-${ORG}"
rm -rf "${work}" && mkdir -p "${work}"
set_orderer_args
fetch_config "${submit}" "${work}/config.pb" || die "cannot fetch the channel config; see $(log_file channel)"
configtxlator proto_decode --input "${work}/config.pb" --type common.Block |
  jq '.data.data[0].payload.data.config' >"${work}/config.json"
jq --arg msp "${ORG_MSP[${ORG}]}" --arg crl "$(base64 -w0 "${CRL}")" '
  (.channel_group.groups.Application.groups[$msp].values.MSP.value.config.revocation_list) = [$crl]
  | if .channel_group.groups.Orderer.groups[$msp] then
      (.channel_group.groups.Orderer.groups[$msp].values.MSP.value.config.revocation_list) = [$crl]
    else . end' "${work}/config.json" >"${work}/modified.json"
if cmp -s <(jq -S . "${work}/config.json") <(jq -S . "${work}/modified.json"); then
  log "the channel already has this CRL for ${ORG_MSP[${ORG}]}"
  exit 0
fi
config_update_envelope "${work}"
log "publishing the CRL of ${ORG_MSP[${ORG}]} ($(openssl crl -in "${CRL}" -noout -text | grep -c 'Serial Number') revoked certificates)"
(as_admin "${submit}" && peer channel update -f "${work}/envelope.pb" -c "${CHANNEL_NAME}" "${ORDERER_ARGS[@]}") \
  >>"$(log_file channel)" 2>&1 || die "the CRL update was refused; see $(log_file channel)"
