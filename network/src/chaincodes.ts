import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readCollections, type CollectionDeclaration } from './collections';
import type { Consortium } from './consortium';
import { OrgFileError } from './orgFile';
import type { OrgDeclaration } from './orgFile';
import { isPolicyForm, POLICY_FORMS, resolvePolicy } from './policies';

/** Chaincode servers of one org use ports base .. base + CHAINCODE_PORT_RANGE - 1. */
export const CHAINCODE_PORT_RANGE = 10;

/**
 * One chaincode, as declared in `chaincode/chaincodes.yaml`.
 *
 * @example
 * const [records] = loadChaincodes('chaincode/chaincodes.yaml');
 * chaincodeServerPort(registry, records); // 7070
 */
export interface ChaincodeDeclaration {
  readonly name: string;
  /** Workspace folder, relative to the repository root. */
  readonly path: string;
  readonly portOffset: number;
  /** A signature policy, or a form that follows the org files (see {@link POLICY_FORMS}). */
  readonly endorsementPolicy: string;
  /** Its private data collections (generated into collections_config.json). */
  readonly collections: readonly CollectionDeclaration[];
}

const NAME = /^[a-z][a-z0-9_-]{0,48}$/;

/** Reads and validates the chaincode declarations; errors name the file and the field. */
export function loadChaincodes(file: string): ChaincodeDeclaration[] {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new OrgFileError(file, '(document)', `cannot be read: ${(err as Error).message}`);
  }
  const list = (doc as { chaincodes?: unknown } | null)?.chaincodes;
  if (!Array.isArray(list) || list.length === 0) throw new OrgFileError(file, 'chaincodes', 'must be a non-empty list');
  const seenOffsets = new Set<number>();
  return list.map((item: Record<string, unknown>, i) => {
    const field = (f: string) => `chaincodes[${i}].${f}`;
    const { name, path: dir, portOffset, endorsementPolicy, collections } = item ?? {};
    if (typeof name !== 'string' || !NAME.test(name)) throw new OrgFileError(file, field('name'), 'must be a lower-case chaincode name');
    if (typeof dir !== 'string' || path.isAbsolute(dir) || dir.includes('..')) {
      throw new OrgFileError(file, field('path'), 'must be a folder inside the repository');
    }
    if (typeof portOffset !== 'number' || !Number.isInteger(portOffset) || portOffset < 0 || portOffset >= CHAINCODE_PORT_RANGE) {
      throw new OrgFileError(file, field('portOffset'), `must be an integer from 0 to ${CHAINCODE_PORT_RANGE - 1}`);
    }
    if (seenOffsets.has(portOffset)) throw new OrgFileError(file, field('portOffset'), 'is used by another chaincode');
    seenOffsets.add(portOffset);
    if (typeof endorsementPolicy !== 'string' || !(/^(AND|OR|OutOf)\(/.test(endorsementPolicy) || isPolicyForm(endorsementPolicy))) {
      throw new OrgFileError(
        file,
        field('endorsementPolicy'),
        `must be a signature policy such as "OR('RegistryMSP.peer')" or one of ${POLICY_FORMS.join(', ')}`,
      );
    }
    return { name, path: dir, portOffset, endorsementPolicy, collections: readCollections(file, field('collections'), collections) };
  });
}

/**
 * The chaincodes of several files, in order (the channel's file, then e.g. a benchmark's extra
 * one): a name or a port offset may be declared only once across them.
 *
 * @example
 * loadChaincodeFiles(['chaincode/chaincodes.yaml', 'bench/baseline-chaincode/chaincodes.yaml']);
 */
export function loadChaincodeFiles(files: readonly string[]): ChaincodeDeclaration[] {
  const all: ChaincodeDeclaration[] = [];
  for (const file of files) {
    loadChaincodes(file).forEach((cc, i) => {
      const clash = all.find((c) => c.name === cc.name || c.portOffset === cc.portOffset);
      if (clash) throw new OrgFileError(file, `chaincodes[${i}]`, `has the name or portOffset of chaincode ${clash.name}`);
      all.push(cc);
    });
  }
  return all;
}

/** Where an org's server for a chaincode listens (on the org's `chaincodeServerHost`). */
export function chaincodeServerPort(org: OrgDeclaration, chaincode: ChaincodeDeclaration): number {
  return org.chaincodeServerBasePort + chaincode.portOffset;
}

/**
 * The signature policy a chaincode is committed with: a named policy is
 * resolved against the org files, so a new department joins `anyDepartment`.
 *
 * @example
 * signaturePolicy(loadConsortium('organizations'), identity); // "OR('HealthMSP.peer', ...)"
 */
export function signaturePolicy(consortium: Consortium, chaincode: ChaincodeDeclaration): string {
  return resolvePolicy(consortium, chaincode.endorsementPolicy);
}

const regulatorIn = (consortium: Consortium, policy: string) =>
  consortium.orgs.find((o) => o.role === 'regulator' && policy.includes(`'${o.mspId}.`))?.mspId;

/** Refuses a chaincode endorsement policy that names a regulator org. */
export function checkPoliciesExcludeRegulators(consortium: Consortium, chaincodes: readonly ChaincodeDeclaration[], file: string): void {
  chaincodes.forEach((cc, i) => {
    const named = regulatorIn(consortium, signaturePolicy(consortium, cc));
    if (named) throw new OrgFileError(file, `chaincodes[${i}].endorsementPolicy`, `must not name the regulator ${named}`);
  });
}
