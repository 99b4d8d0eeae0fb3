import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadChaincodes } from './chaincodes';
import { configtxYaml } from './configtx';
import { loadConsortium } from './consortium';
import { CA_KINDS, RuntimeLayout, signCertFile, tlsFiles } from './layout';
import { nodeEnvironments } from './nodeEnvironments';
import { OrgDeclaration } from './orgFile';
import { createHomes, runtimeFiles } from './runtimeFiles';

const REPO_DIR = path.resolve(__dirname, '..', '..');
const consortium = loadConsortium(path.join(REPO_DIR, 'organizations'));
const chaincodes = loadChaincodes(path.join(REPO_DIR, 'chaincode', 'chaincodes.yaml'));
const layout = new RuntimeLayout('/rt');
const ctx = { consortium, chaincodes, layout, profile: 'raft' as const, repoDir: REPO_DIR, orgsDir: '/orgs' };

const inside = (file: string, dir: string) => file === dir || file.startsWith(`${dir}${path.sep}`);
/** The orgs whose home holds `file`. */
const homesOf = (file: string) => consortium.orgs.filter((o) => inside(file, layout.orgDir(o))).map((o) => o.key);

/** Every private key, secret or store of an org, as the layout names it: what only its operator may read. */
function privatePaths(org: OrgDeclaration): string[] {
  const nodes = [...org.orderers, ...org.peers].map((n) => layout.nodeDir(org, n.name));
  const servers = chaincodes.map((cc) => layout.chaincodeServerDir(org, cc.name));
  const clients = ['admin', ...org.users.map((u) => u.name)].map((user) => layout.clientDir(org, user));
  const registrars = [...CA_KINDS, 'gateway' as const].map((r) => layout.registrarDir(org, r));
  return [
    ...CA_KINDS.map((kind) => layout.caHome(org, kind)),
    ...CA_KINDS.map((kind) => tlsFiles(layout.caHome(org, kind)).key),
    ...registrars.map((dir) => path.join(dir, 'msp', 'keystore')),
    ...clients.map((dir) => path.join(dir, 'msp', 'keystore')),
    ...clients.map((dir) => tlsFiles(dir).key),
    ...nodes.flatMap((dir) => [path.join(dir, 'msp', 'keystore'), tlsFiles(dir).key, path.join(dir, 'data')]),
    // A chaincode build's connection.json holds the peer's TLS key.
    ...org.peers.map((p) => layout.peerChaincodeBuildsDir(org, p.name)),
    ...servers.map((dir) => tlsFiles(dir).key),
    layout.gatewayDir(org),
    tlsFiles(layout.gatewayDir(org)).key,
    layout.gatewayRegistrarDir(org),
    layout.clientsDir(org),
    layout.chaincodeAddressesFile(org),
    path.join(layout.orgDir(org), 'secrets'),
  ];
}

/** What departments share: certificates, blocks, definitions and proposals, never a key. */
function sharedPaths(): string[] {
  return [
    ...consortium.orgs.flatMap((org) => [
      layout.orgMspDir(org),
      layout.tlsCaFile(org),
      ...[...org.orderers, ...org.peers].flatMap((n) => [
        tlsFiles(layout.publishedNodeDir(org, n.name)).cert,
        signCertFile(path.join(layout.publishedNodeDir(org, n.name), 'msp')),
      ]),
    ]),
    layout.channelDir(),
    layout.proposalsDir(),
    layout.removedOrgsDir(),
    ...chaincodes.flatMap((cc) => [layout.chaincodeDir(cc.name), layout.chaincodeConsortiumFile(cc.name), layout.chaincodeCollectionsFile(cc.name)]),
  ];
}

describe('runtime layout: one home per org, one exchange', () => {
  it.each(consortium.orgs.map((o) => [o.key, o] as const))('keeps every private file of %s in its own home and in no other', (_key, org) => {
    for (const file of privatePaths(org)) expect([file, homesOf(file)]).toEqual([file, [org.key]]);
  });

  it('puts what departments share in the exchange, in no home', () => {
    for (const file of sharedPaths()) {
      expect([file, inside(file, layout.exchangeDir()), homesOf(file)]).toEqual([file, true, []]);
    }
  });

  it('gives every node an environment that names its own home and the exchange, no other home', () => {
    const nodes = nodeEnvironments(ctx);
    expect(nodes.length).toBeGreaterThan(consortium.orgs.length * 4);
    for (const node of nodes) {
      const [owner] = homesOf(node.home);
      expect([node.what, homesOf(node.home)]).toEqual([node.what, [owner]]);
      const values = node.sections.flatMap((s) => Object.values(s.env).map(String));
      const named = values.flatMap((v) => v.split(/[,:"[\]{} ]/)).filter((v) => v.startsWith(layout.root));
      for (const file of named) expect([node.what, file, homesOf(file).filter((o) => o !== owner)]).toEqual([node.what, file, []]);
    }
  });

  it('writes generated files into the home of their org only', () => {
    for (const { file } of runtimeFiles(ctx)) expect([file, homesOf(file)]).toHaveProperty('1.length', 1);
  });

  it.each(['raft', 'bft'] as const)('builds the %s genesis block from the exchange alone', (profile) => {
    const yaml = configtxYaml(consortium, layout, profile);
    const named = yaml.split(/\s+/).filter((w) => w.startsWith(layout.root));
    expect(named.length).toBeGreaterThan(0);
    for (const file of named) expect([file, inside(file, layout.exchangeDir())]).toEqual([file, true]);
  });

  it('creates each home readable by its owner alone, and narrows one created wider', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'city-homes-'));
    try {
      const tmp = new RuntimeLayout(root);
      const [first] = consortium.orgs;
      createHomes(tmp, consortium.orgs.slice(0, 1));
      execFileSync('chmod', ['755', tmp.orgDir(first as OrgDeclaration)]);
      createHomes(tmp, consortium.orgs);
      for (const org of consortium.orgs) expect([org.key, statSync(tmp.orgDir(org)).mode & 0o777]).toEqual([org.key, 0o700]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('agrees with the scripts on the exchange and channel folders', () => {
    const script = 'source network/lib/common.sh && source network/lib/orgs.sh && printf "%s\\n" "${EXCHANGE_DIR}" "$(channel_dir)"';
    const out = execFileSync('bash', ['-c', script], { cwd: REPO_DIR, env: { ...process.env, CITY_LEDGER_RUNTIME: '/rt' }, encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual([layout.exchangeDir(), layout.channelDir()]);
  });
});
