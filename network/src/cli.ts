#!/usr/bin/env node
/**
 * The network scripts' only window onto organizations/*.yaml. It validates the
 * org files and prints what a script needs as tab-separated lines, so Bash
 * never parses YAML and every value is declared once, in the org file.
 *
 *   node network/dist/cli.js validate
 *   node network/dist/cli.js orgs
 *   node network/dist/cli.js nodes raft
 *   node network/dist/cli.js users registry
 *   node network/dist/cli.js configtx raft .runtime/channel/configtx.yaml
 *   node network/dist/cli.js locked-dependencies chaincode/records
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chaincodeServerPort, checkCollectionsExcludeRegulators, checkPoliciesExcludeRegulators, loadChaincodes, signaturePolicy } from './chaincodes';
import { configtxYaml, PROFILE_NAMES } from './configtx';
import { consenters, findOrg, loadConsortium } from './consortium';
import { RuntimeLayout } from './layout';
import { lockedDependencies, readLock } from './lockedDependencies';
import { ORDERING_PROFILES, OrderingProfile, OrgFileError } from './orgFile';

const repoDir = path.resolve(__dirname, '..', '..');
const orgsDir = process.env.CITY_LEDGER_ORGS ?? path.join(repoDir, 'organizations');
const runtimeDir = process.env.CITY_LEDGER_RUNTIME ?? path.join(repoDir, '.runtime');
const chaincodesFile = path.join(repoDir, 'chaincode', 'chaincodes.yaml');

function chaincodes() {
  const declared = loadChaincodes(chaincodesFile);
  const consortium = loadConsortium(orgsDir);
  checkPoliciesExcludeRegulators(consortium, declared, chaincodesFile);
  for (const cc of declared) checkCollectionsExcludeRegulators(consortium, path.join(repoDir, cc.path, 'collections_config.json'));
  return declared;
}

const row = (...cells: (string | number)[]) => cells.join('\t');

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
  /** name path signaturePolicy (named policies resolved against the org files) */
  chaincodes: () => {
    const consortium = loadConsortium(orgsDir);
    return chaincodes().map((c) => row(c.name, c.path, signaturePolicy(consortium, c)));
  },
  /** org chaincode port — every org's server for every chaincode */
  'chaincode-servers': () => {
    const declared = chaincodes();
    return loadConsortium(orgsDir).orgs.flatMap((o) => declared.map((c) => row(o.key, c.name, chaincodeServerPort(o, c))));
  },
  /** key mspId role domain caPort caOpsPort tlsCaPort tlsCaOpsPort gatewayPort */
  orgs: () =>
    loadConsortium(orgsDir).orgs.map((o) =>
      row(o.key, o.mspId, o.role, o.domain, o.ca.port, o.ca.operationsPort, o.tlsCa.port, o.tlsCa.operationsPort, o.gatewayPort),
    ),
  /** kind org name port secondPort operationsPort anchor — orderers of the profile, then every peer. */
  nodes: ([profile]) => {
    const consortium = loadConsortium(orgsDir);
    const members = consenters(consortium, profileArg(profile));
    const orderers = members.map(({ org, name }) => {
      const o = org.orderers.find((x) => x.name === name);
      if (!o) throw new Error(`orderer ${name} vanished from ${org.file}`);
      return row('orderer', org.key, o.name, o.port, o.adminPort, o.operationsPort, 0);
    });
    const peers = consortium.orgs.flatMap((org) =>
      org.peers.map((p) => row('peer', org.key, p.name, p.port, p.chaincodePort, p.operationsPort, p.anchor ? 1 : 0)),
    );
    return [...orderers, ...peers];
  },
  /** every declared orderer, whatever the profile: kind org name port adminPort operationsPort */
  'all-orderers': () =>
    loadConsortium(orgsDir).orgs.flatMap((org) =>
      org.orderers.map((o) => row('orderer', org.key, o.name, o.port, o.adminPort, o.operationsPort)),
    ),
  /** name role */
  users: ([key]) => findOrg(loadConsortium(orgsDir), key ?? '').users.map((u) => row(u.name, u.role)),
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
