#!/usr/bin/env bash
# The org's HTTPS gateway (gateway-api): its runtime folder, TLS certificate
# and API keys. Source after lib/common.sh, lib/orgs.sh (load_orgs) and
# lib/crypto.sh.
#
# .runtime/gateway/<org>/
#   tls/server.crt, server.key   HTTPS certificate from the org's TLS CA
#   api-keys.json                SHA-256 of each API key -> principal, Fabric user, roles
#   keys/<user>.key              the plain key of each org-file user (0600): hand it
#                                to the city system that acts as that user
#   nullifier.key                the ballot-nullifier HMAC key (0600); the gateway
#                                generates it on its first start

gateway_dir() { printf '%s\n' "${GATEWAY_DIR[$1]}"; }
gateway_id() { printf 'gateway-%s\n' "$1"; }
gateway_url() { printf 'https://%s\n' "${GATEWAY_ADDRESS[$1]}"; }

# True when the gateway answers /healthz over TLS with a certificate from the org's TLS CA.
gateway_ready() {
  curl -sf -o /dev/null --max-time 3 --cacert "$(tlsca_cert "$1")" "$(gateway_url "$1")/healthz"
}

# True when console/dist is newer than every file its build reads: the console's
# sources and domain/src, which Vite bundles. Rebuilding it took a third of a
# restart from `down`.
console_built() {
  local built="${REPO_DIR}/console/dist/index.html" console="${REPO_DIR}/console"
  [[ -f "${built}" && -z "$(find "${console}/src" "${console}/index.html" "${console}/package.json" \
    "${console}/vite.config.ts" "${console}/tsconfig.json" "${REPO_DIR}/domain/src" "${REPO_DIR}/package-lock.json" \
    -newer "${built}" -print -quit)" ]]
}

# The gateway's TLS server certificate, valid for its host, 127.0.0.1, localhost and gateway.<domain>.
issue_gateway_tls() {
  local org="$1" dir secret
  dir="$(gateway_dir "${org}")"
  [[ -f "${dir}/tls/server.key" ]] && return 0
  secret="$(register_identity "${org}" tlsca "gateway.${org}" client)"
  mkdir -p "${dir}"
  enroll_tls "${org}" "gateway.${org}" "${secret}" "${dir}" "${GATEWAY_TLS_HOSTS[${org}]}" server
}

# One API key per org-file user, acting as that user's own Fabric identity with
# its city role. Keys already issued are kept (including ones added by an
# admin), so restarting never invalidates a key a city system holds.
issue_gateway_api_keys() {
  local org="$1" dir file user role key hash
  dir="$(gateway_dir "${org}")"
  file="${dir}/api-keys.json"
  (umask 077 && mkdir -p "${dir}/keys" && { [[ -f "${file}" ]] || echo '{}' >"${file}"; })
  for user in ${ORG_USERS[${org}]}; do
    [[ ! -f "${dir}/keys/${user}.key" ]] || continue
    role="${USER_ROLE[${org}/${user}]}"
    key="$(openssl rand -hex 24)"
    hash="$(printf '%s' "${key}" | sha256sum | cut -d' ' -f1)"
    jq --arg hash "${hash}" --arg user "${user}" --arg role "${role}" \
      '.[$hash] = {principal: $user, user: $user, roles: [$role]}' "${file}" >"${file}.new"
    mv "${file}.new" "${file}"
    (umask 077 && printf '%s\n' "${key}" >"${dir}/keys/${user}.key")
  done
  chmod 600 "${file}"
}
