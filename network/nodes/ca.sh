#!/usr/bin/env bash
# Starts one Fabric CA server: an org's identity CA or its TLS CA.
# Usage: network/nodes/ca.sh ORG ca|tlsca
#
# Its settings (SQLite database, TLS on its API and operations endpoint, bound
# to loopback) are in its generated env file (<CA home>/node.env, from
# network/src/nodeEnvironments.ts). The bootstrap registrar's password is
# generated on first start and kept (mode 0600) in the CA's home under the
# runtime folder, never in git. fabric-ca-server gets it as FABRIC_CA_SERVER_BOOT
# (its `-b`), never as an argument: any local user can read a process's command
# line in /proc, only its owner its environment.
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
[[ -n "${CA_ENV_FILE[${ORG}/${KIND}]:-}" ]] || die "CA kind must be ca or tlsca, got ${KIND}"

load_env_file "${CA_ENV_FILE[${ORG}/${KIND}]}"
CA_HOME="${FABRIC_CA_SERVER_HOME}"
CA_NAME="${FABRIC_CA_SERVER_CA_NAME}"
mkdir -p "${CA_HOME}"
if [[ ! -f "${CA_HOME}/bootstrap.secret" ]]; then
  (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"${CA_HOME}/bootstrap.secret")
fi
FABRIC_CA_SERVER_BOOT="admin:$(<"${CA_HOME}/bootstrap.secret")"
export FABRIC_CA_SERVER_BOOT

# TLS on the API and on the operations endpoint, with a server certificate
# this CA issues itself: what fabric-ca-server would generate at its first
# start, but issued here, after `init` (which runs without the TLS files and
# the operations endpoint) and before the start, so that the operations
# endpoint can use it too.
if [[ ! -f "${FABRIC_CA_SERVER_TLS_CERTFILE}" ]]; then
  mkdir -p "${RUNTIME_DIR}/logs"
  env -u FABRIC_CA_SERVER_TLS_CERTFILE -u FABRIC_CA_SERVER_TLS_KEYFILE \
    -u FABRIC_CA_SERVER_OPERATIONS_LISTENADDRESS -u FABRIC_CA_SERVER_OPERATIONS_TLS_ENABLED \
    -u FABRIC_CA_SERVER_OPERATIONS_TLS_CERT_FILE -u FABRIC_CA_SERVER_OPERATIONS_TLS_KEY_FILE \
    -u FABRIC_CA_SERVER_METRICS_PROVIDER \
    fabric-ca-server init >>"$(log_file "${CA_NAME}")" 2>&1 ||
    die "cannot initialise ${CA_NAME}; see $(log_file "${CA_NAME}")"
  # It holds the bootstrap password too.
  chmod 600 "${CA_HOME}/fabric-ca-server-config.yaml"
  ca_keys=("${CA_HOME}"/msp/keystore/*_sk)
  ((${#ca_keys[@]} == 1)) || die "expected one CA key in ${CA_HOME}/msp/keystore"
  tls_dir="$(dirname "${FABRIC_CA_SERVER_TLS_CERTFILE}")"
  mkdir -p "${tls_dir}"
  (umask 077 && openssl ecparam -name prime256v1 -genkey -noout -out "${FABRIC_CA_SERVER_TLS_KEYFILE}")
  openssl req -new -key "${FABRIC_CA_SERVER_TLS_KEYFILE}" -subj "/CN=${CA_NAME}" -out "${tls_dir}/server.csr"
  openssl x509 -req -in "${tls_dir}/server.csr" -CA "${CA_CERT[${ORG}/${KIND}]}" -CAkey "${ca_keys[0]}" \
    -set_serial "0x$(openssl rand -hex 16)" -days 825 -sha256 -out "${FABRIC_CA_SERVER_TLS_CERTFILE}" \
    -extfile <(printf 'subjectAltName=%s\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' \
      "${CITY_LEDGER_CA_TLS_SAN}") 2>/dev/null
  rm -f "${tls_dir}/server.csr"
fi

start_process "${CA_NAME}" fabric-ca-server start
