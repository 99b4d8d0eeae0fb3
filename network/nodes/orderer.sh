#!/usr/bin/env bash
# Starts one orderer as a native process. It joins channels through the
# channel participation API (no system channel, no bootstrap block).
# Usage: network/nodes/orderer.sh ORG ORDERER   e.g. network/nodes/orderer.sh registry orderer0
#
# Every setting that differs from Fabric's sampleconfig/orderer.yaml is set
# here, explicitly, as an environment variable.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=../lib/orgs.sh
source "${NETWORK_DIR}/lib/orgs.sh"
use_toolchain

ORG="${1:?usage: orderer.sh ORG ORDERER}"
NODE="${ORG}/${2:?usage: orderer.sh ORG ORDERER}"
load_orgs "$(saved_profile)"
[[ -n "${NODE_PORT[${NODE}]:-}" ]] || die "no orderer ${NODE} in profile $(saved_profile) of the org files"
DIR="$(node_dir "${NODE}")"

export FABRIC_CFG_PATH="${FABRIC_SAMPLE_CONFIG}"
export FABRIC_LOGGING_SPEC="${FABRIC_LOGGING_SPEC:-info}"
# Identity
export ORDERER_GENERAL_LOCALMSPID="${ORG_MSP[${ORG}]}"
export ORDERER_GENERAL_LOCALMSPDIR="${DIR}/msp"
# Client and cluster traffic share one TLS listener on loopback.
export ORDERER_GENERAL_LISTENADDRESS=127.0.0.1
export ORDERER_GENERAL_LISTENPORT="${NODE_PORT[${NODE}]}"
export ORDERER_GENERAL_TLS_ENABLED=true
export ORDERER_GENERAL_TLS_CERTIFICATE="${DIR}/tls/server.crt"
export ORDERER_GENERAL_TLS_PRIVATEKEY="${DIR}/tls/server.key"
export ORDERER_GENERAL_TLS_ROOTCAS="[${DIR}/tls/ca.crt]"
export ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="${DIR}/tls/server.crt"
export ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="${DIR}/tls/server.key"
export ORDERER_GENERAL_CLUSTER_ROOTCAS="[${DIR}/tls/ca.crt]"
# No system channel: channels are joined through the admin API.
export ORDERER_GENERAL_BOOTSTRAPMETHOD=none
export ORDERER_CHANNELPARTICIPATION_ENABLED=true
# This Fabric build starts one consenter type per orderer process.
if [[ "$(saved_profile)" == bft ]]; then export ORDERER_CONSENSUS_TYPE=BFT; else export ORDERER_CONSENSUS_TYPE=etcdraft; fi
# Ledger and consensus state under the runtime folder.
export ORDERER_FILELEDGER_LOCATION="${DIR}/data/ledger"
export ORDERER_CONSENSUS_WALDIR="${DIR}/data/consensus/wal"
export ORDERER_CONSENSUS_SNAPDIR="${DIR}/data/consensus/snapshot"
# Admin API (channel participation): mutual TLS, org admins only.
export ORDERER_ADMIN_LISTENADDRESS="127.0.0.1:${NODE_PORT2[${NODE}]}"
export ORDERER_ADMIN_TLS_ENABLED=true
export ORDERER_ADMIN_TLS_CERTIFICATE="${DIR}/tls/server.crt"
export ORDERER_ADMIN_TLS_PRIVATEKEY="${DIR}/tls/server.key"
export ORDERER_ADMIN_TLS_ROOTCAS="[${DIR}/tls/ca.crt]"
export ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true
export ORDERER_ADMIN_TLS_CLIENTROOTCAS="[${DIR}/tls/ca.crt]"
# Operations: /healthz and Prometheus /metrics, over TLS, on their own port.
export ORDERER_OPERATIONS_LISTENADDRESS="127.0.0.1:${NODE_OPS_PORT[${NODE}]}"
export ORDERER_OPERATIONS_TLS_ENABLED=true
export ORDERER_OPERATIONS_TLS_CERTIFICATE="${DIR}/tls/server.crt"
export ORDERER_OPERATIONS_TLS_PRIVATEKEY="${DIR}/tls/server.key"
export ORDERER_OPERATIONS_TLS_CLIENTAUTHREQUIRED=false
export ORDERER_METRICS_PROVIDER=prometheus

mkdir -p "${DIR}/data"
start_process "$(node_id "${NODE}")" orderer
