import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadChaincodes } from './chaincodes';
import { findOrg, loadConsortium } from './consortium';
import { RuntimeLayout } from './layout';
import { EnvironmentContext, nodeEnvironments, ordererEnvironment, peerEnvironment } from './nodeEnvironments';
import { renderEnvFile, runtimeFiles, writeRuntimeFiles } from './runtimeFiles';
import { chaincodeDeclarations, consortiumDeclarations } from './shellDeclarations';

const REPO_DIR = path.resolve(__dirname, '..', '..');
const ORGS_DIR = path.join(REPO_DIR, 'organizations');

function context(profile: 'raft' | 'bft', root = '/rt'): EnvironmentContext {
  return {
    consortium: loadConsortium(ORGS_DIR),
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
    expect(vars.CORE_PEER_TLS_CERT_FILE).toBe('/rt/nodes/registry-peer1/tls/server.crt');
    expect(vars.CITY_LEDGER_CHAINCODE_ADDRESSES_FILE).toBe('/rt/orgs/registry/chaincode-addresses.json');
    expect(JSON.parse(String(vars.CORE_CHAINCODE_EXTERNALBUILDERS))[0].propagateEnvironment).toContain('CITY_LEDGER_CHAINCODE_ADDRESSES_FILE');
  });

  test("a peer leaves an invalid transaction's private data to the reconciler, and pings its orderer as often as the orderer allows", () => {
    const peerVars = env(peerEnvironment(ctx, registry, peer1));
    expect(peerVars.CORE_PEER_GOSSIP_PVTDATA_SKIPPULLINGINVALIDTRANSACTIONSDURINGCOMMIT).toBe('true');
    expect(peerVars.CORE_PEER_KEEPALIVE_DELIVERYCLIENT_INTERVAL).toBe(env(ordererEnvironment(ctx, registry, 'orderer0')).ORDERER_GENERAL_KEEPALIVE_SERVERMININTERVAL);
  });

  test('the Node servers (gateways, chaincode servers) share one compile cache under the runtime; Fabric servers have none', () => {
    const nodes = nodeEnvironments(ctx);
    const cached = nodes.filter((n) => env(n).NODE_COMPILE_CACHE !== undefined);
    expect(cached.map((n) => n.what).sort()).toEqual(nodes.filter((n) => /^gateway |chaincode server /.test(n.what)).map((n) => n.what).sort());
    expect(cached.length).toBe(ctx.consortium.orgs.length * (1 + ctx.chaincodes.length));
    expect(new Set(cached.map((n) => env(n).NODE_COMPILE_CACHE))).toEqual(new Set(['/rt/cache/node-compile']));
  });

  test('the orderer consensus type follows the profile', () => {
    expect(env(ordererEnvironment(context('raft'), registry, 'orderer0')).ORDERER_CONSENSUS_TYPE).toBe('etcdraft');
    expect(env(ordererEnvironment(context('bft'), registry, 'orderer0')).ORDERER_CONSENSUS_TYPE).toBe('BFT');
  });

  test('every process has one environment in its own home', () => {
    const nodes = nodeEnvironments(ctx);
    const perOrg = (o: (typeof ctx.consortium.orgs)[number]) => 2 + o.orderers.length + o.peers.length + 1 + ctx.chaincodes.length;
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
      const addresses = JSON.parse(readFileSync(path.join(root, 'orgs', 'health', 'chaincode-addresses.json'), 'utf8'));
      expect(addresses).toMatchObject({ records: '127.0.0.1:8070', identity: '127.0.0.1:8071' });
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
      PEER0: '/rt/nodes/registry-peer0',
      POLICY: "OR('RegistryMSP.peer')",
      USERS: 'clerk1 registrar1',
      CERT: '/rt/orgs/health/tlsca/ca-cert.pem',
    });
  });
});
