import path from 'node:path';
import { OrgDeclaration } from './orgFile';

/** A CA server of an org: its identity CA or its TLS CA. */
export type CaKind = 'ca' | 'tlsca';
export const CA_KINDS: readonly CaKind[] = ['ca', 'tlsca'];

/** The TLS material enrolled into a home's tls/ folder (network/lib/crypto.sh enroll_tls). */
export interface TlsFiles {
  readonly cert: string;
  readonly key: string;
  /** The org's TLS CA root. */
  readonly ca: string;
}

/**
 * Where generated material lives. Everything goes under one git-ignored
 * runtime folder (`.runtime/` by default, or $CITY_LEDGER_RUNTIME). This class
 * is the one place that knows the tree: the Bash scripts get these paths from
 * the network CLI (`cli.js shell`, see network/lib/orgs.sh) and from each
 * node's environment file.
 *
 * The tree is split the way departments are (README "Running across hosts"):
 * - `homes/<org>/` (0700) holds all that is private to one org: its CAs'
 *   databases and keys, registrars and registration secrets, its clients' and
 *   nodes' keys, ledgers, its chaincode servers' and gateway's files. Only that
 *   org's operator reads it; on real hosts only that org's host has it.
 * - `exchange/` holds what departments share, all of it public: MSP definitions,
 *   orderer certificates, the genesis block and channel artefacts, chaincode
 *   packages and definitions, proposals and signatures. In production it is a
 *   shared git repository or file share (a department's runtime links to it).
 * - the rest (`logs/`, `pids/`, `cache/`, `systemd/`) belongs to the host that
 *   runs the processes.
 *
 * @example
 * const layout = new RuntimeLayout('.runtime');
 * layout.nodeDir(registry, 'peer0'); // .runtime/homes/registry/nodes/registry-peer0
 */
export class RuntimeLayout {
  constructor(readonly root: string) {}

  /**
   * V8's compile cache (NODE_COMPILE_CACHE) shared by the Node servers: two dozen chaincode
   * servers and the gateways load the same modules at every start, and compiling them was most
   * of each start's CPU.
   */
  nodeCompileCacheDir(): string {
    return path.join(this.root, 'cache', 'node-compile');
  }

  /**
   * The supervisors' state files (network/lib/supervise.sh): one per node, `<id>.state`, with its
   * restarts and last exit, for `status` and the tests.
   */
  supervisionDir(): string {
    return path.join(this.root, 'supervision');
  }

  /** The state file of node `id` (`registry-peer0`, `gateway-registry`), in supervisionDir(). */
  supervisionFile(id: string): string {
    return path.join(this.supervisionDir(), `${id}.state`);
  }

  /** The host's process logs, `<id>.log` (network/lib/common.sh log_file). */
  logsDir(): string {
    return path.join(this.root, 'logs');
  }

  /** Where the benchmarks in bench/ and the tests that measure write their figures. */
  benchDir(): string {
    return path.join(this.root, 'bench');
  }

  /** Where every org's home is (single-machine mode holds them all; a department's host, its own). */
  homesDir(): string {
    return path.join(this.root, 'homes');
  }

  /**
   * The org's home: everything private of the org (CAs, clients, registrars, secrets, nodes,
   * chaincode servers, gateway). Created 0700: only the org's operator reads it.
   */
  orgDir(org: OrgDeclaration): string {
    return path.join(this.homesDir(), org.key);
  }

  /** The org's verifying MSP (CA and TLS CA roots, NodeOU config) used in channel config, published. */
  orgMspDir(org: OrgDeclaration): string {
    return path.join(this.exchangeDir(), 'msp', org.key);
  }

  /**
   * A node's public certificates as the org published them (`msp/signcerts/cert.pem`,
   * `tls/server.crt`): an orderer's are in the genesis block, which another department may build.
   */
  publishedNodeDir(org: OrgDeclaration, node: string): string {
    return path.join(this.exchangeDir(), 'nodes', nodeId(org, node));
  }

  /** The genesis block, its configtx.yaml, the ordering profile and config update work folders. */
  channelDir(): string {
    return path.join(this.exchangeDir(), 'channel');
  }

  /** Every client identity of the org: the scripts' (admin, the org file's users) and the gateway's. */
  clientsDir(org: OrgDeclaration): string {
    return path.join(this.orgDir(org), 'clients');
  }

  /** Client identity (MSP folder under it) of an org user: `admin`, or a user from the org file. */
  clientDir(org: OrgDeclaration, user: string): string {
    return path.join(this.clientsDir(org), user);
  }

  /** The org's TLS CA root: it signed every TLS certificate of the org's peers, orderers and gateway. */
  tlsCaFile(org: OrgDeclaration): string {
    return path.join(this.orgMspDir(org), 'tlscacerts', 'tlsca.pem');
  }

  /**
   * The root certificate of one of the org's CAs (the identity CA by default); it also
   * signed that CA's TLS server certificate.
   */
  caCertFile(org: OrgDeclaration, kind: CaKind = 'ca'): string {
    return path.join(this.caHome(org, kind), 'ca-cert.pem');
  }

  /** Home of one CA server: its database, its own root (ca-cert.pem) and its tls/. */
  caHome(org: OrgDeclaration, kind: CaKind): string {
    return path.join(this.orgDir(org), kind);
  }

  /**
   * Where the org's chaincode servers listen, by chaincode name (JSON). The ccaas builder
   * reads it whenever a peer builds a package, so deploy.sh can add a chaincode to a running
   * network by regenerating it, with no peer restart.
   */
  chaincodeAddressesFile(org: OrgDeclaration): string {
    return path.join(this.orgDir(org), 'chaincode-addresses.json');
  }

  /**
   * The gateway's own registrar at the org's CA (msp/ under it): it may register clients with
   * `city.role` and revoke them, nothing more. Enrolled by the network scripts (lib/crypto.sh).
   */
  gatewayRegistrarDir(org: OrgDeclaration): string {
    return this.registrarDir(org, 'gateway');
  }

  /** Home of a registrar's fabric-ca-client: a CA's bootstrap admin (`ca`, `tlsca`) or the gateway's. */
  registrarDir(org: OrgDeclaration, registrar: CaKind | 'gateway'): string {
    return path.join(this.orgDir(org), 'registrars', registrar);
  }

  /**
   * The org's monitoring client: a TLS client certificate from the org's TLS CA (tls/client.crt,
   * client.key, ca.crt; see `clientTlsFiles`), which its Prometheus presents to the peers' and
   * orderers' operations endpoints, whose client roots are that CA (nodeEnvironments.ts). A TLS
   * identity only, no MSP: it reads metrics and can sign nothing on the channel.
   */
  monitoringDir(org: OrgDeclaration): string {
    return path.join(this.orgDir(org), 'monitoring');
  }

  /** Where `npm run prometheus -- --org ORG` writes the org's Prometheus scrape configuration. */
  prometheusConfigFile(org: OrgDeclaration): string {
    return path.join(this.root, 'prometheus', org.key, 'prometheus.yml');
  }

  /** The org gateway's own files: its API keys, keystore of enrolled systems, SQLite store, CRL, tls/. */
  gatewayDir(org: OrgDeclaration): string {
    return path.join(this.orgDir(org), 'gateway');
  }

  /** Home of one node: msp/, tls/, data/ and its config folder. */
  nodeDir(org: OrgDeclaration, node: string): string {
    return path.join(this.orgDir(org), 'nodes', nodeId(org, node));
  }

  /**
   * A node's data folder: a peer's CORE_PEER_FILESYSTEMPATH (ledgers, private data, installed
   * chaincodes), an orderer's file ledger and consensus WAL (nodeEnvironments.ts).
   */
  nodeDataDir(org: OrgDeclaration, node: string): string {
    return path.join(this.nodeDir(org, node), 'data');
  }

  /**
   * Where a peer keeps each chaincode's build by the ccaas builder (Fabric's
   * `<fileSystemPath>/externalbuilder/builds`): the build's connection.json holds the peer's TLS
   * client certificate of the time, so `renew` removes the builds when it renews that certificate.
   */
  peerChaincodeBuildsDir(org: OrgDeclaration, node: string): string {
    return path.join(this.nodeDataDir(org, node), 'externalbuilder', 'builds');
  }

  /**
   * A node's backups (network/backup.sh), one dated folder each: `<time>/manifest.json` and
   * `<time>/data/`. In the org's home: a peer's backup holds its private data.
   */
  nodeBackupsDir(org: OrgDeclaration, node: string): string {
    return path.join(this.orgDir(org), 'backups', nodeId(org, node));
  }

  /** Where every chaincode's public folder is (package, definition), one per chaincode deployed or declared. */
  chaincodesDir(): string {
    return path.join(this.exchangeDir(), 'chaincode');
  }

  /** One chaincode's packages, package ID and version. */
  chaincodeDir(chaincode: string): string {
    return path.join(this.chaincodesDir(), chaincode);
  }

  /** The package ID deploy.sh calculates (network/lib/chaincode.sh package_id_file), which the servers serve. */
  chaincodePackageIdFile(chaincode: string): string {
    return path.join(this.chaincodeDir(chaincode), 'package-id');
  }

  /** The consortium descriptor a chaincode's servers read (generated by `cli.js chaincode-config`). */
  chaincodeConsortiumFile(chaincode: string): string {
    return path.join(this.chaincodeDir(chaincode), 'consortium.json');
  }

  /** A chaincode's generated collections_config.json (absent when it has no collections). */
  chaincodeCollectionsFile(chaincode: string): string {
    return path.join(this.chaincodeDir(chaincode), 'collections_config.json');
  }

  /** Org files of the orgs that `org.sh remove` took out: their collections stay in the definitions. */
  removedOrgsDir(): string {
    return path.join(this.exchangeDir(), 'removed-orgs');
  }

  /**
   * Home of the org's chaincode host, the one process serving all its chaincodes: its env file,
   * which chaincodes and package IDs it serves (`serving`), and one folder per chaincode.
   */
  chaincodeServersDir(org: OrgDeclaration): string {
    return path.join(this.orgDir(org), 'chaincode');
  }

  /** Home of one org's server for one chaincode: its tls/ and its settings (`server.json`). */
  chaincodeServerDir(org: OrgDeclaration, chaincode: string): string {
    return path.join(this.chaincodeServersDir(org), chaincode);
  }

  /** What the org's chaincode host reads to serve one chaincode (domain ChaincodeServerSettings). */
  chaincodeServerSettingsFile(org: OrgDeclaration, chaincode: string): string {
    return path.join(this.chaincodeServerDir(org, chaincode), 'server.json');
  }

  /**
   * The consortium exchange: what departments share, all of it public. Proposed channel config
   * updates and their signatures are under `proposals/<id>/` (network/src/proposals.ts).
   */
  exchangeDir(): string {
    return path.join(this.root, 'exchange');
  }

  proposalsDir(): string {
    return path.join(this.exchangeDir(), 'proposals');
  }

  /**
   * Ledger snapshots offered to peers that join a channel by snapshot (network/snapshot.sh), one
   * folder per channel and block number, each with a `snapshot.json` manifest. Public: a snapshot
   * holds public state and only the hashes of private data.
   */
  snapshotsExchangeDir(): string {
    return path.join(this.exchangeDir(), 'snapshots');
  }

  /** Where a peer writes the ledger snapshots requested of it (`completed/<channel>/<block>/`). */
  peerSnapshotsDir(org: OrgDeclaration, node: string): string {
    return path.join(this.nodeDir(org, node), 'data', 'snapshots');
  }

  /** A node's whole environment, generated (nodeEnvironments.ts) for its start script to source. */
  envFile(home: string): string {
    return path.join(home, 'node.env');
  }
}

/**
 * In a client folder, marks an identity the gateway enrolled itself (its keystore writes it),
 * as opposed to one the network scripts issued.
 */
export const GATEWAY_IDENTITY_RECORD = 'gateway-identity.json';

/** An identity's certificate in its MSP folder (the key is keystore/key.pem beside it). */
export function signCertFile(mspDir: string): string {
  return path.join(mspDir, 'signcerts', 'cert.pem');
}

/** The TLS files in a node's (or server's) home. */
export function tlsFiles(home: string): TlsFiles {
  const dir = path.join(home, 'tls');
  return { cert: path.join(dir, 'server.crt'), key: path.join(dir, 'server.key'), ca: path.join(dir, 'ca.crt') };
}

/** The TLS client material enrolled into a client's tls/ folder (enroll_tls with role `client`). */
export function clientTlsFiles(home: string): TlsFiles {
  const dir = path.join(home, 'tls');
  return { cert: path.join(dir, 'client.crt'), key: path.join(dir, 'client.key'), ca: path.join(dir, 'ca.crt') };
}

/** The gateway's host name, placed in its TLS certificate: `gateway.registry.city.local`. */
export function gatewayHost(org: OrgDeclaration): string {
  return `gateway.${org.domain}`;
}

/** Process and folder name of a node: `registry-peer0`. */
export function nodeId(org: OrgDeclaration, node: string): string {
  return `${org.key}-${node}`;
}

/** The node's host name, placed in its certificates: `peer0.registry.city.local`. */
export function nodeHost(org: OrgDeclaration, node: string): string {
  return `${node}.${org.domain}`;
}
