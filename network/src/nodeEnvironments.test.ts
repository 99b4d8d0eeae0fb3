import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { loadChaincodes } from './chaincodes';
import { configtxYaml } from './configtx';
import { Consortium, findOrg, loadConsortium } from './consortium';
import { RuntimeLayout } from './layout';
import {
  caEnvironment,
  chaincodeServerSettings,
  EnvironmentContext,
  gatewayEnvironment,
  nodeEnvironments,
  ordererEnvironment,
  peerEnvironment,
} from './nodeEnvironments';
import { parseOrg } from './orgFile';
import { parseChaincodeServerSettings } from '@city-ledger/domain';
import { chaincodeAddresses, renderEnvFile, runtimeFiles, writeRuntimeFiles } from './runtimeFiles';
import { chaincodeDeclarations, consortiumDeclarations } from './shellDeclarations';

const REPO_DIR = path.resolve(__dirname, '..', '..');
const ORGS_DIR = path.join(REPO_DIR, 'organizations');

function context(profile: 'raft' | 'bft', root = '/rt', consortium: Consortium = loadConsortium(ORGS_DIR)): EnvironmentContext {
  return {
    consortium,
    chaincodes: loadChaincodes(path.join(REPO_DIR, 'chaincode', 'chaincodes.yaml')),
    layout: new RuntimeLayout(root),
    profile,
    repoDir: REPO_DIR,
    orgsDir: ORGS_DIR,
  };
}

/** Runs Bash on a script and returns the named variables it ends with. */
function bash(script: string, names: string[]): Record<string, string> {
  const out = execFileSync('bash', ['-c', `${script}\n${names.map((n) => `printf '%s\\0' "\${${n}}"`).join('\n')}`], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\0').slice(0, names.length).map((v, i) => [names[i], v]));
}

const env = (node: ReturnType<typeof peerEnvironment>) => Object.assign({}, ...node.sections.map((s) => s.env)) as Record<string, string | number>;

describe('node environments', () => {
  const ctx = context('raft');
  const registry = findOrg(ctx.consortium, 'registry');
  const [peer0, peer1] = registry.peers;
  if (!peer0 || !peer1) throw new Error('organizations/registry.yaml declares two peers');

  test('a peer gossips with its org anchor and reads chaincode addresses from the org file, not its environment', () => {
    const vars = env(peerEnvironment(ctx, registry, peer1));
    expect(vars.CORE_PEER_ADDRESS).toBe('127.0.0.1:7151');
    expect(vars.CORE_PEER_GOSSIP_BOOTSTRAP).toBe('127.0.0.1:7051');
    expect(vars.CORE_PEER_TLS_CERT_FILE).toBe('/rt/homes/registry/nodes/registry-peer1/tls/server.crt');
    expect(vars.CITY_LEDGER_CHAINCODE_ADDRESSES_FILE).toBe('/rt/homes/registry/chaincode-addresses.json');
    expect(JSON.parse(String(vars.CORE_CHAINCODE_EXTERNALBUILDERS))[0].propagateEnvironment).toContain('CITY_LEDGER_CHAINCODE_ADDRESSES_FILE');
  });

  test("a peer leaves an invalid transaction's private data to the reconciler, and pings its orderer as often as the orderer allows", () => {
    const peerVars = env(peerEnvironment(ctx, registry, peer1));
    expect(peerVars.CORE_PEER_GOSSIP_PVTDATA_SKIPPULLINGINVALIDTRANSACTIONSDURINGCOMMIT).toBe('true');
    expect(peerVars.CORE_PEER_KEEPALIVE_DELIVERYCLIENT_INTERVAL).toBe(env(ordererEnvironment(ctx, registry, 'orderer0')).ORDERER_GENERAL_KEEPALIVE_SERVERMININTERVAL);
  });

  test('the Node servers (gateways, chaincode hosts) share one compile cache under the runtime; Fabric servers have none', () => {
    const nodes = nodeEnvironments(ctx);
    const cached = nodes.filter((n) => env(n).NODE_COMPILE_CACHE !== undefined);
    expect(cached.map((n) => n.what).sort()).toEqual(nodes.filter((n) => /^gateway |^chaincode host /.test(n.what)).map((n) => n.what).sort());
    expect(cached.length).toBe(ctx.consortium.orgs.length * 2);
    expect(new Set(cached.map((n) => env(n).NODE_COMPILE_CACHE))).toEqual(new Set(['/rt/cache/node-compile']));
  });

  test("peers' and orderers' /metrics take client certificates from the org's TLS CA; /healthz needs none (client auth optional)", () => {
    const tlsCa = '/rt/homes/registry/nodes/registry-peer0/tls/ca.crt';
    expect(env(peerEnvironment(ctx, registry, peer0))).toMatchObject({
      CORE_OPERATIONS_TLS_ENABLED: 'true',
      CORE_OPERATIONS_TLS_CLIENTAUTHREQUIRED: 'false',
      // viper splits the peer's list on white space: brackets would become part of the path.
      CORE_OPERATIONS_TLS_CLIENTROOTCAS_FILES: tlsCa,
    });
    expect(env(ordererEnvironment(ctx, registry, 'orderer0'))).toMatchObject({
      ORDERER_OPERATIONS_TLS_CLIENTAUTHREQUIRED: 'false',
      ORDERER_OPERATIONS_TLS_CLIENTROOTCAS: '[/rt/homes/registry/nodes/registry-orderer0/tls/ca.crt]',
    });
  });

  test("the gateway's /metrics listener is placed explicitly, where the scrape configuration looks", () => {
    expect(env(gatewayEnvironment(ctx, registry))).toMatchObject({ CITY_GATEWAY_METRICS_HOST: '127.0.0.1', CITY_GATEWAY_METRICS_PORT: registry.gatewayPort + 10_000 });
  });

  test('the orderer consensus type follows the profile', () => {
    expect(env(ordererEnvironment(context('raft'), registry, 'orderer0')).ORDERER_CONSENSUS_TYPE).toBe('etcdraft');
    expect(env(ordererEnvironment(context('bft'), registry, 'orderer0')).ORDERER_CONSENSUS_TYPE).toBe('BFT');
  });

  test("only SmartBFT orderers quiet the cluster stream logger that warns of an expiry Fabric never gave it", () => {
    expect(env(ordererEnvironment(context('bft'), registry, 'orderer0')).FABRIC_LOGGING_SPEC).toBe('info:orderer.common.cluster.step=error');
    expect(env(ordererEnvironment(context('raft'), registry, 'orderer0')).FABRIC_LOGGING_SPEC).toBeUndefined();
  });

  test('a SmartBFT orderer gives up on a cluster handshake after 1 s, so a restarting consenter stalls no one for long', () => {
    expect(env(ordererEnvironment(context('bft'), registry, 'orderer0')).ORDERER_GENERAL_CLUSTER_DIALTIMEOUT).toBe('1s');
    expect(env(ordererEnvironment(context('raft'), registry, 'orderer0')).ORDERER_GENERAL_CLUSTER_DIALTIMEOUT).toBeUndefined();
  });

  test('every process has one environment in its own home', () => {
    const nodes = nodeEnvironments(ctx);
    // Two CAs, the orderers, the peers, the gateway and the chaincode host (one for all its chaincodes).
    const perOrg = (o: (typeof ctx.consortium.orgs)[number]) => 2 + o.orderers.length + o.peers.length + 1 + 1;
    expect(nodes).toHaveLength(ctx.consortium.orgs.reduce((n, o) => n + perOrg(o), 0));
    expect(new Set(nodes.map((n) => n.home)).size).toBe(nodes.length);
  });

  test('an env file, sourced by Bash, gives back every value', () => {
    const node = peerEnvironment(ctx, registry, peer0);
    const values = env(node);
    expect(bash(renderEnvFile(node), Object.keys(values))).toEqual(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])));
  });

  test('generated files are written once, then left alone until they change', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'city-env-'));
    try {
      const files = runtimeFiles(context('raft', root));
      expect(writeRuntimeFiles(files)).toHaveLength(files.length);
      expect(writeRuntimeFiles(files)).toEqual([]);
      const addresses = JSON.parse(readFileSync(path.join(root, 'homes', 'health', 'chaincode-addresses.json'), 'utf8'));
      expect(addresses).toMatchObject({ records: '127.0.0.1:8070', identity: '127.0.0.1:8071' });
      // What the org's chaincode host reads: the domain's settings, valid, at the address the peers dial.
      const serverJson = path.join(root, 'homes', 'health', 'chaincode', 'identity', 'server.json');
      const settings = parseChaincodeServerSettings(readFileSync(serverJson, 'utf8'), serverJson);
      expect(settings).toMatchObject({ chaincode: 'identity', address: '127.0.0.1:8071', packageIdFile: path.join(root, 'exchange', 'chaincode', 'identity', 'package-id') });
      expect(settings.tls.certFile).toBe(path.join(root, 'homes', 'health', 'chaincode', 'identity', 'tls', 'server.crt'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('declarations for Bash', () => {
  const ctx = context('raft');

  test('eval gives the scripts the org files values and the layout paths', () => {
    const script = [
      ...consortiumDeclarations(ctx.consortium, ctx.layout, 'raft'),
      ...chaincodeDeclarations(ctx.consortium, ctx.chaincodes, ctx.layout),
      'ORDERER_LIST="${ORDERERS[*]}"',
      'PEER0="${NODE_DIR[registry/peer0]}"',
      'POLICY="${CC_POLICY[records]}"',
      'USERS="${ORG_USERS[registry]}"',
      'CERT="${CA_CERT[health/tlsca]}"',
    ].join('\n');
    const vars = bash(script, ['ORDERER_LIST', 'PEER0', 'POLICY', 'USERS', 'CERT']);
    expect(vars).toEqual({
      ORDERER_LIST: 'health/orderer0 publicworks/orderer0 registry/orderer0',
      PEER0: '/rt/homes/registry/nodes/registry-peer0',
      POLICY: "OR('RegistryMSP.peer')",
      USERS: 'clerk1 registrar1',
      CERT: '/rt/homes/health/tlsca/ca-cert.pem',
    });
  });

  test("snapshot.sh looks for a peer's snapshots where the peer writes them, and offers them in the exchange", () => {
    const script = [...consortiumDeclarations(ctx.consortium, ctx.layout, 'raft'), 'SNAPSHOTS="${PEER_SNAPSHOTS_DIR[registry/peer1]}"'].join('\n');
    const vars = bash(script, ['SNAPSHOTS', 'SNAPSHOTS_EXCHANGE_DIR']);
    const registry = findOrg(ctx.consortium, 'registry');
    const peer1 = registry.peers.find((p) => p.name === 'peer1');
    if (!peer1) throw new Error('organizations/registry.yaml declares peer1');
    expect(vars).toEqual({ SNAPSHOTS: '/rt/homes/registry/nodes/registry-peer1/data/snapshots', SNAPSHOTS_EXCHANGE_DIR: '/rt/exchange/snapshots' });
    expect(env(peerEnvironment(ctx, registry, peer1)).CORE_LEDGER_SNAPSHOTS_ROOTDIR).toBe(vars.SNAPSHOTS);
  });
});

/**
 * The shipped consortium with Registry on its own host, peer1 and the gateway on DNS names: what a
 * department on its own machine declares.
 */
function registryOnItsHost(): Consortium {
  const { orgs } = loadConsortium(ORGS_DIR);
  const file = path.join(ORGS_DIR, 'registry.yaml');
  const doc = parse(readFileSync(file, 'utf8')) as { peers: Record<string, unknown>[] };
  const peers = doc.peers.map((p) => (p.name === 'peer1' ? { ...p, host: 'peer1.registry.city.example' } : p));
  const registry = parseOrg(file, stringify({ ...doc, host: '10.254.35.2', gatewayHost: 'gateway.registry.city.example', peers }));
  return { orgs: orgs.map((o) => (o.key === 'registry' ? registry : o)) };
}

describe('hosts from the org files', () => {
  const placed = context('raft', '/rt', registryOnItsHost());
  const registry = findOrg(placed.consortium, 'registry');
  const [peer0, peer1] = registry.peers;
  const [records] = placed.chaincodes;
  if (!peer0 || !peer1 || !records) throw new Error('registry declares two peers, chaincodes.yaml a chaincode');

  test('a peer listens on its host, is dialled by its name, and bootstraps gossip from its anchor on the anchor host', () => {
    expect(env(peerEnvironment(placed, registry, peer1))).toMatchObject({
      CORE_PEER_LISTENADDRESS: '0.0.0.0:7151',
      CORE_PEER_ADDRESS: 'peer1.registry.city.example:7151',
      CORE_PEER_CHAINCODEADDRESS: 'peer1.registry.city.example:7152',
      CORE_PEER_GOSSIP_EXTERNALENDPOINT: 'peer1.registry.city.example:7151',
      CORE_PEER_GOSSIP_BOOTSTRAP: '10.254.35.2:7051',
      CORE_OPERATIONS_LISTENADDRESS: '0.0.0.0:17151',
    });
    expect(env(peerEnvironment(placed, registry, peer0)).CORE_PEER_LISTENADDRESS).toBe('10.254.35.2:7051');
  });

  test("orderers, CAs, the gateway and chaincode servers take the org's host", () => {
    expect(env(ordererEnvironment(placed, registry, 'orderer0'))).toMatchObject({
      ORDERER_GENERAL_LISTENADDRESS: '10.254.35.2',
      ORDERER_ADMIN_LISTENADDRESS: '10.254.35.2:7053',
      ORDERER_OPERATIONS_LISTENADDRESS: '10.254.35.2:17050',
    });
    expect(env(caEnvironment(placed, registry, 'tlsca'))).toMatchObject({
      FABRIC_CA_SERVER_ADDRESS: '10.254.35.2',
      FABRIC_CA_SERVER_CSR_HOSTS: '10.254.35.2,127.0.0.1,localhost,tlsca.registry.city.local',
      CITY_LEDGER_CA_TLS_SAN: 'IP:10.254.35.2,IP:127.0.0.1,DNS:localhost,DNS:tlsca.registry.city.local',
    });
    expect(env(gatewayEnvironment(placed, registry)).CITY_GATEWAY_HOST).toBe('0.0.0.0');
    expect(chaincodeServerSettings(placed, registry, records).address).toBe('10.254.35.2:7070');
    expect(chaincodeAddresses(registry, placed.chaincodes)).toMatchObject({ records: '10.254.35.2:7070', identity: '10.254.35.2:7071' });
  });

  test('the channel config names consenters, orderer endpoints and anchor peers by host', () => {
    const raft = configtxYaml(placed.consortium, placed.layout, 'raft');
    expect(raft).toMatch(/- Host: 10\.254\.35\.2\n\s+Port: 7050/);
    expect(raft).toContain('- 10.254.35.2:7050');
    expect(raft).toMatch(/- Host: 127\.0\.0\.1\n\s+Port: 8050/);
    expect(configtxYaml(placed.consortium, placed.layout, 'bft')).toMatch(/AnchorPeers:\n\s+- Host: 10\.254\.35\.2\n\s+Port: 7051/);
  });

  test('the scripts dial every node, CA and gateway at its host and ask for certificates naming it', () => {
    const script = [...consortiumDeclarations(placed.consortium, placed.layout, 'raft'), ...chaincodeDeclarations(placed.consortium, placed.chaincodes, placed.layout)];
    const names = {
      PEER: 'NODE_ADDRESS[registry/peer1]',
      ADMIN: 'NODE_ADDRESS2[registry/orderer0]',
      OPS: 'NODE_OPS_ADDRESS[registry/peer0]',
      ANCHOR_HOST: 'NODE_ENDPOINT_HOST[registry/peer0]',
      PEER_TLS: 'NODE_TLS_HOSTS[registry/peer1]',
      CA: 'CA_ADDRESS[registry/ca]',
      CA_OPS: 'CA_OPS_ADDRESS[registry/tlsca]',
      GATEWAY: 'GATEWAY_ADDRESS[registry]',
      GATEWAY_TLS: 'GATEWAY_TLS_HOSTS[registry]',
      CC_TLS: 'CC_SERVER_TLS_HOSTS[registry/records]',
      HEALTH_PEER: 'NODE_ADDRESS[health/peer0]',
      HEALTH_GATEWAY_TLS: 'GATEWAY_TLS_HOSTS[health]',
    };
    const vars = bash([...script, ...Object.entries(names).map(([k, v]) => `${k}="\${${v}}"`)].join('\n'), Object.keys(names));
    expect(vars).toEqual({
      PEER: 'peer1.registry.city.example:7151',
      ADMIN: '10.254.35.2:7053',
      OPS: '10.254.35.2:17051',
      ANCHOR_HOST: '10.254.35.2',
      PEER_TLS: 'peer1.registry.city.example,127.0.0.1,localhost,peer1.registry.city.local',
      CA: '10.254.35.2:7054',
      CA_OPS: '10.254.35.2:17055',
      GATEWAY: 'gateway.registry.city.example:7443',
      GATEWAY_TLS: 'gateway.registry.city.example,127.0.0.1,localhost,gateway.registry.city.local',
      CC_TLS: '10.254.35.2,127.0.0.1,localhost',
      // The default network is unchanged: loopback, and the names its certificates always held.
      HEALTH_PEER: '127.0.0.1:8051',
      HEALTH_GATEWAY_TLS: '127.0.0.1,localhost,gateway.health.city.local',
    });
  });

  test("a test runtime's certificate lifetime sets the CAs' signing profiles, and nothing else's", () => {
    const short = { ...context('raft'), certificateLifetime: '4m' };
    const registry = findOrg(short.consortium, 'registry');
    expect(env(caEnvironment(short, registry, 'tlsca'))).toMatchObject({ FABRIC_CA_SERVER_SIGNING_DEFAULT_EXPIRY: '4m', FABRIC_CA_SERVER_SIGNING_PROFILES_TLS_EXPIRY: '4m' });
    expect(env(caEnvironment(context('raft'), registry, 'tlsca'))).not.toHaveProperty('FABRIC_CA_SERVER_SIGNING_DEFAULT_EXPIRY');
    const signing = nodeEnvironments(short).filter((node) => 'FABRIC_CA_SERVER_SIGNING_DEFAULT_EXPIRY' in env(node as ReturnType<typeof peerEnvironment>));
    expect(signing.map((node) => node.what)).toEqual(nodeEnvironments(short).filter((node) => node.what.includes('CA of')).map((node) => node.what));
  });

  test('without hosts, every address is on loopback as before', () => {
    const plain = context('raft');
    const health = findOrg(plain.consortium, 'health');
    expect(env(caEnvironment(plain, health, 'ca'))).toMatchObject({
      FABRIC_CA_SERVER_ADDRESS: '127.0.0.1',
      FABRIC_CA_SERVER_CSR_HOSTS: '127.0.0.1,localhost,ca.health.city.local',
      CITY_LEDGER_CA_TLS_SAN: 'IP:127.0.0.1,DNS:localhost,DNS:ca.health.city.local',
    });
    const addresses = nodeEnvironments(plain)
      .flatMap((node) => Object.entries(env(node as ReturnType<typeof peerEnvironment>)))
      .filter(([key]) => /(LISTENADDRESS|_ADDRESS|ENDPOINT|BOOTSTRAP|_HOST)$/.test(key))
      .map(([, value]) => String(value));
    expect(addresses.length).toBeGreaterThan(50);
    expect(addresses.filter((a) => !a.startsWith('127.0.0.1'))).toEqual([]);
  });
});
