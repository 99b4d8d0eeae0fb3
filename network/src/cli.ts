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
 * $CITY_LEDGER_CHAINCODES names another chaincodes file than chaincode/chaincodes.yaml
 * (a test deploys an extra chaincode on the running network with it), and
 * $CITY_LEDGER_EXTRA_CHAINCODES a file whose chaincodes are added to those (bench:ledger's
 * baseline, deployed in the benchmark's runtime only).
 *   node network/dist/cli.js chaincode-config records   # its consortium descriptor and collections
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkPoliciesExcludeRegulators, loadChaincodeFiles } from './chaincodes';
import { collectionsConfig } from './collections';
import { configtxYaml, PROFILE_NAMES } from './configtx';
import { loadConsortium } from './consortium';
import { consortiumDescriptor } from './descriptor';
import { RuntimeLayout } from './layout';
import { lockedDependencies, readLock } from './lockedDependencies';
import { loadOrgFile, ORDERING_PROFILES, OrderingProfile, OrgFileError } from './orgFile';
import { runtimeFiles, writeRuntimeFiles } from './runtimeFiles';
import { chaincodeDeclarations, consortiumDeclarations } from './shellDeclarations';

const repoDir = path.resolve(__dirname, '..', '..');
const orgsDir = process.env.CITY_LEDGER_ORGS ?? path.join(repoDir, 'organizations');
const runtimeDir = process.env.CITY_LEDGER_RUNTIME ?? path.join(repoDir, '.runtime');
const chaincodesFile = process.env.CITY_LEDGER_CHAINCODES ?? path.join(repoDir, 'chaincode', 'chaincodes.yaml');
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
    const context = {
      consortium: loadConsortium(orgsDir),
      chaincodes: chaincodes(),
      layout: new RuntimeLayout(runtimeDir),
      profile: profileArg(profile),
      repoDir,
      orgsDir,
    };
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

process.exitCode = main(process.argv.slice(2));
