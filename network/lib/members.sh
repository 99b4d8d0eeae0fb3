#!/usr/bin/env bash
# Channel membership: brings the orgs of channel `city`, and the policies that
# count departments, to what the org files declare. Used by network/org.sh to
# onboard and offboard a department. Source after lib/channel.sh.
#
# The target comes from the same generator as the genesis block (configtx.yaml
# from network/src, then configtxgen), so an org added later is defined
# exactly as if it had been there from the start.

# Writes the channel group the org files describe to <work>/target.json.
target_channel_group() {
  local work="$1" profile
  [[ "$(saved_profile)" == raft ]] ||
    die "changing the orgs of a $(saved_profile) channel is not supported: this Fabric build's configtxlator cannot decode a BFT channel's config"
  profile="$(orgs_cli configtx raft "${work}/configtx.yaml")"
  configtxgen -configPath "${work}" -profile "${profile}" -channelID "${CHANNEL_NAME}" \
    -outputBlock "${work}/target.block" >>"$(log_file channel)" 2>&1 || die "configtxgen failed; see $(log_file channel)"
  configtxlator proto_decode --input "${work}/target.block" --type common.Block |
    jq '.data.data[0].payload.data.config.channel_group' >"${work}/target.json"
}

# Sets SIGNERS to the org keys whose admins must sign a change of a group
# (Application or Orderer): its mod_policy, /Channel/<group>/Admins, is
# MAJORITY Admins of the group's orgs now. Departments sign first; orgs that
# are not in the group (yet, or any more) cannot sign.
# A third argument names an org that must be among them (its own values change).
majority_signers() {
  local config="$1" group="$2" must="${3:-}" members need org role
  SIGNERS=()
  members="$(jq -c --arg g "${group}" '.channel_group.groups[$g].groups | keys' "${config}")"
  need=$(($(jq length <<<"${members}") / 2 + 1))
  if [[ -n "${must}" ]] && jq -e --arg msp "${ORG_MSP[${must}]}" 'index($msp) != null' <<<"${members}" >/dev/null; then SIGNERS+=("${must}"); fi
  for role in department regulator; do
    for org in "${ORG_KEYS[@]}"; do
      [[ "${ORG_ROLE[${org}]}" == "${role}" ]] || continue
      [[ "${org}" != "${must}" ]] || continue
      jq -e --arg msp "${ORG_MSP[${org}]}" 'index($msp) != null' <<<"${members}" >/dev/null || continue
      if ((${#SIGNERS[@]} < need)); then SIGNERS+=("${org}"); fi
    done
  done
  ((${#SIGNERS[@]} == need)) || die "the channel has $(jq length <<<"${members}") orgs: a change needs ${need} admins, but only ${#SIGNERS[@]} are declared in ${ORGS_DIR}"
}

# Only contents are copied from the target, never versions (configtxlator
# bumps those), so that an unchanged channel compares equal.
#
# Adds the orgs the org files declare and the channel lacks, removes the ones
# it has and they no longer declare, and updates the department majorities
# (Endorsement, LifecycleEndorsement). Does nothing when they already agree.
declare -a SIGNERS=()
reconcile_channel_orgs() {
  local work
  work="$(channel_dir)/member-update"
  fetch_config_json "$(first_department_peer)" "${work}"
  target_channel_group "${work}"
  jq --slurpfile target "${work}/target.json" '
      $target[0].groups.Application as $t | .channel_group.groups.Application as $now |
      .channel_group.groups.Application.groups = ($t.groups | with_entries(.value = ($now.groups[.key] // .value))) |
      .channel_group.groups.Application.policies.Endorsement.policy = $t.policies.Endorsement.policy |
      .channel_group.groups.Application.policies.LifecycleEndorsement.policy = $t.policies.LifecycleEndorsement.policy' \
    "${work}/config.json" >"${work}/modified.json"
  if ! config_changed "${work}"; then
    log "the orgs of ${CHANNEL_NAME} match the org files"
    return 0
  fi
  majority_signers "${work}/config.json" Application
  submit_config_update "${work}" "orgs of ${CHANNEL_NAME}: $(jq -r '.channel_group.groups.Application.groups | keys | join(", ")' "${work}/modified.json")" "${SIGNERS[@]}"
}

# Brings the Raft consenter set, and the orderer orgs with their endpoints, to
# what the org files declare: exactly one consenter more or less, never fewer
# than three (see network/consenter.sh). <org> signs as well, since its
# endpoints change.
reconcile_consenters() {
  local org="$1" work change
  work="$(channel_dir)/consenter-update"
  fetch_config_json "$(first_department_peer)" "${work}"
  target_channel_group "${work}"
  jq --slurpfile target "${work}/target.json" '
      $target[0].groups.Orderer as $t | .channel_group.groups.Orderer as $now |
      .channel_group.groups.Orderer.groups = ($t.groups | with_entries(.key as $k |
        .value = (($now.groups[$k] // .value) | .values.Endpoints.value = $t.groups[$k].values.Endpoints.value))) |
      .channel_group.groups.Orderer.values.ConsensusType.value.metadata.consenters = $t.values.ConsensusType.value.metadata.consenters' \
    "${work}/config.json" >"${work}/modified.json"
  if ! config_changed "${work}"; then
    log "the consenters of ${CHANNEL_NAME} match the org files"
    return 0
  fi
  # [added, removed, size after]
  change="$(jq -c -n --slurpfile a "${work}/config.json" --slurpfile b "${work}/modified.json" '
      [$a, $b] | map(.[0].channel_group.groups.Orderer.values.ConsensusType.value.metadata.consenters | map("\(.host):\(.port)")) as [$now, $want] |
      [($want - $now), ($now - $want), ($want | length)]')"
  # Raft changes its membership one node at a time; two at once could lose quorum.
  jq -e '(.[0] + .[1] | length) <= 1' <<<"${change}" >/dev/null ||
    die "the org files differ from the channel by more than one consenter (${change}): change one at a time"
  # With fewer than three, Raft cannot lose a single node and keep ordering.
  jq -e '.[2] >= 3' <<<"${change}" >/dev/null ||
    die "refusing to go below three consenters: Raft needs a majority, and with two a single failure stops ordering"
  majority_signers "${work}/config.json" Orderer "${org}"
  submit_config_update "${work}" "consenters of ${CHANNEL_NAME} (added, removed, size): ${change}" "${SIGNERS[@]}"
}
