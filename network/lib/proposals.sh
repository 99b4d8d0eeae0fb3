#!/usr/bin/env bash
# Channel config updates signed by their owners: propose, sign, submit, through
# the consortium exchange folder ($RUNTIME/exchange/proposals/<id>/). The
# network CLI (network/src/proposals.ts) decides what: the update and its
# summary, whether a signature is an admin's of the right org over the proposed
# bytes, and whether the channel's modification policies are met. These
# functions decide when: they fetch the channel config and send the envelope.
# Source after lib/orgs.sh and lib/channel.sh.

# Computes <work>/update.pb from <work>/config.json -> <work>/modified.json.
compute_config_update() {
  local work="$1"
  configtxlator proto_encode --input "${work}/config.json" --type common.Config --output "${work}/config.pbc"
  configtxlator proto_encode --input "${work}/modified.json" --type common.Config --output "${work}/modified.pbc"
  configtxlator compute_update --channel_id "${CHANNEL_NAME}" --original "${work}/config.pbc" \
    --updated "${work}/modified.pbc" --output "${work}/update.pb"
}

# Proposes <work>/update.pb (computed on <work>/config.json): prints its id, then its summary.
propose_update() {
  local work="$1" what="$2"
  orgs_cli proposal propose "${work}" "${what}"
}

# The channel config as <org>'s admin sees it through its own peer, into <work>/config.json.
config_as() {
  local org="$1" work="$2"
  fetch_config_json "$(org_peer "${org}")" "${work}" 2>>"$(log_file channel)"
}

# Adds <org>'s signature with its own admin (or the MSP folder given), after
# checking the proposal against the channel config (<config.json>, or fetched).
sign_proposal() {
  local org="$1" id="$2" config="${3:-}" msp="${4:-}" work
  if [[ -z "${config}" ]]; then
    work="$(channel_dir)/proposal-${id}-${org}"
    config_as "${org}" "${work}"
    config="${work}/config.json"
  fi
  orgs_cli proposal sign "${id}" "${org}" "${config}" ${msp:+"${msp}"}
}

# Sends the proposal as <org>'s admin once its signatures meet the channel's
# modification policies; otherwise the CLI names the missing signatures and
# nothing is sent.
submit_proposal() {
  local org="$1" id="$2" config="${3:-}" work envelope
  if [[ -z "${config}" ]]; then
    work="$(channel_dir)/proposal-${id}-submit"
    config_as "${org}" "${work}"
    config="${work}/config.json"
  fi
  envelope="$(orgs_cli proposal submit "${id}" "${config}")" || return 1
  set_orderer_args
  (as_admin "$(org_peer "${org}")" && peer channel update -f "${envelope}" -c "${CHANNEL_NAME}" "${ORDERER_ARGS[@]}") \
    >>"$(log_file channel)" 2>&1 || { log "the orderer refused proposal ${id}"; return 1; }
}
