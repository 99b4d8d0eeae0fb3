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
 * (a test deploys an extra chaincode on the running network with it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkCollectionsExcludeRegulators, checkPoliciesExcludeRegulators, loadChaincodes } from './chaincodes';
import { configtxYaml, PROFILE_NAMES } from './configtx';
import { loadConsortium } from './consortium';
import { RuntimeLayout } from './layout';
import { lockedDependencies, readLock } from './lockedDependencies';
import { ORDERING_PROFILES, OrderingProfile, OrgFileError } from './orgFile';
import { runtimeFiles, writeRuntimeFiles } from './runtimeFiles';
import { chaincodeDeclarations, consortiumDeclarations } from './shellDeclarations';

const repoDir = path.resolve(__dirname, '..', '..');
const orgsDir = process.env.CITY_LEDGER_ORGS ?? path.join(repoDir, 'organizations');
const runtimeDir = process.env.CITY_LEDGER_RUNTIME ?? path.join(repoDir, '.runtime');
const chaincodesFile = process.env.CITY_LEDGER_CHAINCODES ?? path.join(repoDir, 'chaincode', 'chaincodes.yaml');

function chaincodes() {
  const declared = loadChaincodes(chaincodesFile);
  const consortium = loadConsortium(orgsDir);
  checkPoliciesExcludeRegulators(consortium, declared, chaincodesFile);
  for (const cc of declared) checkCollectionsExcludeRegulators(consortium, path.join(repoDir, cc.path, 'collections_config.json'));
  return declared;
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
      ...chaincodes().map((c) => `ok ${chaincodesFile}: chaincode ${c.name}`),
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
