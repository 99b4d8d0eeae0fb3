#!/usr/bin/env bash
# Channel membership: brings the orgs of channel `city`, and the policies that
# count departments, to what the org files declare. Used by network/org.sh to
# onboard and offboard a department. Source after lib/channel.sh.
#
# The target comes from the same generator as the genesis block (configtx.yaml
# from network/src, then configtxgen), so an org added later is defined
# exactly as if it had been there from the start.

# Writes the Application group the org files describe to <work>/target.json.
target_application_group() {
  local work="$1" profile
  [[ "$(saved_profile)" == raft ]] ||
    die "changing the orgs of a $(saved_profile) channel is not supported: this Fabric build's configtxlator cannot decode a BFT channel's config"
  profile="$(orgs_cli configtx raft "${work}/configtx.yaml")"
  configtxgen -configPath "${work}" -profile "${profile}" -channelID "${CHANNEL_NAME}" \
    -outputBlock "${work}/target.block" >>"$(log_file channel)" 2>&1 || die "configtxgen failed; see $(log_file channel)"
  configtxlator proto_decode --input "${work}/target.block" --type common.Block |
    jq '.data.data[0].payload.data.config.channel_group.groups.Application' >"${work}/target.json"
}

# Sets SIGNERS to the org keys whose admins must sign a change of the Application
# group: its mod_policy, /Channel/Application/Admins, is MAJORITY Admins of
# the orgs in the channel now. Departments sign first; orgs that are not in
# the channel (yet, or any more) cannot sign.
majority_signers() {
  local config="$1" members need org role
  SIGNERS=()
  members="$(jq -c '.channel_group.groups.Application.groups | keys' "${config}")"
  need=$(($(jq length <<<"${members}") / 2 + 1))
  for role in department regulator; do
    for org in "${ORG_KEYS[@]}"; do
      [[ "${ORG_ROLE[${org}]}" == "${role}" ]] || continue
      jq -e --arg msp "${ORG_MSP[${org}]}" 'index($msp) != null' <<<"${members}" >/dev/null || continue
      if ((${#SIGNERS[@]} < need)); then SIGNERS+=("${org}"); fi
    done
  done
  ((${#SIGNERS[@]} == need)) || die "the channel has $(jq length <<<"${members}") orgs: a change needs ${need} admins, but only ${#SIGNERS[@]} are declared in ${ORGS_DIR}"
}

# Adds the orgs the org files declare and the channel lacks, removes the ones
# it has and they no longer declare, and updates the department majorities
# (Endorsement, LifecycleEndorsement). Does nothing when they already agree.
declare -a SIGNERS=()
reconcile_channel_orgs() {
  local work
  work="$(channel_dir)/member-update"
  fetch_config_json "$(first_department_peer)" "${work}"
  target_application_group "${work}"
  jq --slurpfile target "${work}/target.json" '
      $target[0] as $t | .channel_group.groups.Application as $now |
      .channel_group.groups.Application.groups = ($t.groups | with_entries(.value = ($now.groups[.key] // .value))) |
      .channel_group.groups.Application.policies.Endorsement = $t.policies.Endorsement |
      .channel_group.groups.Application.policies.LifecycleEndorsement = $t.policies.LifecycleEndorsement' \
    "${work}/config.json" >"${work}/modified.json"
  if ! config_changed "${work}"; then
    log "the orgs of ${CHANNEL_NAME} match the org files"
    return 0
  fi
  majority_signers "${work}/config.json"
  submit_config_update "${work}" "orgs of ${CHANNEL_NAME}: $(jq -r '.channel_group.groups.Application.groups | keys | join(", ")' "${work}/modified.json")" "${SIGNERS[@]}"
}
