#!/usr/bin/env bash
# Issues every identity of one org from its running CAs: the org's verifying
# MSP, node MSPs and TLS certificates, the org admin and the org's users.
# Source after lib/common.sh and lib/orgs.sh; call issue_org_crypto ORG.
# Idempotent: an org whose crypto is complete is skipped.

# fabric-ca-client against an org's CA (ca|tlsca) as its bootstrap registrar.
ca_client() {
  local org="$1" kind="$2"; shift 2
  local home
  home="${REGISTRAR_DIR[${org}/${kind}]}"
  fabric-ca-client "$@" --home "${home}" -u "https://${CA_ADDRESS[${org}/${kind}]}" \
    --tls.certfiles "${CA_CERT[${org}/${kind}]}" >>"$(log_file "crypto-${org}")" 2>&1
}

# URL with credentials for enrolling <name> at an org's CA. fabric-ca-client
# gets it as FABRIC_CA_CLIENT_URL (its -u), and a registered secret as
# FABRIC_CA_CLIENT_ID_SECRET (its --id.secret): any local user can read a
# process's command line in /proc, only its owner its environment.
ca_url() {
  local org="$1" kind="$2" name="$3" secret="$4"
  printf 'https://%s:%s@%s\n' "${name}" "${secret}" "${CA_ADDRESS[${org}/${kind}]}"
}

enroll_registrar() {
  local org="$1" kind="$2" secret
  secret="$(<"${CA_HOME[${org}/${kind}]}/bootstrap.secret")"
  FABRIC_CA_CLIENT_URL="$(ca_url "${org}" "${kind}" admin "${secret}")" fabric-ca-client enroll \
    --home "${REGISTRAR_DIR[${org}/${kind}]}" \
    --tls.certfiles "${CA_CERT[${org}/${kind}]}" >>"$(log_file "crypto-${org}")" 2>&1
}

# Registers <name> with a random secret (kept 0600 under the org's secrets/),
# unless it was registered before. Prints the secret.
register_identity() {
  local org="$1" kind="$2" name="$3" type="$4" attrs="${5:-}" secret_file
  secret_file="$(org_dir "${org}")/secrets/${kind}-${name}"
  if [[ ! -f "${secret_file}" ]]; then
    mkdir -p "$(dirname "${secret_file}")"
    (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"${secret_file}")
    local args=(register --id.name "${name}" --id.type "${type}")
    if [[ -n "${attrs}" ]]; then args+=(--id.attrs "${attrs}"); fi
    (FABRIC_CA_CLIENT_ID_SECRET="$(<"${secret_file}")" && export FABRIC_CA_CLIENT_ID_SECRET && ca_client "${org}" "${kind}" "${args[@]}") ||
      die "cannot register ${name} at ${kind} of ${org}"
  fi
  cat "${secret_file}"
}

# NodeOUs: the certificate's OU (set by Fabric CA from the identity type) gives its role.
write_nodeous_config() {
  cat >"$1/config.yaml" <<'YAML'
NodeOUs:
  Enable: true
  ClientOUIdentifier: { Certificate: cacerts/ca.pem, OrganizationalUnitIdentifier: client }
  PeerOUIdentifier: { Certificate: cacerts/ca.pem, OrganizationalUnitIdentifier: peer }
  AdminOUIdentifier: { Certificate: cacerts/ca.pem, OrganizationalUnitIdentifier: admin }
  OrdererOUIdentifier: { Certificate: cacerts/ca.pem, OrganizationalUnitIdentifier: orderer }
YAML
}

# Enrolls an MSP (signing identity) into <dir>/msp, with predictable file names.
enroll_msp() {
  local org="$1" name="$2" secret="$3" dir="$4" hosts="$5"
  # Enrolled beside the MSP and swapped in whole: a renewal never leaves a running node or
  # script a half-written MSP, and a failed one leaves the old MSP in place.
  local msp="${dir}/msp" fresh="${dir}/msp.new"
  rm -rf "${fresh}"
  FABRIC_CA_CLIENT_URL="$(ca_url "${org}" ca "${name}" "${secret}")" fabric-ca-client enroll --mspdir "${fresh}" \
    --home "${dir}" --csr.hosts "${hosts}" \
    --tls.certfiles "${CA_CERT[${org}/ca]}" >>"$(log_file "crypto-${org}")" 2>&1 \
    || die "cannot enroll ${name} of ${org}"
  mv "${fresh}"/cacerts/*.pem "${fresh}/cacerts/ca.pem"
  mv "${fresh}"/keystore/*_sk "${fresh}/keystore/key.pem"
  write_nodeous_config "${fresh}"
  rm -rf "${msp}"
  mv "${fresh}" "${msp}"
}

# Enrolls a TLS certificate from the org's TLS CA into <dir>/tls as
# <role>.crt, <role>.key and ca.crt (role: server for nodes, client for users).
enroll_tls() {
  local org="$1" name="$2" secret="$3" dir="$4" hosts="$5" role="$6"
  local raw="${dir}/tls-enroll"
  rm -rf "${raw}"
  FABRIC_CA_CLIENT_URL="$(ca_url "${org}" tlsca "${name}" "${secret}")" fabric-ca-client enroll --mspdir "${raw}" \
    --home "${dir}" --enrollment.profile tls --csr.hosts "${hosts}" \
    --tls.certfiles "${CA_CERT[${org}/tlsca]}" >>"$(log_file "crypto-${org}")" 2>&1 \
    || die "cannot enroll a TLS certificate for ${name} of ${org}"
  mkdir -p "${dir}/tls"
  cp "${raw}/signcerts/cert.pem" "${dir}/tls/${role}.crt"
  cp "${raw}"/keystore/*_sk "${dir}/tls/${role}.key"
  cp "${raw}"/tlscacerts/*.pem "${dir}/tls/ca.crt"
  chmod 600 "${dir}/tls/${role}.key"
  rm -rf "${raw}" "${dir}/fabric-ca-client-config.yaml"
}

# A node (peer or orderer): MSP with NodeOU type, and a TLS server certificate
# valid for its host, 127.0.0.1, localhost and its host name in the consortium.
issue_node() {
  local node="$1" type="$2" org="${1%%/*}" name host dir secret tls_secret
  name="$(node_id "${node}")"; host="$(node_host "${node}")"; dir="$(node_dir "${node}")"
  secret="$(register_identity "${org}" ca "${name}" "${type}")"
  tls_secret="$(register_identity "${org}" tlsca "${name}" "${type}")"
  mkdir -p "${dir}"
  enroll_msp "${org}" "${name}" "${secret}" "${dir}" "${host}"
  enroll_tls "${org}" "${name}" "${tls_secret}" "${dir}" "${NODE_TLS_HOSTS[${node}]}" server
}

# A client (the org admin or a user) with a city.role attribute in its certificate.
issue_client() {
  local org="$1" user="$2" type="$3" role="$4" dir secret tls_secret
  dir="$(client_dir "${org}" "${user}")"
  secret="$(register_identity "${org}" ca "${user}.${org}" "${type}" "city.role=${role}:ecert")"
  tls_secret="$(register_identity "${org}" tlsca "${user}.${org}" client)"
  mkdir -p "${dir}"
  enroll_msp "${org}" "${user}.${org}" "${secret}" "${dir}" "${user}.${ORG_DOMAIN[${org}]}"
  enroll_tls "${org}" "${user}.${org}" "${tls_secret}" "${dir}" "${user}.${ORG_DOMAIN[${org}]}" client
}

# The gateway's own registrar at a department's CA (gateway-api's admin routes
# register, enroll and revoke city systems through it). It may register only
# clients, set only city.role and revoke: never the CA's bootstrap admin, which
# could issue peers, orderers and org admins. Enrolled into registrars/gateway/msp.
# Idempotent, and also run for an org whose crypto predates it.
issue_gateway_registrar() {
  local org="$1"
  [[ "${ORG_ROLE[${org}]}" == department ]] || return 0
  [[ -f "${REGISTRAR_DIR[${org}/gateway]}/msp/signcerts/cert.pem" ]] && return 0
  enroll_gateway_registrar "${org}"
}

# Enrols the gateway's registrar (again: renew.sh), registered once.
enroll_gateway_registrar() {
  local org="$1" dir secret
  dir="${REGISTRAR_DIR[${org}/gateway]}"
  secret="$(register_identity "${org}" ca "gateway-registrar.${org}" client \
    'hf.Registrar.Roles=client,hf.Registrar.Attributes=city.role,hf.Revoker=true,hf.GenCRL=true')"
  mkdir -p "${dir}"
  enroll_msp "${org}" "gateway-registrar.${org}" "${secret}" "${dir}" "gateway-registrar.${ORG_DOMAIN[${org}]}"
  chmod 700 "${dir}/msp/keystore" && chmod 600 "${dir}/msp/keystore/key.pem"
  rm -f "${dir}/fabric-ca-client-config.yaml"
}

# The org's monitoring client: a TLS client certificate from the org's TLS CA,
# which its Prometheus presents to the nodes' operations endpoints for /metrics
# (their client roots are that CA). No MSP: it can sign nothing on the channel.
# Idempotent, and also run for an org whose crypto predates it.
issue_monitoring() {
  [[ -f "${MONITORING_DIR[$1]}/tls/client.crt" ]] && return 0
  enroll_monitoring "$1"
}

# Enrols the monitoring client's TLS certificate (again: renew.sh), registered once.
enroll_monitoring() {
  local org="$1" dir secret
  dir="${MONITORING_DIR[${org}]}"
  secret="$(register_identity "${org}" tlsca "monitoring.${org}" client)"
  mkdir -p "${dir}"
  enroll_tls "${org}" "monitoring.${org}" "${secret}" "${dir}" "monitoring.${ORG_DOMAIN[${org}]}" client
}

# Publishes to the exchange what other departments need of the org, all of it
# public: its verifying MSP (CA and TLS CA roots, NodeOU config), as the channel
# configuration sees the org, and each node's certificates (an orderer's are in
# the genesis block, which another ordering department may build). Idempotent.
publish_org() {
  local org="$1" msp node published
  require_local_org "${org}"
  msp="$(org_msp_dir "${org}")"
  mkdir -p "${msp}/cacerts" "${msp}/tlscacerts"
  cp "${CA_CERT[${org}/ca]}" "${msp}/cacerts/ca.pem"
  cp "${CA_CERT[${org}/tlsca]}" "$(tlsca_cert "${org}")"
  write_nodeous_config "${msp}"
  for node in "${ALL_ORDERERS[@]}" "${PEERS[@]}"; do
    [[ "${node%%/*}" == "${org}" ]] || continue
    published="${PUBLISHED_NODE_DIR[${node}]}"
    mkdir -p "${published}/msp/signcerts" "${published}/tls"
    cp "$(node_dir "${node}")/msp/signcerts/cert.pem" "${published}/msp/signcerts/cert.pem"
    cp "$(node_dir "${node}")/tls/server.crt" "${published}/tls/server.crt"
  done
}

# Publishes each org given (see publish_org), the orgs at once.
publish_orgs() { run_each "an org could not publish to the exchange" publish_org -- "$@"; }

issue_org_crypto() {
  local org="$1" done_file node user
  require_local_org "${org}"
  done_file="$(org_dir "${org}")/.crypto-complete"
  if [[ -f "${done_file}" ]]; then issue_gateway_registrar "${org}"; issue_monitoring "${org}"; return 0; fi
  log "issuing identities for ${org}"
  enroll_registrar "${org}" ca || die "cannot enroll the registrar of ca-${org}"
  enroll_registrar "${org}" tlsca || die "cannot enroll the registrar of tlsca-${org}"
  # Every declared orderer gets crypto, even one that only a BFT profile runs.
  for node in "${ALL_ORDERERS[@]}"; do
    if [[ "${node%%/*}" == "${org}" ]]; then issue_node "${node}" orderer; fi
  done
  for node in "${PEERS[@]}"; do
    if [[ "${node%%/*}" == "${org}" ]]; then issue_node "${node}" peer; fi
  done
  issue_client "${org}" admin admin admin
  for user in ${ORG_USERS[${org}]}; do
    issue_client "${org}" "${user}" client "${USER_ROLE[${org}/${user}]}"
  done
  issue_gateway_registrar "${org}"
  issue_monitoring "${org}"
  touch "${done_file}"
}
