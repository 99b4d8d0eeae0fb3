#!/usr/bin/env bash
# Starts one Fabric CA server: an org's identity CA or its TLS CA.
# Usage: network/nodes/ca.sh ORG ca|tlsca
#
# SQLite database, TLS on its API and operations endpoint, bound to loopback. The bootstrap
# registrar's password is generated on first start and kept (mode 0600) in the
# CA's home under the runtime folder, never in git.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=../lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
use_toolchain

ORG="${1:?usage: ca.sh ORG ca|tlsca}"
KIND="${2:?usage: ca.sh ORG ca|tlsca}"
load_orgs "$(saved_profile)"
[[ -n "${ORG_MSP[${ORG}]:-}" ]] || die "unknown org ${ORG}"

PORT="$(ca_port "${ORG}" "${KIND}")"
OPS_PORT="$(ca_port "${ORG}" "${KIND}" ops)"
CA_HOME="$(org_dir "${ORG}")/${KIND}"
CA_NAME="${KIND}-${ORG}"
mkdir -p "${CA_HOME}"
if [[ ! -f "${CA_HOME}/bootstrap.secret" ]]; then
  (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"${CA_HOME}/bootstrap.secret")
fi

export FABRIC_CA_SERVER_HOME="${CA_HOME}"
export FABRIC_CA_SERVER_CA_NAME="${CA_NAME}"
export FABRIC_CA_SERVER_PORT="${PORT}"
export FABRIC_CA_SERVER_ADDRESS="127.0.0.1"
export FABRIC_CA_SERVER_TLS_ENABLED=true
export FABRIC_CA_SERVER_DB_TYPE=sqlite3
export FABRIC_CA_SERVER_DB_DATASOURCE="${CA_HOME}/fabric-ca-server.db"
export FABRIC_CA_SERVER_CSR_CN="${CA_NAME}"
export FABRIC_CA_SERVER_CSR_HOSTS="127.0.0.1,localhost,${KIND}.${ORG_DOMAIN[${ORG}]}"
# TLS on the API and on the operations endpoint, with a server certificate
# this CA issues itself: what fabric-ca-server would generate at its first
# start, but issued here, after `init` and before the start, so that the
# operations endpoint can use it too.
TLS_DIR="${CA_HOME}/tls"
if [[ ! -f "${TLS_DIR}/server.crt" ]]; then
  mkdir -p "${RUNTIME_DIR}/logs"
  fabric-ca-server init -b "admin:$(<"${CA_HOME}/bootstrap.secret")" >>"$(log_file "${CA_NAME}")" 2>&1 ||
    die "cannot initialise ${CA_NAME}; see $(log_file "${CA_NAME}")"
  ca_keys=("${CA_HOME}"/msp/keystore/*_sk)
  ((${#ca_keys[@]} == 1)) || die "expected one CA key in ${CA_HOME}/msp/keystore"
  mkdir -p "${TLS_DIR}"
  (umask 077 && openssl ecparam -name prime256v1 -genkey -noout -out "${TLS_DIR}/server.key")
  openssl req -new -key "${TLS_DIR}/server.key" -subj "/CN=${CA_NAME}" -out "${TLS_DIR}/server.csr"
  openssl x509 -req -in "${TLS_DIR}/server.csr" -CA "${CA_HOME}/ca-cert.pem" -CAkey "${ca_keys[0]}" \
    -set_serial "0x$(openssl rand -hex 16)" -days 825 -sha256 -out "${TLS_DIR}/server.crt" \
    -extfile <(printf 'subjectAltName=%s\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' \
      "IP:127.0.0.1,DNS:localhost,DNS:${KIND}.${ORG_DOMAIN[${ORG}]}") 2>/dev/null
  rm -f "${TLS_DIR}/server.csr"
fi

export FABRIC_CA_SERVER_TLS_CERTFILE="${TLS_DIR}/server.crt"
export FABRIC_CA_SERVER_TLS_KEYFILE="${TLS_DIR}/server.key"
# Operations (/healthz and Prometheus /metrics) on its own loopback port.
export FABRIC_CA_SERVER_OPERATIONS_LISTENADDRESS="127.0.0.1:${OPS_PORT}"
export FABRIC_CA_SERVER_OPERATIONS_TLS_ENABLED=true
export FABRIC_CA_SERVER_OPERATIONS_TLS_CERT_FILE="${TLS_DIR}/server.crt"
export FABRIC_CA_SERVER_OPERATIONS_TLS_KEY_FILE="${TLS_DIR}/server.key"
export FABRIC_CA_SERVER_METRICS_PROVIDER=prometheus

start_process "${CA_NAME}" fabric-ca-server start -b "admin:$(<"${CA_HOME}/bootstrap.secret")"
