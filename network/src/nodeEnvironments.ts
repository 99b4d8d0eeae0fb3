import type { ChaincodeServerSettings } from '@city-ledger/domain';
import path from 'node:path';
import { ChaincodeDeclaration, chaincodeServerPort } from './chaincodes';
import { Consortium } from './consortium';
import { endpoint, listenHost, subjectAltNames, tlsHosts } from './hosts';
import { signingProfiles } from './certificateLifetime';
import { CA_KINDS, CaKind, nodeHost, RuntimeLayout, TlsFiles, tlsFiles } from './layout';
import { OrderingProfile, OrgDeclaration, PeerDeclaration } from './orgFile';

/** A group of variables with the comment that says why they are set. */
export interface EnvSection {
  readonly why: string;
  readonly env: Readonly<Record<string, string | number>>;
}

/** One process's whole environment: every path, port, TLS and operations setting. */
export interface NodeEnvironment {
  /** What runs with it: `peer registry/peer0`. */
  readonly what: string;
  /** The node's home; its env file is `layout.envFile(home)`. */
  readonly home: string;
  readonly sections: readonly EnvSection[];
}

/** What the environments depend on besides the org files. */
export interface EnvironmentContext {
  readonly consortium: Consortium;
  readonly chaincodes: readonly ChaincodeDeclaration[];
  readonly layout: RuntimeLayout;
  readonly profile: OrderingProfile;
  readonly repoDir: string;
  readonly orgsDir: string;
  /** Short-lived certificates in a test runtime (network/src/certificateLifetime.ts); unset, a year. */
  readonly certificateLifetime?: string;
}

/** The address a node on `host` binds for `port`. */
const listenAddress = (host: string, port: number) => endpoint(listenHost(host), port);

/** How one kind of Fabric server names its operations settings. */
interface OperationsNames {
  /** `CORE_OPERATIONS`, `ORDERER_OPERATIONS`, `FABRIC_CA_SERVER_OPERATIONS` */
  readonly prefix: string;
  /** `CORE`, `ORDERER`, `FABRIC_CA_SERVER` (for `_METRICS_PROVIDER`) */
  readonly metrics: string;
  /** Its names for the TLS certificate and key settings. */
  readonly cert: string;
  readonly key: string;
  /** Peers and orderers take an explicit client-auth setting; the CA leaves it to its default (off). */
  readonly clientAuth: boolean;
  /**
   * Its name for the roots that client certificates chain to (`CLIENTROOTCAS_FILES`,
   * `CLIENTROOTCAS`), and how it reads a list: the orderer's config takes `[a,b]`, the peer's
   * (viper) splits on white space and would take brackets as part of a path. Fabric serves
   * /metrics (and /logspec) only to a verified client certificate, so without them nobody can
   * read the metrics.
   */
  readonly clientRoots?: { readonly name: string; readonly list: 'brackets' | 'spaces' };
}

/**
 * TLS on the operations endpoint (/healthz, Prometheus /metrics): the one block every Fabric
 * server repeats under its own prefix and its own names for the certificate and key.
 *
 * Client auth stays optional (CLIENTAUTHREQUIRED=false) on purpose: Fabric's operations server
 * then verifies any client certificate given against the client roots (Go's
 * VerifyClientCertIfGiven: another CA's certificate fails the handshake), its /metrics and
 * /logspec handlers refuse a request without one (401), and /healthz alone answers without one,
 * so health checks and load balancers hold no key. Required client auth would refuse /healthz too.
 */
function operations(names: OperationsNames, host: string, port: number, tls: TlsFiles): EnvSection {
  const { prefix } = names;
  return {
    why: 'Operations: /healthz and Prometheus /metrics, over TLS, on their own port.',
    env: {
      [`${prefix}_LISTENADDRESS`]: listenAddress(host, port),
      [`${prefix}_TLS_ENABLED`]: 'true',
      [`${prefix}_TLS_${names.cert}`]: tls.cert,
      [`${prefix}_TLS_${names.key}`]: tls.key,
      ...(names.clientAuth ? { [`${prefix}_TLS_CLIENTAUTHREQUIRED`]: 'false' } : {}),
      ...(names.clientRoots ? { [`${prefix}_TLS_${names.clientRoots.name}`]: names.clientRoots.list === 'brackets' ? `[${tls.ca}]` : tls.ca } : {}),
      [`${names.metrics}_METRICS_PROVIDER`]: 'prometheus',
    },
  };
}

/** Gossip bootstraps from the org's anchor peer (the last one declared), or the peer itself. */
function gossipBootstrap(org: OrgDeclaration, peer: PeerDeclaration): PeerDeclaration {
  return org.peers.filter((p) => p.anchor).at(-1) ?? peer;
}

export function peerEnvironment(ctx: EnvironmentContext, org: OrgDeclaration, peer: PeerDeclaration): NodeEnvironment {
  const home = ctx.layout.nodeDir(org, peer.name);
  const tls = tlsFiles(home);
  const builder = path.join(ctx.repoDir, 'network', 'ccaas-builder');
  return {
    what: `peer ${org.key}/${peer.name}`,
    home,
    sections: [
      { why: 'Identity.', env: { CORE_PEER_ID: nodeHost(org, peer.name), CORE_PEER_LOCALMSPID: org.mspId, CORE_PEER_MSPCONFIGPATH: path.join(home, 'msp') } },
      {
        why: "Endpoints: on the peer's host (loopback by default), each node on its own ports.",
        env: {
          CORE_PEER_LISTENADDRESS: listenAddress(peer.host, peer.port),
          CORE_PEER_ADDRESS: endpoint(peer.host, peer.port),
          CORE_PEER_CHAINCODELISTENADDRESS: listenAddress(peer.host, peer.chaincodePort),
          CORE_PEER_CHAINCODEADDRESS: endpoint(peer.host, peer.chaincodePort),
          CORE_PEER_GOSSIP_ENDPOINT: endpoint(peer.host, peer.port),
          CORE_PEER_GOSSIP_EXTERNALENDPOINT: endpoint(peer.host, peer.port),
          CORE_PEER_GOSSIP_BOOTSTRAP: endpoint(gossipBootstrap(org, peer).host, gossipBootstrap(org, peer).port),
          CORE_PEER_GATEWAY_ENABLED: 'true',
        },
      },
      {
        why:
          'A block waits at most 5 s (Fabric: 60 s) for private data this peer should hold but lacks, then commits and ' +
          "reconciles the data later. A gateway's re-sent transaction that had been ordered after all lands again as a " +
          'DUPLICATE_TXID copy whose private data never comes: each such block held the Registry peers for a minute.',
        env: { CORE_PEER_GOSSIP_PVTDATA_PULLRETRYTHRESHOLD: '5s' },
      },
      {
        why:
          'Peers learn of other departments\' peers through the anchor peers. Peers start together, so the first ' +
          'attempt to reach an anchor peer often comes before it listens; Fabric tries again after 25 s, and until ' +
          'then no transaction needing two departments can be planned. Trying every 5 s costs one dial.',
        env: { CORE_PEER_GOSSIP_RECONNECTINTERVAL: '5s' },
      },
      {
        why: 'TLS for clients, gossip and other peers.',
        env: { CORE_PEER_TLS_ENABLED: 'true', CORE_PEER_TLS_CERT_FILE: tls.cert, CORE_PEER_TLS_KEY_FILE: tls.key, CORE_PEER_TLS_ROOTCERT_FILE: tls.ca },
      },
      {
        why: 'Ledger: LevelDB (the embedded default), under the runtime folder.',
        env: {
          CORE_PEER_FILESYSTEMPATH: path.join(home, 'data'),
          CORE_LEDGER_STATE_STATEDATABASE: 'goleveldb',
          CORE_LEDGER_SNAPSHOTS_ROOTDIR: ctx.layout.peerSnapshotsDir(org, peer.name),
        },
      },
      {
        why:
          'Chaincode runs as a service through the ccaas external builder (Docker is off in the core.yaml that ' +
          "install-fabric.sh prepares). The builder reads the org's chaincode server addresses from a file that " +
          "deploy.sh regenerates, so a new chaincode needs no peer restart, and this peer's TLS material for mutual TLS.",
        env: {
          CITY_LEDGER_CHAINCODE_ADDRESSES_FILE: ctx.layout.chaincodeAddressesFile(org),
          CITY_LEDGER_PEER_TLS_DIR: path.dirname(tls.cert),
          CORE_CHAINCODE_EXTERNALBUILDERS: JSON.stringify([
            { name: 'ccaas', path: builder, propagateEnvironment: ['CITY_LEDGER_CHAINCODE_ADDRESSES_FILE', 'CITY_LEDGER_PEER_TLS_DIR'] },
          ]),
        },
      },
      {
        why:
          'Recovery from orderer faults. An invalid transaction (a duplicate ID, a conflict) writes no state, so its ' +
          'private data is left to the reconciler, never waited for at commit (the pull threshold above). The block ' +
          'delivery stream pings its orderer every 10 s, so a frozen orderer (alive to TCP, silent to gRPC) is left ' +
          'for another within 15 s instead of 80 s.',
        env: {
          CORE_PEER_GOSSIP_PVTDATA_SKIPPULLINGINVALIDTRANSACTIONSDURINGCOMMIT: 'true',
          CORE_PEER_KEEPALIVE_DELIVERYCLIENT_INTERVAL: '10s',
          CORE_PEER_KEEPALIVE_DELIVERYCLIENT_TIMEOUT: '5s',
        },
      },
      // Metrics for a client certificate from the org's TLS CA: its monitoring client's (layout.monitoringDir).
      operations(
        { prefix: 'CORE_OPERATIONS', metrics: 'CORE', cert: 'CERT_FILE', key: 'KEY_FILE', clientAuth: true, clientRoots: { name: 'CLIENTROOTCAS_FILES', list: 'spaces' } },
        peer.host,
        peer.operationsPort,
        tls,
      ),
    ],
  };
}

/**
 * SmartBFT orderers dial each other through Fabric's AuthCommMgr, whose streams carry no expiry
 * for the other orderer's certificate (orderer/common/cluster/commauth.go builds its
 * RemoteContext without `expiresAt`): the expiry check on every message sent reads the zero time
 * and warns `Certificate of <orderer> … expires in less than -2562047h47m16s`, whatever
 * certificates the channel config holds. Those warnings go to the stream's own logger, which
 * only they and failed sends use; the failed sends are also reported by the consensus's egress
 * (`Failed sending to`), so that logger keeps its errors only. Raft's streams carry the expiry.
 */
const bftClusterLogging: EnvSection = {
  why: "SmartBFT: Fabric's cluster streams warn of an unreadable certificate expiry on every message (see bftClusterLogging).",
  env: { FABRIC_LOGGING_SPEC: 'info:orderer.common.cluster.step=error' },
};

/**
 * A restarted SmartBFT consenter binds its port at once but serves it only after its start-up
 * catch-up (orderer/common/server/main.go starts the gRPC server after the registrar). That
 * catch-up probes every orderer endpoint of the channel, its own included, and its own cannot
 * answer yet: each probe waits the cluster dial timeout (5 s by default), twice, so the port
 * accepts TCP and no TLS for about 10 s. Meanwhile every other consenter's first message to it
 * opens a stream in the consensus path (cluster.RPC.getOrCreateStream), which waits on that
 * handshake, and their messages to each other wait behind it: ordering stopped for 10 s at each
 * restart, long enough for a view change, and once for two minutes (README "Ordering under
 * faults"). A 1 s dial timeout shortens that window to about 2 s, below the 8 s after which
 * followers complain; a TLS handshake between city hosts takes milliseconds.
 */
const bftRestartWindow: EnvSection = {
  why: "SmartBFT: a restarting consenter's port accepts connections it does not serve until its start-up probes end (see bftRestartWindow).",
  env: { ORDERER_GENERAL_CLUSTER_DIALTIMEOUT: '1s' },
};

export function ordererEnvironment(ctx: EnvironmentContext, org: OrgDeclaration, name: string): NodeEnvironment {
  const orderer = org.orderers.find((o) => o.name === name);
  if (!orderer) throw new Error(`no orderer ${name} in ${org.file}`);
  const home = ctx.layout.nodeDir(org, name);
  const tls = tlsFiles(home);
  const roots = `[${tls.ca}]`;
  return {
    what: `orderer ${org.key}/${name}`,
    home,
    sections: [
      { why: 'Identity.', env: { ORDERER_GENERAL_LOCALMSPID: org.mspId, ORDERER_GENERAL_LOCALMSPDIR: path.join(home, 'msp') } },
      {
        why: "Client and cluster traffic share one TLS listener on the orderer's host.",
        env: {
          ORDERER_GENERAL_LISTENADDRESS: listenHost(orderer.host),
          ORDERER_GENERAL_LISTENPORT: orderer.port,
          ORDERER_GENERAL_TLS_ENABLED: 'true',
          ORDERER_GENERAL_TLS_CERTIFICATE: tls.cert,
          ORDERER_GENERAL_TLS_PRIVATEKEY: tls.key,
          ORDERER_GENERAL_TLS_ROOTCAS: roots,
          ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE: tls.cert,
          ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY: tls.key,
          ORDERER_GENERAL_CLUSTER_ROOTCAS: roots,
          // Peers ping their block delivery every 10 s (see the peer's env); the default minimum (60 s) would refuse that.
          ORDERER_GENERAL_KEEPALIVE_SERVERMININTERVAL: '10s',
        },
      },
      {
        why: 'No system channel: channels are joined through the admin API. This Fabric build starts one consenter type per orderer process.',
        env: {
          ORDERER_GENERAL_BOOTSTRAPMETHOD: 'none',
          ORDERER_CHANNELPARTICIPATION_ENABLED: 'true',
          ORDERER_CONSENSUS_TYPE: ctx.profile === 'bft' ? 'BFT' : 'etcdraft',
        },
      },
      ...(ctx.profile === 'bft' ? [bftClusterLogging, bftRestartWindow] : []),
      {
        why: 'Ledger and consensus state under the runtime folder.',
        env: {
          ORDERER_FILELEDGER_LOCATION: path.join(home, 'data', 'ledger'),
          ORDERER_CONSENSUS_WALDIR: path.join(home, 'data', 'consensus', 'wal'),
          ORDERER_CONSENSUS_SNAPDIR: path.join(home, 'data', 'consensus', 'snapshot'),
        },
      },
      {
        why: 'Admin API (channel participation): mutual TLS, org admins only.',
        env: {
          ORDERER_ADMIN_LISTENADDRESS: listenAddress(orderer.host, orderer.adminPort),
          ORDERER_ADMIN_TLS_ENABLED: 'true',
          ORDERER_ADMIN_TLS_CERTIFICATE: tls.cert,
          ORDERER_ADMIN_TLS_PRIVATEKEY: tls.key,
          ORDERER_ADMIN_TLS_ROOTCAS: roots,
          ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED: 'true',
          ORDERER_ADMIN_TLS_CLIENTROOTCAS: roots,
        },
      },
      // Metrics for a client certificate from the org's TLS CA: its monitoring client's; the fault tests read which orderer leads.
      operations({ prefix: 'ORDERER_OPERATIONS', metrics: 'ORDERER', cert: 'CERTIFICATE', key: 'PRIVATEKEY', clientAuth: true, clientRoots: { name: 'CLIENTROOTCAS', list: 'brackets' } }, orderer.host, orderer.operationsPort, tls),
    ],
  };
}

/**
 * The CA's API and operations endpoint use a TLS certificate the CA issues itself: the start
 * script (network/nodes/ca.sh) runs `init` without the TLS files and the operations settings,
 * issues the certificate, then starts the CA with all of them.
 */
export function caEnvironment(ctx: EnvironmentContext, org: OrgDeclaration, kind: CaKind): NodeEnvironment {
  const home = ctx.layout.caHome(org, kind);
  const tls = tlsFiles(home);
  const declared = kind === 'ca' ? org.ca : org.tlsCa;
  const name = `${kind}-${org.key}`;
  const names = tlsHosts(declared.host, `${kind}.${org.domain}`);
  return {
    what: `${kind === 'ca' ? 'identity CA' : 'TLS CA'} of ${org.key}`,
    home,
    sections: [
      {
        why: "SQLite database in its home, API bound to the CA's host. CITY_LEDGER_CA_TLS_SAN: the names in its TLS certificate.",
        env: {
          FABRIC_CA_SERVER_HOME: home,
          FABRIC_CA_SERVER_CA_NAME: name,
          FABRIC_CA_SERVER_PORT: declared.port,
          FABRIC_CA_SERVER_ADDRESS: listenHost(declared.host),
          FABRIC_CA_SERVER_TLS_ENABLED: 'true',
          FABRIC_CA_SERVER_DB_TYPE: 'sqlite3',
          FABRIC_CA_SERVER_DB_DATASOURCE: path.join(home, 'fabric-ca-server.db'),
          FABRIC_CA_SERVER_CSR_CN: name,
          FABRIC_CA_SERVER_CSR_HOSTS: names.join(','),
          CITY_LEDGER_CA_TLS_SAN: subjectAltNames(names),
        },
      },
      {
        why: 'TLS on the API, with the certificate the CA issued itself.',
        env: { FABRIC_CA_SERVER_TLS_CERTFILE: tls.cert, FABRIC_CA_SERVER_TLS_KEYFILE: tls.key },
      },
      operations(
        { prefix: 'FABRIC_CA_SERVER_OPERATIONS', metrics: 'FABRIC_CA_SERVER', cert: 'CERT_FILE', key: 'KEY_FILE', clientAuth: false },
        declared.host,
        declared.operationsPort,
        tls,
      ),
      ...(ctx.certificateLifetime ? [signingProfiles(ctx.certificateLifetime)] : []),
    ],
  };
}

/** Node servers keep V8's compiled code between starts (a third less CPU to start each one). */
function nodeCompileCache(ctx: EnvironmentContext): EnvSection {
  return { why: "V8's compile cache, shared by every Node server of the runtime.", env: { NODE_COMPILE_CACHE: ctx.layout.nodeCompileCacheDir() } };
}

/**
 * Port of the gateway's Prometheus listener: gateway-api's own default (its port + 10000, as the
 * org files place operations ports), set explicitly so the scrape configuration and the gateway
 * read one decision.
 */
export function gatewayMetricsPort(org: OrgDeclaration): number {
  return org.gatewayPort + 10_000;
}

/** The org's HTTPS gateway (gateway-api/src/config.ts reads these). */
export function gatewayEnvironment(ctx: EnvironmentContext, org: OrgDeclaration): NodeEnvironment {
  const home = ctx.layout.gatewayDir(org);
  const tls = tlsFiles(home);
  return {
    what: `gateway of ${org.key}`,
    home,
    sections: [
      {
        why: "HTTPS on the gateway's host with a certificate from the org TLS CA; API keys issued by network/lib/gateway.sh.",
        env: {
          CITY_GATEWAY_ORG: org.key,
          CITY_GATEWAY_HOST: listenHost(org.gatewayHost),
          CITY_GATEWAY_PORT: org.gatewayPort,
          CITY_GATEWAY_TLS_CERT: tls.cert,
          CITY_GATEWAY_TLS_KEY: tls.key,
          CITY_GATEWAY_API_KEYS: path.join(home, 'api-keys.json'),
        },
      },
      {
        why: "Prometheus /metrics (HTTPS with the gateway's certificate) on the gateway's host, on a port of its own the operator opens to the org's monitoring only.",
        env: { CITY_GATEWAY_METRICS_HOST: listenHost(org.gatewayHost), CITY_GATEWAY_METRICS_PORT: gatewayMetricsPort(org) },
      },
      { why: 'Where the gateway reads the org files and the runtime tree.', env: { CITY_LEDGER_ORGS: ctx.orgsDir, CITY_LEDGER_RUNTIME: ctx.layout.root } },
      nodeCompileCache(ctx),
    ],
  };
}

/** One org's server for one chaincode, which its chaincode host serves: the peer dials it over mutual TLS. */
export function chaincodeServerSettings(ctx: EnvironmentContext, org: OrgDeclaration, chaincode: ChaincodeDeclaration): ChaincodeServerSettings {
  const tls = tlsFiles(ctx.layout.chaincodeServerDir(org, chaincode.name));
  return {
    chaincode: chaincode.name,
    address: listenAddress(org.chaincodeServerHost, chaincodeServerPort(org, chaincode)),
    modulePath: path.join(ctx.repoDir, chaincode.path),
    // Written by deploy.sh, the same for every org.
    packageIdFile: ctx.layout.chaincodePackageIdFile(chaincode.name),
    // Who is in the consortium and their remits (deploy.sh): the chaincode checks it when it starts.
    consortiumFile: ctx.layout.chaincodeConsortiumFile(chaincode.name),
    tls: { certFile: tls.cert, keyFile: tls.key, clientCaCertFile: tls.ca },
  };
}

/**
 * The org's chaincode host: one Node process serving every chaincode of the org, each on its own
 * address with its own settings file (chaincodeServerSettings), which network/nodes/chaincode.sh names.
 */
export function chaincodeHostEnvironment(ctx: EnvironmentContext, org: OrgDeclaration): NodeEnvironment {
  return { what: `chaincode host of ${org.key}`, home: ctx.layout.chaincodeServersDir(org), sections: [nodeCompileCache(ctx)] };
}

/**
 * Every process's environment: each org's CAs, every declared orderer (a BFT-only one too:
 * its crypto is issued with the org's), every peer, each gateway and each chaincode host.
 *
 * @example
 * for (const node of nodeEnvironments(ctx)) writeFileSync(ctx.layout.envFile(node.home), renderEnvFile(node));
 */
export function nodeEnvironments(ctx: EnvironmentContext): NodeEnvironment[] {
  return ctx.consortium.orgs.flatMap((org) => [
    ...CA_KINDS.map((kind) => caEnvironment(ctx, org, kind)),
    ...org.orderers.map((o) => ordererEnvironment(ctx, org, o.name)),
    ...org.peers.map((p) => peerEnvironment(ctx, org, p)),
    gatewayEnvironment(ctx, org),
    chaincodeHostEnvironment(ctx, org),
  ]);
}
