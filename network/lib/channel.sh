#!/usr/bin/env bash
# Creates channel `city` through the channel participation API, joins every
# peer and sets anchor peers. Source after lib/orgs.sh and lib/health.sh.
# Every step checks first, so running it again on a live network is safe.

genesis_block() { printf '%s/genesis.block\n' "$(channel_dir)"; }

# osnadmin as the orderer's org admin (mutual TLS on the admin endpoint).
osnadmin_as_admin() {
  local node="$1"; shift
  local org="${node%%/*}" admin
  admin="$(client_dir "${org}" admin)"
  osnadmin "$@" -o "127.0.0.1:${NODE_PORT2[${node}]}" --ca-file "$(tlsca_cert "${org}")" \
    --client-cert "${admin}/tls/client.crt" --client-key "${admin}/tls/client.key"
}

create_genesis_block() {
  local profile="$1" dir name
  dir="$(channel_dir)"
  [[ -f "$(genesis_block)" ]] && return 0
  name="$(orgs_cli configtx "${profile}" "${dir}/configtx.yaml")"
  log "generating the genesis block of ${CHANNEL_NAME} (profile ${name})"
  configtxgen -configPath "${dir}" -profile "${name}" -channelID "${CHANNEL_NAME}" \
    -outputBlock "$(genesis_block)" >>"$(log_file channel)" 2>&1 || die "configtxgen failed; see $(log_file channel)"
}

join_orderers() {
  local node
  for node in "${ORDERERS[@]}"; do
    # osnadmin exits 0 whatever the HTTP status; the status line tells.
    if osnadmin_as_admin "${node}" channel list --channelID "${CHANNEL_NAME}" 2>/dev/null | grep -q '^Status: 200'; then continue; fi
    log "joining orderer ${node} to ${CHANNEL_NAME}"
    osnadmin_as_admin "${node}" channel join --channelID "${CHANNEL_NAME}" --config-block "$(genesis_block)" 2>&1 |
      tee -a "$(log_file channel)" | grep -q '^Status: 201' || die "orderer ${node} could not join; see $(log_file channel)"
  done
}

peer_joined() { (as_admin "$1" && peer channel list 2>/dev/null | grep -qx "${CHANNEL_NAME}"); }
peer_join() { (as_admin "$1" && peer channel join -b "$(genesis_block)" >>"$(log_file channel)" 2>&1); }

join_peers() {
  local node
  for node in "${PEERS[@]}"; do
    peer_joined "${node}" && continue
    log "joining peer ${node} to ${CHANNEL_NAME}"
    # The orderers may still be electing a leader: retry for a while.
    wait_until 60 "peer ${node} to join ${CHANNEL_NAME}" peer_join "${node}" || die "peer ${node} could not join; see $(log_file channel)"
  done
}

fetch_config() {
  (as_admin "$1" && peer channel fetch config "$2" -c "${CHANNEL_NAME}" "${ORDERER_ARGS[@]}") >>"$(log_file channel)" 2>&1
}

# Turns <work>/config.json and <work>/modified.json (channel configs) into
# <work>/envelope.pb: the config update between them, ready to sign and submit.
config_update_envelope() {
  local work="$1"
  configtxlator proto_encode --input "${work}/config.json" --type common.Config --output "${work}/config.pbc"
  configtxlator proto_encode --input "${work}/modified.json" --type common.Config --output "${work}/modified.pbc"
  configtxlator compute_update --channel_id "${CHANNEL_NAME}" --original "${work}/config.pbc" \
    --updated "${work}/modified.pbc" --output "${work}/update.pb"
  configtxlator proto_decode --input "${work}/update.pb" --type common.ConfigUpdate --output "${work}/update.json"
  jq -n --arg ch "${CHANNEL_NAME}" --slurpfile u "${work}/update.json" \
    '{payload: {header: {channel_header: {channel_id: $ch, type: 2}}, data: {config_update: $u[0]}}}' >"${work}/envelope.json"
  configtxlator proto_encode --input "${work}/envelope.json" --type common.Envelope --output "${work}/envelope.pb"
}

# Sets every org's anchor peers in one config update, signed by each org's
# admin (AnchorPeers is governed by that org's Admins policy).
set_anchor_peers() {
  local work node org by submit
  work="$(channel_dir)/anchor-update"
  rm -rf "${work}" && mkdir -p "${work}"
  submit="$(first_department_peer)"
  set_orderer_args
  # Retried: right after joining, the orderers may still be electing a leader.
  wait_until 60 "the channel config from the orderer" fetch_config "${submit}" "${work}/config.pb" ||
    die "cannot fetch the channel config; see $(log_file channel)"
  configtxlator proto_decode --input "${work}/config.pb" --type common.Block |
    jq '.data.data[0].payload.data.config' >"${work}/config.json"

  # Desired anchor peers per MSP, from the org files.
  by="{}"
  for node in "${PEERS[@]}"; do
    [[ "${PEER_ANCHOR[${node}]}" == 1 ]] || continue
    org="${node%%/*}"
    by="$(jq --arg msp "${ORG_MSP[${org}]}" --argjson port "${NODE_PORT[${node}]}" \
      '.[$msp] += [{host: "127.0.0.1", port: $port}]' <<<"${by}")"
  done
  jq --argjson by "${by}" 'reduce ($by | to_entries[]) as $e (.;
      .channel_group.groups.Application.groups[$e.key].values.AnchorPeers =
        {mod_policy: "Admins", value: {anchor_peers: $e.value}, version: "0"})' \
    "${work}/config.json" >"${work}/modified.json"
  if jq -e --argjson by "${by}" 'all($by | to_entries[];
      . as $e | $e.value == ($root.channel_group.groups.Application.groups[$e.key].values.AnchorPeers.value.anchor_peers // null))' \
    --argjson root "$(<"${work}/config.json")" -n >/dev/null; then
    return 0
  fi
  log "setting anchor peers for $(jq -r 'keys | join(", ")' <<<"${by}")"
  config_update_envelope "${work}"
  # Every org whose anchor peers change signs; the submitter signs as it submits.
  for org in "${ORG_KEYS[@]}"; do
    [[ "${org}" == "${submit%%/*}" ]] && continue
    for node in "${PEERS[@]}"; do
      if [[ "${node%%/*}" == "${org}" ]]; then
        (as_admin "${node}" && peer channel signconfigtx -f "${work}/envelope.pb") >>"$(log_file channel)" 2>&1 ||
          die "${org} admin could not sign the anchor peer update"
        break
      fi
    done
  done
  (as_admin "${submit}" && peer channel update -f "${work}/envelope.pb" -c "${CHANNEL_NAME}" "${ORDERER_ARGS[@]}") \
    >>"$(log_file channel)" 2>&1 || die "the anchor peer update was refused; see $(log_file channel)"
}
