#!/usr/bin/env bash
# Builds the pinned Fabric and Fabric CA binaries from their Go modules (no
# Docker, no prebuilt downloads) into a cache outside the source tree.
#
# The pins live in network/toolchain/*/go.mod; go.sum makes the build
# reproducible. Re-running is cheap: a stamp file records what was built.
# Binaries already on PATH at the pinned versions are used as they are.
#
# Writes ${CACHE_DIR}/toolchain.env, which the other scripts source.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

FABRIC_TOOLCHAIN="${NETWORK_DIR}/toolchain/fabric"
CA_TOOLCHAIN="${NETWORK_DIR}/toolchain/fabric-ca"
FABRIC_COMMANDS=(peer orderer configtxgen configtxlator osnadmin ledgerutil discover)
CA_COMMANDS=(fabric-ca-server fabric-ca-client)

command -v go >/dev/null 2>&1 || die "Go is not installed or not on PATH. Install Go 1.26 (https://go.dev/doc/install) and re-run."
# Never let go.mod pull in a different Go toolchain: fail clearly instead.
export GOTOOLCHAIN=local
export GOFLAGS=-mod=readonly

# The pinned module versions, read from go.mod (the single place they are declared).
module_version() { awk -v m="$2" '$1 == m { print $2; exit } $1 == "require" && $2 == m { print $3; exit }' "$1/go.mod"; }
FABRIC_MODULE_VERSION="$(module_version "${FABRIC_TOOLCHAIN}" github.com/hyperledger/fabric)"
CA_MODULE_VERSION="$(module_version "${CA_TOOLCHAIN}" github.com/hyperledger/fabric-ca)"
[[ -n "${FABRIC_MODULE_VERSION}" && -n "${CA_MODULE_VERSION}" ]] || die "cannot read the pinned versions from network/toolchain/*/go.mod"
# A pseudo-version ends in the 12-character commit hash: that is what `peer version` reports.
FABRIC_COMMIT="${FABRIC_MODULE_VERSION##*-}"
CA_VERSION="${CA_MODULE_VERSION#v}"

TOOLCHAIN_DIR="${CACHE_DIR}/toolchain/fabric-${FABRIC_COMMIT}_ca-${CA_VERSION}"
BIN_DIR="${TOOLCHAIN_DIR}/bin"
CONFIG_DIR="${TOOLCHAIN_DIR}/config"
STAMP="${TOOLCHAIN_DIR}/.complete"

download_modules() {
  log "downloading Go modules for Fabric ${FABRIC_MODULE_VERSION} and Fabric CA ${CA_MODULE_VERSION}"
  local dir
  for dir in "${FABRIC_TOOLCHAIN}" "${CA_TOOLCHAIN}"; do
    if ! (cd "${dir}" && go mod download) >&2; then
      die "cannot download Go modules through GOPROXY=$(go env GOPROXY). Is the Go module proxy reachable?"
    fi
  done
}

# Where the Go module cache holds the pinned Fabric source.
fabric_module_dir() { (cd "${FABRIC_TOOLCHAIN}" && go list -m -f '{{.Dir}}' github.com/hyperledger/fabric); }

# Fabric's release version, from the Makefile of the exact module we pinned.
fabric_release_version() { awk -F'[ =?]+' '/^FABRIC_VER/ { print $2; exit }' "$(fabric_module_dir)/Makefile"; }

# True if a binary on PATH already reports the pinned Fabric commit and CA version.
path_has_pinned_binaries() {
  local cmd
  for cmd in "${FABRIC_COMMANDS[@]}" "${CA_COMMANDS[@]}"; do
    command -v "${cmd}" >/dev/null 2>&1 || return 1
  done
  peer version 2>/dev/null | grep -q "Commit SHA: ${FABRIC_COMMIT}" || return 1
  fabric-ca-server version 2>/dev/null | grep -q "Version: ${CA_VERSION}" || return 1
}

build() {
  local fabric_version pkg ldflags
  download_modules
  fabric_version="$(fabric_release_version)"
  mkdir -p "${BIN_DIR}" "${CONFIG_DIR}"

  log "building Fabric ${fabric_version} (commit ${FABRIC_COMMIT}): ${FABRIC_COMMANDS[*]}"
  ldflags="-X github.com/hyperledger/fabric/common/metadata.Version=${fabric_version}"
  ldflags+=" -X github.com/hyperledger/fabric/common/metadata.CommitSHA=${FABRIC_COMMIT}"
  local pkgs=()
  for pkg in "${FABRIC_COMMANDS[@]}"; do pkgs+=("github.com/hyperledger/fabric/cmd/${pkg}"); done
  (cd "${FABRIC_TOOLCHAIN}" && GOBIN="${BIN_DIR}" go install -ldflags "${ldflags}" "${pkgs[@]}")

  log "building Fabric CA ${CA_VERSION}: ${CA_COMMANDS[*]} (cgo, for SQLite)"
  pkgs=()
  for pkg in "${CA_COMMANDS[@]}"; do pkgs+=("github.com/hyperledger/fabric-ca/cmd/${pkg}"); done
  (cd "${CA_TOOLCHAIN}" && CGO_ENABLED=1 GOBIN="${BIN_DIR}" \
    go install -ldflags "-X github.com/hyperledger/fabric-ca/lib/metadata.Version=${CA_VERSION}" "${pkgs[@]}")

  install_sample_config
  printf '%s\n' "${fabric_version}" >"${STAMP}"
}

# Fabric's own default core.yaml, orderer.yaml and configtx.yaml, from the
# pinned module's sampleconfig/; every node overrides what it needs through
# its environment.
install_sample_config() {
  local moddir staged
  (cd "${FABRIC_TOOLCHAIN}" && go mod download github.com/hyperledger/fabric) || die "cannot download the Fabric module through GOPROXY=$(go env GOPROXY)"
  moddir="$(fabric_module_dir)"
  mkdir -p "${CONFIG_DIR}"
  # Staged and moved into place: a node or CLI starting meanwhile (another
  # shell, another checkout) must never read a half-written file.
  staged="$(mktemp -d "${CONFIG_DIR}/.staging.XXXXXX")"
  install -m 0644 "${moddir}/sampleconfig/configtx.yaml" "${staged}/"
  # orderer.yaml gains a Consensus.Type key, so that ORDERER_CONSENSUS_TYPE
  # can choose BFT: Fabric only applies environment overrides to keys the
  # file already has, and this build starts one consenter type per process.
  sed '/^Consensus:$/a\    Type: etcdraft # City Ledger: set ORDERER_CONSENSUS_TYPE=BFT for SmartBFT' \
    "${moddir}/sampleconfig/orderer.yaml" >"${staged}/orderer.yaml"
  grep -q '^    Type: etcdraft # City Ledger' "${staged}/orderer.yaml" || die "cannot add Consensus.Type to orderer.yaml"
  # The one edit: no Docker endpoint. An empty environment variable cannot
  # unset it (Fabric ignores empty overrides), and without Docker the peer's
  # health check would fail on it. Chaincode runs as a service instead.
  sed 's#^\( *endpoint:\) unix:///var/run/docker.sock$#\1 "" \# City Ledger: no Docker#' \
    "${moddir}/sampleconfig/core.yaml" >"${staged}/core.yaml"
  grep -q 'endpoint: "" # City Ledger: no Docker' "${staged}/core.yaml" || die "cannot disable Docker in core.yaml"
  for file in configtx.yaml orderer.yaml core.yaml; do
    chmod 0644 "${staged}/${file}"
    if cmp -s "${staged}/${file}" "${CONFIG_DIR}/${file}"; then continue; fi
    mv -f "${staged}/${file}" "${CONFIG_DIR}/${file}"
  done
  rm -rf "${staged}"
}

write_env() {
  local bin_dir="$1"
  mkdir -p "${CACHE_DIR}"
  cat >"${CACHE_DIR}/toolchain.env" <<ENV
# Written by network/install-fabric.sh; sourced by the network scripts.
FABRIC_BIN_DIR='${bin_dir}'
FABRIC_SAMPLE_CONFIG='${CONFIG_DIR}'
FABRIC_COMMIT='${FABRIC_COMMIT}'
ENV
}

main() {
  if path_has_pinned_binaries; then
    log "using the pinned Fabric binaries already on PATH ($(dirname "$(command -v peer)"))"
    install_sample_config
    write_env "$(dirname "$(command -v peer)")"
    return
  fi
  if [[ -f "${STAMP}" ]]; then
    log "Fabric $(<"${STAMP}") (commit ${FABRIC_COMMIT}) and Fabric CA ${CA_VERSION} are cached in ${TOOLCHAIN_DIR}"
    install_sample_config
  else
    local started=${SECONDS}
    build
    log "toolchain built in $((SECONDS - started))s: ${BIN_DIR}"
  fi
  write_env "${BIN_DIR}"
  "${BIN_DIR}/peer" version | sed -n '1,3p' >&2
}

main "$@"
