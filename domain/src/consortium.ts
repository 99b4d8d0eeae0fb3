/**
 * The consortium descriptor: who is in the consortium and what each org may do. The network
 * CLI generates it from the org files (network/src/descriptor.ts) into the runtime folder and
 * names it in each chaincode server's settings (chaincodeServer.ts; $CITY_LEDGER_CONSORTIUM
 * outside a chaincode host); its hash is part of each
 * chaincode's version, so a changed consortium is a chaincode upgrade that the departments
 * approve. The network tooling and the gateway read it too.
 *
 * @example
 * ```ts
 * const consortium = parseConsortiumDescriptor(readFileSync(file, 'utf8'), file);
 * departmentsWith(consortium, [Remit.Permits]);   // MSP IDs of the departments holding `permits`
 * ```
 */
import { isRemit, REMITS, type RemitName } from './remits';

/** The environment variable naming the descriptor file of a chaincode process outside a chaincode host. */
export const CONSORTIUM_ENV = 'CITY_LEDGER_CONSORTIUM';

/** One org: a department transacts under its remits; a regulator only reads. */
export interface ConsortiumOrg {
  readonly mspId: string;
  readonly name: string;
  readonly role: 'department' | 'regulator';
  readonly remits: readonly RemitName[];
}

/** One private data collection, with its member orgs resolved from remits. */
export interface ConsortiumCollection {
  readonly members: readonly string[];
  /** For a per-department collection (one per department), the department that owns it. */
  readonly department?: string;
}

export interface ConsortiumDescriptor {
  readonly orgs: readonly ConsortiumOrg[];
  /** Every chaincode's collections, by collection name (names are unique on the channel). */
  readonly collections: Readonly<Record<string, ConsortiumCollection>>;
}

/** A descriptor that cannot be used; the message names the file and the field. */
export class ConsortiumDescriptorError extends Error {
  constructor(source: string, field: string, problem: string) {
    super(`consortium descriptor ${source}: ${field} ${problem}`);
    this.name = 'ConsortiumDescriptorError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s !== '');

/** Parses and validates a descriptor; throws {@link ConsortiumDescriptorError}. */
export function parseConsortiumDescriptor(text: string, source: string): ConsortiumDescriptor {
  const fail = (field: string, problem: string): never => {
    throw new ConsortiumDescriptorError(source, field, problem);
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return fail('(document)', `is not JSON: ${(err as Error).message}`);
  }
  if (!isObject(doc) || !Array.isArray(doc.orgs) || !isObject(doc.collections)) {
    return fail('(document)', 'must be an object with "orgs" (a list) and "collections" (an object)');
  }
  const orgs = doc.orgs.map((o: unknown, i): ConsortiumOrg => {
    const at = `orgs[${i}]`;
    if (!isObject(o)) return fail(at, 'must be an object');
    if (typeof o.mspId !== 'string' || o.mspId === '') fail(`${at}.mspId`, 'must be an MSP ID');
    if (typeof o.name !== 'string' || o.name === '') fail(`${at}.name`, 'must be a name');
    if (o.role !== 'department' && o.role !== 'regulator') fail(`${at}.role`, 'must be "department" or "regulator"');
    if (!Array.isArray(o.remits) || !o.remits.every(isRemit)) fail(`${at}.remits`, `must be a list of ${REMITS.join(', ')}`);
    if (o.role === 'regulator' && (o.remits as unknown[]).length > 0) fail(`${at}.remits`, 'must be empty for a regulator');
    return { mspId: o.mspId as string, name: o.name as string, role: o.role as ConsortiumOrg['role'], remits: o.remits as RemitName[] };
  });
  const msps = orgs.map((o) => o.mspId);
  if (new Set(msps).size !== msps.length) fail('orgs', 'lists an MSP ID twice');
  if (!orgs.some((o) => o.role === 'department')) fail('orgs', 'has no department');
  const departments = orgs.filter((o) => o.role === 'department').map((o) => o.mspId);
  const collections: Record<string, ConsortiumCollection> = {};
  for (const [name, c] of Object.entries(doc.collections)) {
    const at = `collections.${name}`;
    if (!isObject(c) || !isStringList(c.members)) return fail(at, 'must be an object with "members" (a list of MSP IDs)');
    const outsider = c.members.find((m) => !departments.includes(m));
    if (outsider !== undefined) fail(`${at}.members`, `names ${outsider}, which is not a department`);
    if (c.department !== undefined && (typeof c.department !== 'string' || !departments.includes(c.department))) {
      fail(`${at}.department`, 'must be a department MSP ID');
    }
    collections[name] = c.department === undefined ? { members: c.members } : { members: c.members, department: c.department as string };
  }
  return { orgs, collections };
}

/** The departments' MSP IDs, in descriptor order. */
export function departmentMsps(consortium: ConsortiumDescriptor): string[] {
  return consortium.orgs.filter((o) => o.role === 'department').map((o) => o.mspId);
}

/** The regulators' MSP IDs. */
export function regulatorMsps(consortium: ConsortiumDescriptor): string[] {
  return consortium.orgs.filter((o) => o.role === 'regulator').map((o) => o.mspId);
}

/** The remits of `msp`; empty for a regulator or an org outside the consortium. */
export function remitsOf(consortium: ConsortiumDescriptor, msp: string): readonly RemitName[] {
  return consortium.orgs.find((o) => o.mspId === msp)?.remits ?? [];
}

/** Departments holding at least one of `remits`, in the order of `remits`, then descriptor order. */
export function departmentsWith(consortium: ConsortiumDescriptor, remits: readonly RemitName[]): string[] {
  const msps = remits.flatMap((r) => consortium.orgs.filter((o) => o.role === 'department' && o.remits.includes(r)).map((o) => o.mspId));
  return [...new Set(msps)];
}

/** Member MSP IDs of collection `name`; throws when the descriptor does not declare it. */
export function collectionMembers(consortium: ConsortiumDescriptor, name: string): readonly string[] {
  const collection = consortium.collections[name];
  if (collection === undefined) throw new Error(`collection ${name} is not in the consortium descriptor`);
  return collection.members;
}

/** The per-department collection owned by department `msp` among `names`, or undefined. */
export function departmentCollection(consortium: ConsortiumDescriptor, msp: string): string | undefined {
  return Object.entries(consortium.collections).find(([, c]) => c.department === msp)?.[0];
}

/** Throws unless the descriptor declares every collection in `names` (checked at start-up). */
export function requireCollectionsDeclared(consortium: ConsortiumDescriptor, names: readonly string[]): void {
  for (const name of names) collectionMembers(consortium, name);
}
