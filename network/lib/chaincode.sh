#!/usr/bin/env bash
# Chaincode as a service: declarations (chaincode/chaincodes.yaml, or
# $CITY_LEDGER_CHAINCODES, through the CLI), deterministic packages, per-org
# servers and the Fabric lifecycle. Source after lib/common.sh and lib/orgs.sh.
#
#   CHAINCODES            records identity ...
#   CC_PATH[cc] CC_POLICY[cc] CC_DIR[cc]             workspace, resolved policy, runtime folder
#   CC_SERVER_PORT[org/cc] CC_SERVER_DIR[org/cc] CC_SERVER_ENV_FILE[org/cc]

load_chaincodes() {
  [[ -v CHAINCODES ]] && return 0
  local declarations
  declarations="$(orgs_cli chaincode-shell)" || die "the chaincodes in ${CHAINCODES_FILE} are not valid"
  eval "${declarations}"
  # The ccaas builder reads each org's server addresses from a generated file.
  generate_runtime_files "$(saved_profile)"
}

chaincode_path() { load_chaincodes; printf '%s\n' "${CC_PATH[$1]}"; }
chaincode_server_port() { load_chaincodes; printf '%s\n' "${CC_SERVER_PORT[$1/$2]:-}"; }
chaincode_runtime_dir() { load_chaincodes; printf '%s\n' "${CC_DIR[$1]}"; }
package_id_file() { printf '%s/package-id\n' "$(chaincode_runtime_dir "$1")"; }
chaincode_server_dir() { load_chaincodes; printf '%s\n' "${CC_SERVER_DIR[$1/$2]}"; }
chaincode_server_id() { printf '%s-chaincode-%s\n' "$1" "$2"; }
collections_file() { printf '%s/%s/collections_config.json\n' "${REPO_DIR}" "$(chaincode_path "$1")"; }

# A tarball whose bytes depend only on the files' names and contents.
deterministic_tgz() {
  local dir="$1" out="$2"; shift 2
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 --mode='u=rw,go=r' \
    -C "${dir}" -cf - "$@" | gzip -n -9 >"${out}"
}

# The chaincode's version: a hash of what runs (its built code, the shared
# libraries' (chaincode/common and domain), and the locked versions of exactly
# the packages it depends on)
# and of its definition (endorsement policy, collections). Same code and
# definition, same version, same package ID: another workspace's dependency
# changes do not upgrade the chaincode.
chaincode_version() {
  local cc="$1" dir deps
  dir="${REPO_DIR}/$(chaincode_path "${cc}")"
  deps="$(orgs_cli locked-dependencies "$(chaincode_path "${cc}")")" || die "cannot read the locked dependencies of ${cc}"
  {
    (cd "${REPO_DIR}" && find "${dir#"${REPO_DIR}"/}/dist" chaincode/common/dist domain/dist -type f ! -name '*.tsbuildinfo' ! -name '*.map' ! -path '*/testing/*' | LC_ALL=C sort | xargs sha256sum)
    sha256sum "${dir}/package.json"
    printf '%s\n' "${deps}"
    printf '%s\n' "${CC_POLICY[${cc}]}"
    if [[ -f "$(collections_file "${cc}")" ]]; then sha256sum <"$(collections_file "${cc}")"; fi
  } | sha256sum | cut -c1-12
}

# Writes <runtime>/chaincode/<cc>/<label>.tar.gz and its package ID. The
# package holds no keys and no org's address: the ccaas builder completes
# connection.json on each peer.
package_chaincode() {
  local cc="$1" version label work pkg
  version="$(chaincode_version "${cc}")"
  label="${cc}_${version}"
  work="$(chaincode_runtime_dir "${cc}")/package"
  pkg="$(chaincode_runtime_dir "${cc}")/${label}.tar.gz"
  rm -rf "${work}" && mkdir -p "${work}/code"
  printf '{"address":"%s","dial_timeout":"10s","tls_required":true,"client_auth_required":true}\n' "${cc}" >"${work}/code/connection.json"
  deterministic_tgz "${work}/code" "${work}/code.tar.gz" connection.json
  printf '{"type":"ccaas","label":"%s"}\n' "${label}" >"${work}/metadata.json"
  deterministic_tgz "${work}" "${pkg}" metadata.json code.tar.gz
  (FABRIC_CFG_PATH="${FABRIC_SAMPLE_CONFIG}" peer lifecycle chaincode calculatepackageid "${pkg}") >"$(package_id_file "${cc}")"
  printf '%s\n' "${version}" >"$(chaincode_runtime_dir "${cc}")/version"
}

# Starts (or restarts, when the package changed) every org's server for a chaincode.
start_chaincode_servers() {
  local cc="$1" org dir secret id running
  for org in "${ORG_KEYS[@]}"; do
    dir="$(chaincode_server_dir "${org}" "${cc}")"
    if [[ ! -f "${dir}/tls/server.key" ]]; then
      secret="$(register_identity "${org}" tlsca "ccaas-${cc}" client)"
      mkdir -p "${dir}"
      enroll_tls "${org}" "ccaas-${cc}" "${secret}" "${dir}" "127.0.0.1,localhost" server
    fi
    id="$(chaincode_server_id "${org}" "${cc}")"
    running="$(cat "${dir}/package-id" 2>/dev/null || true)"
    if is_running "${id}" && [[ "${running}" != "$(<"$(package_id_file "${cc}")")" ]]; then stop_process "${id}"; fi
    "${NETWORK_DIR}/nodes/chaincode.sh" "${org}" "${cc}"
    cp "$(package_id_file "${cc}")" "${dir}/package-id"
  done
  for org in "${ORG_KEYS[@]}"; do
    wait_until 30 "${cc} server of ${org}" port_open "$(chaincode_server_port "${org}" "${cc}")" ||
      die "the ${cc} server of ${org} did not start; see $(log_file "$(chaincode_server_id "${org}" "${cc}")")"
  done
}

# Installs the package on every peer that lacks it (the Auditor's included, so it can query).
install_chaincode() {
  local cc="$1" node pkg package_id
  package_id="$(<"$(package_id_file "${cc}")")"
  pkg="$(chaincode_runtime_dir "${cc}")/${package_id%%:*}.tar.gz"
  for node in "${PEERS[@]}"; do
    if (as_admin "${node}" && peer lifecycle chaincode queryinstalled --output json 2>/dev/null) |
      jq -e --arg id "${package_id}" '.installed_chaincodes // [] | any(.package_id == $id)' >/dev/null; then
      continue
    fi
    log "installing ${package_id%%:*} on ${node}"
    (as_admin "${node}" && peer lifecycle chaincode install "${pkg}") >>"$(log_file "deploy-${cc}")" 2>&1 ||
      die "install of ${cc} on ${node} failed; see $(log_file "deploy-${cc}")"
  done
}

# Prints "<version> <sequence>" of the committed definition, or "- 0".
committed_definition() {
  local cc="$1"
  (as_admin "$(first_department_peer)" &&
    peer lifecycle chaincode querycommitted -C "${CHANNEL_NAME}" -n "${cc}" --output json 2>/dev/null) |
    jq -r '"\(.version) \(.sequence)"' 2>/dev/null || echo "- 0"
}

# Arguments every approve, checkcommitreadiness and commit must agree on.
definition_args() {
  local cc="$1" sequence="$2"
  DEFINITION_ARGS=(-C "${CHANNEL_NAME}" -n "${cc}" --version "$(<"$(chaincode_runtime_dir "${cc}")/version")"
    --sequence "${sequence}" --signature-policy "${CC_POLICY[${cc}]}")
  if [[ -f "$(collections_file "${cc}")" ]]; then DEFINITION_ARGS+=(--collections-config "$(collections_file "${cc}")"); fi
}

# Approves the definition (DEFINITION_ARGS) for one org, as its admin on <org/peer>.
approve_for_org() {
  local cc="$1" sequence="$2" node="$3"
  log "approving ${cc} sequence ${sequence} for ${ORG_MSP[${node%%/*}]}"
  (as_admin "${node}" && peer lifecycle chaincode approveformyorg "${DEFINITION_ARGS[@]}" \
    --package-id "$(<"$(package_id_file "${cc}")")" "${ORDERER_ARGS[@]}" --waitForEvent) >>"$(log_file "deploy-${cc}")" 2>&1 ||
    die "${node%%/*} could not approve ${cc}; see $(log_file "deploy-${cc}")"
}

# Every org approves (the Auditor too: Fabric runs chaincode on a peer only
# once its org approved the definition), then a department commits it with
# one endorsing peer per department.
approve_and_commit() {
  local cc="$1" sequence="$2" org node commit_peers=()
  definition_args "${cc}" "${sequence}"
  set_orderer_args
  for org in "${ORG_KEYS[@]}"; do
    node="$(org_peer "${org}")"
    approve_for_org "${cc}" "${sequence}" "${node}"
    if [[ "${ORG_ROLE[${org}]}" == department ]]; then
      commit_peers+=(--peerAddresses "127.0.0.1:${NODE_PORT[${node}]}" --tlsRootCertFiles "$(tlsca_cert "${org}")")
    fi
  done
  log "committing ${cc} sequence ${sequence}"
  (as_admin "$(first_department_peer)" && peer lifecycle chaincode commit "${DEFINITION_ARGS[@]}" \
    "${ORDERER_ARGS[@]}" "${commit_peers[@]}" --waitForEvent) >>"$(log_file "deploy-${cc}")" 2>&1 ||
    die "commit of ${cc} failed; see $(log_file "deploy-${cc}")"
}

# An org that joined after a definition was committed approves that same
# definition, so that its peers run the chaincode (network/org.sh add).
approve_committed() {
  local cc="$1" sequence="$2" org approvals
  approvals="$(as_admin "$(first_department_peer)" &&
    peer lifecycle chaincode querycommitted -C "${CHANNEL_NAME}" -n "${cc}" --output json 2>/dev/null | jq -c '.approvals // {}')"
  definition_args "${cc}" "${sequence}"
  set_orderer_args
  for org in "${ORG_KEYS[@]}"; do
    jq -e --arg msp "${ORG_MSP[${org}]}" '.[$msp] == true' <<<"${approvals}" >/dev/null ||
      approve_for_org "${cc}" "${sequence}" "$(org_peer "${org}")"
  done
}

# Brings one chaincode to its current code and definition; does nothing if it
# is there, unless FORCE_UPGRADE=1 (a new sequence of the same definition).
deploy_chaincode() {
  local cc="$1" committed version sequence
  package_chaincode "${cc}"
  version="$(<"$(chaincode_runtime_dir "${cc}")/version")"
  start_chaincode_servers "${cc}"
  install_chaincode "${cc}"
  committed="$(committed_definition "${cc}")"
  if [[ "${committed%% *}" == "${version}" && "${FORCE_UPGRADE:-0}" != 1 ]]; then
    log "${cc} ${version} is committed (sequence ${committed##* })"
    approve_committed "${cc}" "${committed##* }"
    return 0
  fi
  sequence=$((${committed##* } + 1))
  approve_and_commit "${cc}" "${sequence}"
}
