#!/usr/bin/env node
/**
 * The network scripts' only window onto organizations/*.yaml and the runtime
 * layout. It validates the org files, prints what a script needs as `declare`
 * statements to eval, and generates each node's env file, so Bash never parses
 * YAML nor derives a path, and every value is declared once.
 *
 *   node network/dist/cli.js validate
 *   node network/dist/cli.js shell raft             # orgs, nodes, paths (lib/orgs.sh)
 *   node network/dist/cli.js chaincode-shell        # chaincodes, servers (lib/chaincode.sh)
 *   node network/dist/cli.js generate raft          # node env files, chaincode addresses
 *   node network/dist/cli.js configtx raft .runtime/channel/configtx.yaml
 *   node network/dist/cli.js locked-dependencies chaincode/records
 *
 * Channel config updates, through the exchange folder (network/src/proposals.ts; configtxlator
 * on PATH decodes the update; network/lib/proposals.sh fetches the config and sends the envelope):
 *   node network/dist/cli.js proposal propose WORK "what"   # WORK holds config.json and update.pb; prints the id
 *   node network/dist/cli.js proposal sign ID ORG CONFIG_JSON [MSP_DIR]   # as ORG's admin (its own by default)
 *   node network/dist/cli.js proposal submit ID CONFIG_JSON  # prints the envelope to send, or names missing signatures
 *   node network/dist/cli.js proposal show ID
 *
 * systemd units for one org's host (network/units.sh passes the Fabric install from install-fabric.sh):
 *   FABRIC_BIN_DIR=… FABRIC_SAMPLE_CONFIG=… node network/dist/cli.js units registry raft [USER [GROUP]]
 *
 * Certificates the runtime holds, soonest expiry first (network/status.sh --certificates):
 *   node network/dist/cli.js certificates [ORG]            # every org's, or one org's
 *   node network/dist/cli.js certificates --soonest        # one line per org: its soonest expiry
 *   node network/dist/cli.js renewal ORG 30d               # what network/renew.sh re-enrols: ACTION OWNER NOT_AFTER
 *
 * Backups of one node (network/backup.sh and network/restore.sh; network/src/backup.ts):
 *   node network/dist/cli.js backup-plan registry/peer1       # declares BACKUP_*: where it copies what
 *   node network/dist/cli.js backup-manifest FOLDER registry/peer1 HEIGHT TIP_HASH FABRIC_VERSION
 *   node network/dist/cli.js restore-plan registry/peer1 FOLDER   # declares RESTORE_*, or refuses
 *
 * One org's Prometheus scrape configuration, written to <runtime>/prometheus/<org>/prometheus.yml
 * (network/prometheus.sh passes the runtime's ordering profile):
 *   node network/dist/cli.js prometheus registry raft
 *
 * Each supervised node's state (network/lib/supervise.sh), for network/status.sh:
 *   node network/dist/cli.js supervision                   # ID<TAB>STATE<TAB>NODE_PID<TAB>restarts N, last exit signal 9 at …
 *
 * $CITY_LEDGER_CHAINCODES names another chaincodes file than chaincode/chaincodes.yaml
 * (a test deploys an extra chaincode on the running network with it), and
 * $CITY_LEDGER_EXTRA_CHAINCODES a file whose chaincodes are added to those (bench:ledger's
 * baseline, deployed in the benchmark's runtime only).
 *   node network/dist/cli.js chaincode-config records   # its consortium descriptor and collections
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backupNode, backupPlan, restorePlan, writeBackupManifest } from './backup';
import { checkPoliciesExcludeRegulators, loadChaincodeFiles } from './chaincodes';
import { collectionsConfig } from './collections';
import { certificateInventory, CertificateEntry } from './certificateInventory';
import { certificateLifetime } from './certificateLifetime';
import { configtxYaml, PROFILE_NAMES } from './configtx';
import { Consortium, findOrg, loadConsortium } from './consortium';
import { consortiumDescriptor } from './descriptor';
import { RuntimeLayout } from './layout';
import { lockedDependencies, readLock } from './lockedDependencies';
import { ConfigUpdateJson } from './modPolicy';
import { loadOrgFile, ORDERING_PROFILES, OrderingProfile, OrgDeclaration, OrgFileError } from './orgFile';
import { prometheusConfig, renderPrometheusConfig } from './prometheusConfig';
import { ChannelConfigJson, ProposalError, ProposalStore } from './proposals';
import { parseThreshold, renewalLines, renewalPlan } from './renewal';
import { createHomes, runtimeFiles, writeRuntimeFiles } from './runtimeFiles';
import { declareArray, declareScalar } from './shell';
import { chaincodeDeclarations, consortiumDeclarations } from './shellDeclarations';
import { allSupervisionStates, supervisionSummary } from './supervisionState';
import { orgTarget, orgUnits, renderTarget, renderUnit } from './systemdUnits';

const repoDir = path.resolve(__dirname, '..', '..');
const orgsDir = process.env.CITY_LEDGER_ORGS ?? path.join(repoDir, 'organizations');
const runtimeDir = process.env.CITY_LEDGER_RUNTIME ?? path.join(repoDir, '.runtime');
const chaincodesFile = process.env.CITY_LEDGER_CHAINCODES ?? path.join(repoDir, 'chaincode', 'chaincodes.yaml');
const channel = process.env.CHANNEL_NAME ?? 'city';
const chaincodesFiles = [chaincodesFile, ...(process.env.CITY_LEDGER_EXTRA_CHAINCODES ? [process.env.CITY_LEDGER_EXTRA_CHAINCODES] : [])];

function chaincodes() {
  const declared = loadChaincodeFiles(chaincodesFiles);
  const consortium = loadConsortium(orgsDir);
  checkPoliciesExcludeRegulators(consortium, declared, chaincodesFile);
  // Collections resolve against the org files (a remit no department holds is an error).
  for (const cc of declared) consortiumDescriptor(consortium, [cc]);
  return declared;
}

/** Org files of departments that left (network/org.sh remove moves them here): their collections stay. */
function departedOrgs() {
  const dir = new RuntimeLayout(runtimeDir).removedOrgsDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => loadOrgFile(path.join(dir, f)));
}

const readJson = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;

/** The update's bytes as configtxlator reads them: what is signed is what is summarized. */
function decodeUpdate(update: Buffer): ConfigUpdateJson {
  // configtxlator cannot open /dev/stdout when it is a pipe: it writes to a file.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'city-update-'));
  try {
    const [input, out] = [path.join(dir, 'update.pb'), path.join(dir, 'update.json')];
    writeFileSync(input, update);
    execFileSync('configtxlator', ['proto_decode', '--type', 'common.ConfigUpdate', '--input', input, '--output', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    return readJson<ConfigUpdateJson>(out);
  } catch (err) {
    throw new ProposalError('TAMPERED', `the update's bytes are not a config update: ${(err as Error).message.split('\n').at(-2) ?? ''}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** propose, sign, submit, show: see network/lib/proposals.sh, which decides when. */
function proposal([action, ...args]: string[]): string[] {
  const store = new ProposalStore(new RuntimeLayout(runtimeDir).proposalsDir(), channel, decodeUpdate);
  if (action === 'propose' && args.length === 2) {
    const [work = '', what = ''] = args;
    const { id, summary } = store.propose(what, readFileSync(path.join(work, 'update.pb')), readJson<ChannelConfigJson>(path.join(work, 'config.json')));
    return [id, ...summary.map((l) => `  ${l}`)];
  }
  if (action === 'sign' && (args.length === 3 || args.length === 4)) {
    const [id = '', orgKey = '', configFile = '', mspArg] = args;
    const org = findOrg(loadConsortium(orgsDir), orgKey);
    const msp = mspArg ?? path.join(new RuntimeLayout(runtimeDir).clientDir(org, 'admin'), 'msp');
    const identity = {
      mspId: org.mspId,
      certPem: readFileSync(path.join(msp, 'signcerts', 'cert.pem'), 'utf8'),
      keyPem: readFileSync(path.join(msp, 'keystore', 'key.pem'), 'utf8'),
    };
    const { record, summary } = store.sign(id, org.mspId, identity, readJson<ChannelConfigJson>(configFile));
    return [`${record.what}:`, ...summary.map((l) => `  ${l}`), `signed by the admin of ${org.mspId}`];
  }
  if (action === 'submit' && args.length === 2) {
    const [id = '', configFile = ''] = args;
    const { envelope } = store.submit(id, readJson<ChannelConfigJson>(configFile));
    return [envelope];
  }
  if (action === 'show' && args.length === 1) {
    const [id = ''] = args;
    const dir = store.folder(id);
    if (!existsSync(path.join(dir, 'summary.txt'))) throw new Error(`UNKNOWN_PROPOSAL: no proposal ${id} in ${store.dir}`);
    const signed = readdirSync(path.join(dir, 'signatures')).map((f) => f.replace(/\.json$/, ''));
    return [...readFileSync(path.join(dir, 'summary.txt'), 'utf8').trimEnd().split('\n'), `signed by: ${signed.join(', ') || 'nobody yet'}`];
  }
  throw new Error('usage: proposal propose WORK WHAT | sign ID ORG CONFIG_JSON [MSP_DIR] | submit ID CONFIG_JSON | show ID');
}

/**
 * Writes one org's systemd units and target into `<runtime>/systemd/<org>/`, and the org's node
 * env files they read (the same files `generate` writes for the start scripts).
 */
function units([orgKey, profile, user, group, ...rest]: string[]): string[] {
  const fabricBinDir = process.env.FABRIC_BIN_DIR;
  const fabricConfigDir = process.env.FABRIC_SAMPLE_CONFIG;
  if (!orgKey || rest.length > 0 || !fabricBinDir || !fabricConfigDir) {
    throw new Error('usage: FABRIC_BIN_DIR=DIR FABRIC_SAMPLE_CONFIG=DIR units ORG PROFILE [USER [GROUP]]');
  }
  const consortium = loadConsortium(orgsDir);
  const org = findOrg(consortium, orgKey);
  const layout = new RuntimeLayout(runtimeDir);
  const ctx = { consortium, chaincodes: chaincodes(), layout, profile: profileArg(profile), repoDir, orgsDir };
  const nodeBin = path.join(repoDir, 'node_modules', '.bin', 'node');
  const built = orgUnits(ctx, org, { fabricBinDir, fabricConfigDir, nodeBin, user: user || undefined, group: group || undefined });
  const dir = path.join(layout.root, 'systemd', org.key);
  rmSync(dir, { recursive: true, force: true });
  const files = [
    ...built.map((u) => ({ file: path.join(dir, u.name), content: renderUnit(u) })),
    { file: path.join(dir, orgTarget(org)), content: renderTarget(org, built) },
  ];
  writeRuntimeFiles([...runtimeFiles({ ...ctx, consortium: { ...consortium, orgs: [org] } }), ...files]);
  return files.map((f) => f.file);
}

/** `certificates [ORG]` and `certificates --soonest`: a table, soonest expiry first. */
function certificates([arg, ...rest]: string[]): string[] {
  if (rest.length > 0) throw new Error('usage: certificates [ORG | --soonest]');
  const consortium = loadConsortium(orgsDir);
  const layout = new RuntimeLayout(runtimeDir);
  const now = new Date();
  const row = (...cells: string[]) => cells.map((c, i) => c.padEnd([10, 5, 20, 11][i] ?? 0)).join(' ').trimEnd();
  const cells = (org: string, e: CertificateEntry) => [e.notAfter.toISOString().slice(0, 10), String(e.daysLeft), e.kind, org, `${e.path}  ${e.subject}`];
  if (arg === '--soonest') {
    return localOrgs(consortium).map((org) => {
      const [first] = certificateInventory(layout, org, now);
      return first ? row(...cells(org.key, first)) : row('-', '-', 'no certificates yet', org.key);
    });
  }
  if (arg !== undefined && !consortium.orgs.some((o) => o.key === arg)) {
    throw new Error(`UNKNOWN_ORG: no org ${JSON.stringify(arg)} in organizations/ (known: ${consortium.orgs.map((o) => o.key).join(', ')})`);
  }
  const orgs = consortium.orgs.filter((o) => arg === undefined || o.key === arg);
  const entries = orgs.flatMap((org) => certificateInventory(layout, org, now).map((e) => ({ org: org.key, e })));
  entries.sort((a, b) => a.e.notAfter.getTime() - b.e.notAfter.getTime());
  return [row('NOT AFTER', 'DAYS', 'KIND', 'ORG', 'PATH  SUBJECT'), ...entries.map(({ org, e }) => row(...cells(org, e)))];
}

/** `declare` statements of a script's variables, each name prefixed: a list becomes an array. */
function declarations(prefix: string, values: Record<string, string | number | readonly string[]>): string[] {
  return Object.entries(values).map(([name, value]) => (Array.isArray(value) ? declareArray(prefix + name, value) : declareScalar(prefix + name, value as string | number)));
}

/** `backup-plan ORG/NODE`: where backup.sh copies the node's data folder, as `declare` statements. */
function backupPlanDeclarations([ref, ...rest]: string[]): string[] {
  if (!ref || rest.length > 0) throw new Error('usage: backup-plan ORG/NODE');
  const plan = backupPlan(loadConsortium(orgsDir), new RuntimeLayout(runtimeDir), ref, channel, new Date());
  return declarations('BACKUP_', {
    KIND: plan.node.kind,
    NODE_ID: plan.nodeId,
    DATA_DIR: plan.dataDir,
    FOLDER: plan.folder,
    EXCLUDED: plan.excluded,
    BLOCK_FILES: plan.blockFiles,
  });
}

/** `backup-manifest FOLDER ORG/NODE HEIGHT TIP_HASH FABRIC_VERSION`: hashes the copy, writes its manifest. */
function backupManifest([folder, ref, height, tipBlockHash, fabricVersion, ...rest]: string[]): string[] {
  if (!folder || !ref || !height || !tipBlockHash || !fabricVersion || rest.length > 0) {
    throw new Error('usage: backup-manifest FOLDER ORG/NODE HEIGHT TIP_HASH FABRIC_VERSION');
  }
  const node = backupNode(loadConsortium(orgsDir), ref);
  const manifest = writeBackupManifest(folder, {
    node: node.ref,
    org: node.org.key,
    mspId: node.org.mspId,
    kind: node.kind,
    createdAt: new Date().toISOString(),
    fabricVersion,
    channel,
    height: Number(height),
    tipBlockHash,
  });
  return [`${manifest.files.length} files, ${channel} at height ${manifest.height}, tip ${manifest.tipBlockHash}`];
}

/** `restore-plan ORG/NODE FOLDER`: refuses another node's backup or a missing one; else `declare` statements. */
function restorePlanDeclarations([ref, folder, ...rest]: string[]): string[] {
  if (!ref || !folder || rest.length > 0) throw new Error('usage: restore-plan ORG/NODE BACKUP_FOLDER');
  const plan = restorePlan(loadConsortium(orgsDir), new RuntimeLayout(runtimeDir), ref, path.resolve(folder));
  return declarations('RESTORE_', {
    KIND: plan.node.kind,
    NODE_ID: plan.nodeId,
    SOURCE: plan.source,
    DATA_DIR: plan.dataDir,
    STAGING_DIR: plan.stagingDir,
    REPLACED_DIR: plan.replacedDir,
    HEIGHT: plan.manifest.height,
  });
}

/** `prometheus ORG PROFILE`: writes the org's scrape configuration; prints its path. */
function prometheus([orgKey, profile, ...rest]: string[]): string[] {
  if (!orgKey || rest.length > 0) throw new Error('usage: prometheus ORG PROFILE');
  const org = findOrg(loadConsortium(orgsDir), orgKey);
  const layout = new RuntimeLayout(runtimeDir);
  const file = layout.prometheusConfigFile(org);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, renderPrometheusConfig(prometheusConfig(layout, org, profileArg(profile))));
  return [file];
}

/**
 * The orgs whose homes this runtime holds: the one $CITY_LEDGER_DEPARTMENT names on a
 * department's host (network/department.sh), every org in single-machine mode.
 */
function localOrgs(consortium: Consortium): OrgDeclaration[] {
  const department = process.env.CITY_LEDGER_DEPARTMENT;
  return department ? [findOrg(consortium, department)] : [...consortium.orgs];
}

function profileArg(value: string | undefined): OrderingProfile {
  if (!ORDERING_PROFILES.includes(value as OrderingProfile)) {
    throw new Error(`ordering profile must be one of ${ORDERING_PROFILES.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as OrderingProfile;
}

const commands: Record<string, (args: string[]) => string[]> = {
  validate: () => {
    const { orgs } = loadConsortium(orgsDir);
    return [
      ...orgs.map((o) => `ok ${o.file}: ${o.mspId} (${o.role}), ${o.peers.length} peer(s), ${o.orderers.length} orderer(s)`),
      ...chaincodes().map((c) => `ok ${chaincodesFiles.join(' + ')}: chaincode ${c.name}`),
    ];
  },
  /** `declare` statements: the org files' values and every runtime path (see lib/orgs.sh) */
  shell: ([profile]) => consortiumDeclarations(loadConsortium(orgsDir), new RuntimeLayout(runtimeDir), profileArg(profile)),
  /** `declare` statements: the chaincodes, their policies, servers and paths (see lib/chaincode.sh) */
  'chaincode-shell': () => chaincodeDeclarations(loadConsortium(orgsDir), chaincodes(), new RuntimeLayout(runtimeDir)),
  /** writes every node's env file and each org's chaincode addresses; prints the files that changed */
  generate: ([profile]) => {
    const consortium = loadConsortium(orgsDir);
    const context = {
      consortium: { ...consortium, orgs: localOrgs(consortium) },
      chaincodes: chaincodes(),
      layout: new RuntimeLayout(runtimeDir),
      profile: profileArg(profile),
      repoDir,
      orgsDir,
      certificateLifetime: certificateLifetime(process.env),
    };
    createHomes(context.layout, context.consortium.orgs);
    return writeRuntimeFiles(runtimeFiles(context));
  },
  /** every locked package a workspace runs (for chaincode versions): location@version integrity */
  'locked-dependencies': ([workspace]) => lockedDependencies(readLock(path.join(repoDir, 'package-lock.json')), workspace ?? ''),
  /**
   * Writes a chaincode's generated definition inputs into its runtime folder: consortium.json
   * (the descriptor its servers read) and collections_config.json (absent without collections).
   */
  'chaincode-config': ([name]) => {
    const cc = chaincodes().find((c) => c.name === name);
    if (!cc) throw new Error(`usage: chaincode-config <chaincode>; unknown chaincode ${JSON.stringify(name)}`);
    const consortium = loadConsortium(orgsDir);
    const layout = new RuntimeLayout(runtimeDir);
    const departed = departedOrgs();
    mkdirSync(layout.chaincodeDir(cc.name), { recursive: true });
    const descriptor = layout.chaincodeConsortiumFile(cc.name);
    writeFileSync(descriptor, `${JSON.stringify(consortiumDescriptor(consortium, [cc], departed), null, 2)}\n`);
    const collections = layout.chaincodeCollectionsFile(cc.name);
    if (cc.collections.length === 0) rmSync(collections, { force: true });
    else writeFileSync(collections, `${JSON.stringify(collectionsConfig(consortium, cc.collections, departed), null, 2)}\n`);
    return [descriptor];
  },
  proposal,
  'backup-plan': backupPlanDeclarations,
  'backup-manifest': backupManifest,
  'restore-plan': restorePlanDeclarations,
  units,
  certificates,
  prometheus,
  /** each supervised node: its id, its state, its pid and its restarts and last exit (network/status.sh) */
  supervision: () => allSupervisionStates(new RuntimeLayout(runtimeDir)).map((s) => `${s.id}\t${s.state}\t${s.nodePid}\t${supervisionSummary(s)}`),
  renewal: ([orgKey, within, ...rest]) => {
    if (!orgKey || !within || rest.length > 0) throw new Error('usage: renewal ORG THRESHOLD (like 30d)');
    const org = findOrg(loadConsortium(orgsDir), orgKey);
    return renewalLines(renewalPlan(certificateInventory(new RuntimeLayout(runtimeDir), org), parseThreshold(within)));
  },
  configtx: ([profile, out]) => {
    if (!out) throw new Error('usage: configtx <profile> <output file>');
    const yaml = configtxYaml(loadConsortium(orgsDir), new RuntimeLayout(runtimeDir), profileArg(profile));
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, yaml);
    return [PROFILE_NAMES[profileArg(profile)]];
  },
};

function main(argv: string[]): number {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`usage: cli.js <${Object.keys(commands).join('|')}> [args]\n`);
    return 2;
  }
  try {
    for (const line of command(args)) process.stdout.write(`${line}\n`);
    return 0;
  } catch (err) {
    const prefix = err instanceof OrgFileError ? 'invalid org file: ' : '';
    process.stderr.write(`error: ${prefix}${(err as Error).message}\n`);
    return 1;
  }
}

// A reader that stops early (`status.sh --certificates | head`) is no error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? 0);
});
process.exitCode = main(process.argv.slice(2));
