#!/usr/bin/env bash
# Re-enrols every certificate of one org that expires within a threshold, with
# no downtime: the network keeps committing throughout.
#
# Usage: network/renew.sh --org ORG [--within 30d]   e.g. --org registry --within 12h
#        network/renew.sh --recover                 every org, after its certificates expired
#
# What expires is decided by `cli.js renewal` (network/src/renewal.ts, from the
# certificate inventory `status --certificates` prints). In this order:
#   registrars   the CAs' bootstrap registrars and the gateway's registrar
#   clients      the admin and the org-file users (enrolment and TLS)
#   monitoring   the monitoring client's TLS certificate
#   chaincode    each chaincode server's TLS certificate; the servers restart
#   gateway      the gateway's TLS certificate; the gateway restarts
#   nodes        a node's enrolment and TLS certificates, then it restarts, one
#                node at a time: a peer must be back at the height of the
#                others before the next. An orderer's TLS certificate is its
#                consenter identity in the channel config: the consenter update
#                replacing it goes through the proposal flow (signed by a
#                majority of the orderer orgs' admins, each with its own); once
#                every other orderer has committed it, the orderer restarts with
#                its new certificate and must be an active consenter, caught up
#                and counted active by every consenter, before renew goes on. Orgs renewing at once take turns for
#                this (a lock in the exchange): Raft takes one change at a time.
# The org's new node certificates are published to the exchange. Enrolling
# again with the identity's own secret (kept in the org's home) works after
# expiry too: an expired admin is replaced the same way. CA roots are never
# re-enrolled here; renew warns when one is within the threshold.
#
# --recover, for a network whose certificates all expired (as Fabric's
# integration/raft/cft_test.go recovers one): every org's identities but its
# orderers' are enrolled again and restarted as above, the orgs at once; then
# each orderer gets a new TLS certificate for the key it already has, and all
# restart together: Raft knows a consenter by its public key (Fabric's
# crypto.CertificatesWithSamePublicKey), so the cluster forms again with no
# TLSHandshakeTimeShift; config updates then put the new certificates in the
# consenter set, one consenter per update, each once every consenter counts
# the others active again.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
# shellcheck source=lib/health.sh
source "${NETWORK_DIR}/lib/health.sh"
# shellcheck source=lib/crypto.sh
source "${NETWORK_DIR}/lib/crypto.sh"
# shellcheck source=lib/channel.sh
source "${NETWORK_DIR}/lib/channel.sh"
# shellcheck source=lib/members.sh
source "${NETWORK_DIR}/lib/members.sh"
# shellcheck source=lib/start.sh
source "${NETWORK_DIR}/lib/start.sh"
# shellcheck source=lib/gateway.sh
source "${NETWORK_DIR}/lib/gateway.sh"
# shellcheck source=lib/chaincode.sh
source "${NETWORK_DIR}/lib/chaincode.sh"

usage() { sed -n '2,/^[^#]/{/^#/p}' "$0"; exit "${1:-0}"; }
ORG="" WITHIN=30d RECOVER=0
while (($#)); do
  case "$1" in
    -h | --help) usage ;;
    --org) ORG="${2:?--org needs an org}"; shift 2 ;;
    --within) WITHIN="${2:?--within needs a threshold like 30d}"; shift 2 ;;
    --recover) RECOVER=1; shift ;;
    *) usage 2 ;;
  esac
done
[[ -n "${ORG}" || "${RECOVER}" == 1 ]] || usage 2
use_toolchain
load_orgs "$(saved_profile)"
[[ -z "${ORG}" || -n "${ORG_MSP[${ORG}]:-}" ]] || die "no org ${ORG} in ${ORGS_DIR}"
started=${SECONDS}

is_orderer() { [[ " ${ALL_ORDERERS[*]} " == *" $1 "* ]]; }
is_consenter() { [[ " ${ORDERERS[*]} " == *" $1 "* ]]; }

renew_client() {
  if [[ "$1" == admin ]]; then issue_client "${ORG}" admin admin admin; else issue_client "${ORG}" "$1" client "${USER_ROLE[${ORG}/$1]}"; fi
}

renew_registrar() {
  case "$1" in
    ca | tlsca) enroll_registrar "${ORG}" "$1" || die "cannot enrol the registrar of $1-${ORG}" ;;
    gateway) enroll_gateway_registrar "${ORG}" ;;
    *) die "unknown registrar $1" ;;
  esac
}

# Re-issues the chaincode servers' TLS certificates (shared by the org's servers on the same
# hosts: issue_chaincode_server_tls), then restarts the org's chaincode host if it runs, which
# serves them all from one process; the other orgs' hosts endorse meanwhile.
renew_chaincode_tls() {
  local cc id
  for cc in "$@"; do rm -f "$(chaincode_server_dir "${ORG}" "${cc}")/tls/server.key"; done
  issue_chaincode_server_tls "$@" "${ORG}"
  id="$(chaincode_host_id "${ORG}")"
  is_running "${id}" || return 0
  stop_process "${id}"
  start_chaincode_hosts "${ORG}"
}

renew_gateway_tls() {
  local id
  rm -f "$(gateway_dir "${ORG}")/tls/server.key"
  issue_gateway_tls "${ORG}"
  id="$(gateway_id "${ORG}")"
  is_running "${id}" || return 0
  stop_process "${id}"
  start_gateways "${ORG}"
}

# A peer's enrolment and TLS certificates, then its restart; the other peers commit meanwhile.
renew_peer() {
  local node="$1" id height
  id="$(node_id "${node}")"
  issue_node "${node}" peer
  publish_org "${ORG}"
  is_running "${id}" || { log "${node} is not running: renewed on disk only"; return 0; }
  height="$(highest_peer_height)"
  log "restarting ${node} with its new certificates"
  stop_process "${id}"
  # Its chaincode builds hold its old TLS certificate (the client certificate it shows the
  # chaincode servers): built again at the next launch, with the new one.
  rm -rf "${PEER_BUILDS_DIR[${node}]}"
  start_nodes "${node}"
  wait_until 180 "${node} to catch up to height ${height}" peer_reached "${node}" "${height}" ||
    die "${node} did not catch up; see $(log_file "${id}")"
}

# An orderer's certificates. A consenter's new TLS certificate goes into the channel config
# first; it restarts with it once every other consenter has committed that update (they
# would refuse it until then), and must be an active consenter, caught up, before the next.
renew_orderer() {
  local node="$1" id block lock other
  id="$(node_id "${node}")"
  if is_consenter "${node}" && [[ "$(saved_profile)" != raft ]]; then
    die "${node} is a $(saved_profile) consenter: renewing its certificates needs a consenter update this Fabric build's configtxlator cannot make (see README \"Ordering\")"
  fi
  if ! is_consenter "${node}"; then
    issue_node "${node}" orderer
    publish_org "${ORG}"
    if is_running "${id}"; then stop_process "${id}"; start_nodes "${node}"; fi
    return 0
  fi
  mkdir -p "$(channel_dir)"
  exec {lock}>"$(channel_dir)/consenter-renewal.lock"
  flock "${lock}"
  # Checked before anything changes: a new certificate on disk that the consenter update could
  # not carry would keep the orderer out of the cluster at its next start.
  wait_until 120 "every consenter to count the others active" raft_all_active ||
    die "the Raft consenters do not all count each other active (is every orderer running?): ${node} is left as it was"
  issue_node "${node}" orderer
  publish_org "${ORG}"
  replace_consenter_certificate "${node}"
  block="$(wait_for_consenter_update "${node}")"
  log "the consenter update of ${node} is block ${block}"
  for other in "${ORDERERS[@]}"; do
    [[ "${other}" != "${node}" ]] || continue
    wait_until 120 "${other} to commit block ${block}" orderer_past "${other}" "${block}" ||
      die "${other} did not commit the consenter update of ${node} (block ${block})"
  done
  if is_running "${id}"; then
    log "restarting ${node} with its new certificates"
    stop_process "${id}"
    start_nodes "${node}"
    wait_until 180 "${node} to be an active consenter past block ${block}" orderer_reached "${node}" "$((block + 1))" ||
      die "${node} is not an active consenter again; see $(log_file "${id}")"
    wait_until 120 "every consenter to count ${node} active" raft_all_active ||
      die "the consenters do not count ${node} active; see $(log_file "${id}")"
  fi
  flock -u "${lock}"
}

# True once orderer <org/node>'s height on the channel is past block <number>.
orderer_past() {
  local h
  h="$(orderer_height "$1")" && [[ -n "${h}" && "${h}" -gt "$2" ]]
}

# Prints the number of the config block that holds <org/node>'s TLS certificate on disk in its
# consenter entry, as another consenter serves it, once there is one (two minutes at most).
wait_for_consenter_update() {
  local node="$1" work cert other deadline=$((SECONDS + 120)) number
  work="$(channel_dir)/consenter-renewal/$(node_id "${node}")"
  mkdir -p "${work}"
  cert="$(base64 -w0 <"$(node_dir "${node}")/tls/server.crt")"
  for other in "${ORDERERS[@]}"; do [[ "${other}" == "${node}" ]] || break; done
  ORDERER_ARGS=(-o "${NODE_ADDRESS[${other}]}" --tls --cafile "$(tlsca_cert "${other%%/*}")")
  while ((SECONDS < deadline)); do
    if fetch_config "$(first_department_peer)" "${work}/latest.pb" &&
      number="$(configtxlator proto_decode --input "${work}/latest.pb" --type common.Block |
        jq -er --arg cert "${cert}" 'select(.data.data[0].payload.data.config.channel_group.groups.Orderer.values.ConsensusType.value.metadata.consenters
          | any(.client_tls_cert == $cert)) | .header.number')"; then
      echo "${number}"
      return 0
    fi
    sleep 1
  done
  die "the consenter update of ${node} never reached ${other}"
}

renew_node() {
  if is_orderer "${ORG}/$1"; then renew_orderer "${ORG}/$1"; else renew_peer "${ORG}/$1"; fi
}

# Renews what expires within WITHIN for ORG, in the plan's order; the chaincode servers' all
# together. With SKIP_CONSENTERS=1 (--recover), its consenters are left for recover_orderers.
renew_org() {
  local plan action owner not_after renewed=0 chaincodes=()
  plan="$(orgs_cli renewal "${ORG}" "${WITHIN}")" || die "cannot tell what expires"
  start_cas "${ORG}"
  load_chaincodes
  while read -r action owner not_after <&3; do
    [[ -n "${action}" ]] || continue
    case "${action}" in
      warn) log "not renewed here: ${owner} expires ${not_after}"; continue ;;
      chaincode-tls) chaincodes+=("${owner}"); renewed=$((renewed + 1)); continue ;;
      node) if ((SKIP_CONSENTERS)) && is_consenter "${ORG}/${owner}"; then continue; fi ;;
    esac
    if ((${#chaincodes[@]} > 0)); then
      renew_chaincode_tls "${chaincodes[@]}"
      log "renewed the TLS certificates of the ${chaincodes[*]} servers"
      chaincodes=()
    fi
    case "${action}" in
      registrar) renew_registrar "${owner}" ;;
      client) renew_client "${owner}" ;;
      monitoring-tls) enroll_monitoring "${ORG}" ;;
      gateway-tls) renew_gateway_tls ;;
      node) renew_node "${owner}" ;;
      *) die "unknown renewal step ${action}" ;;
    esac
    log "renewed ${action} ${owner} (expired or expiring ${not_after})"
    renewed=$((renewed + 1))
  done 3<<<"${plan}"
  if ((${#chaincodes[@]} > 0)); then renew_chaincode_tls "${chaincodes[@]}"; fi
  log "renewed ${renewed} identities of ${ORG} expiring within ${WITHIN}"
}

# Enrols a new TLS certificate for an orderer with the key it already has (a CSR made from it,
# sent to the TLS CA's enroll API with the orderer's secret): the Raft cluster knows a consenter
# by its public key, so the orderers recognise each other again at once, with no config update.
enroll_tls_same_key() {
  local node="$1" org="${1%%/*}" name dir secret body
  name="$(node_id "${node}")"; dir="$(node_dir "${node}")"
  secret="$(register_identity "${org}" tlsca "${name}" orderer)"
  body="$(jq -n --arg csr "$(openssl req -new -key "${dir}/tls/server.key" -subj "/CN=${name}")" --arg hosts "${NODE_TLS_HOSTS[${node}]}" \
    '{certificate_request: $csr, profile: "tls", hosts: ($hosts | split(","))}')"
  curl -sf --cacert "${CA_CERT[${org}/tlsca]}" -u "${name}:${secret}" -H 'Content-Type: application/json' -d "${body}" \
    "https://${CA_ADDRESS[${org}/tlsca]}/api/v1/enroll" | jq -er '.result.Cert' | base64 -d >"${dir}/tls/server.crt.new" ||
    die "cannot enrol a TLS certificate for ${node} with its key"
  mv "${dir}/tls/server.crt.new" "${dir}/tls/server.crt"
}

# Brings back consenters whose TLS certificates all expired: see the header.
recover_orderers() {
  local node secret
  for node in "${ORDERERS[@]}"; do
    ORG="${node%%/*}"
    secret="$(register_identity "${ORG}" ca "$(node_id "${node}")" orderer)"
    enroll_msp "${ORG}" "$(node_id "${node}")" "${secret}" "$(node_dir "${node}")" "$(node_host "${node}")"
    enroll_tls_same_key "${node}"
    publish_org "${ORG}"
    stop_process "$(node_id "${node}")"
  done
  start_nodes "${ORDERERS[@]}"
  for node in "${ORDERERS[@]}"; do
    wait_until 120 "${node} to be an active consenter" orderer_active "${node}" || die "${node} did not come back; see $(log_file "$(node_id "${node}")")"
  done
  # The channel config still holds the expired certificates (same keys): replaced one consenter
  # per update, as Fabric's Raft accepts no more (it compares the certificates' bytes there).
  for node in "${ORDERERS[@]}"; do replace_consenter_certificate "${node}"; done
}

# A config update that puts an orderer's TLS certificate on disk into its consenter entry,
# signed by a majority of the orderer orgs' admins and its own org's.
replace_consenter_certificate() {
  local node="$1" work cert
  work="$(channel_dir)/consenter-renewal/update"
  wait_until 120 "every consenter to count the others active" raft_all_active ||
    die "the Raft consenters do not all count each other active: a consenter update now could lose quorum"
  fetch_config_json "$(first_department_peer)" "${work}"
  cert="$(base64 -w0 <"$(node_dir "${node}")/tls/server.crt")"
  jq --arg host "${NODE_ENDPOINT_HOST[${node}]}" --argjson port "${NODE_PORT[${node}]}" --arg cert "${cert}" '
      .channel_group.groups.Orderer.values.ConsensusType.value.metadata.consenters |=
        map(if .host == $host and .port == $port then .client_tls_cert = $cert | .server_tls_cert = $cert else . end)' \
    "${work}/config.json" >"${work}/modified.json"
  if ! config_changed "${work}"; then return 0; fi
  majority_signers "${work}/config.json" Orderer "${node%%/*}"
  submit_config_update "${work}" "consenter certificate of ${node}" "${SIGNERS[@]}"
}

# One org's part of --recover (run for every org at once, each in its own subshell).
recover_org() {
  ORG="$1"
  renew_org
}

SKIP_CONSENTERS=0
if ((RECOVER)); then
  WITHIN=36500d SKIP_CONSENTERS=1
  run_each "an org's certificates could not be renewed" recover_org -- "${ORG_KEYS[@]}"
  recover_orderers
  log "recovered every org's certificates in $((SECONDS - started))s"
else
  require_local_org "${ORG}"
  renew_org
  log "renewed the certificates of ${ORG} expiring within ${WITHIN} in $((SECONDS - started))s"
fi
