import { isRemit, REMITS, type RemitName } from '@city-ledger/domain';
import type { Consortium } from './consortium';
import { OrgFileError, type OrgDeclaration } from './orgFile';

/**
 * One private data collection, as declared in chaincode/chaincodes.yaml: its members by remit,
 * or one collection per department (`perDepartment`, named from the `{department}` template).
 *
 * @example
 * collectionsConfig(loadConsortium('organizations'), records.collections);
 * // [{ name: 'registryPropertyOwners', policy: "OR('RegistryMSP.member')", ... }]
 */
export interface CollectionDeclaration {
  readonly name: string;
  /** Member departments: those holding one of these remits. Empty for a per-department collection. */
  readonly members: readonly RemitName[];
  readonly perDepartment: boolean;
  readonly blockToLive: number;
  /** Overrides the default: every other member peer. */
  readonly maxPeerCount: number | undefined;
  /** Whether writes need a member peer's endorsement (the collection's own endorsement policy). */
  readonly memberEndorsement: boolean;
}

/** A resolved collection: name, member MSP IDs and, per department, its owner. */
export interface ResolvedCollection {
  readonly declaration: CollectionDeclaration;
  readonly name: string;
  readonly members: readonly OrgDeclaration[];
  readonly department: OrgDeclaration | undefined;
}

/** One entry of a generated collections_config.json, as `peer lifecycle` reads it. */
export interface CollectionConfigEntry {
  name: string;
  policy: string;
  requiredPeerCount: number;
  maxPeerCount: number;
  blockToLive: number;
  memberOnlyRead: boolean;
  memberOnlyWrite: boolean;
  endorsementPolicy?: { signaturePolicy: string };
}

const DEPARTMENT_PLACEHOLDER = '{department}';
const COLLECTION_NAME = /^[A-Za-z{][A-Za-z0-9{}-]{0,62}$/;

/** Reads `chaincodes[i].collections`; errors name the file and the field. */
export function readCollections(file: string, at: string, value: unknown): CollectionDeclaration[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OrgFileError(file, at, 'must be a list');
  const names = new Set<string>();
  return value.map((item: Record<string, unknown> | null, i) => {
    const field = (f: string) => `${at}[${i}].${f}`;
    const { name, members, perDepartment = false, blockToLive = 0, maxPeerCount, memberEndorsement = true, ...rest } = item ?? {};
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined) throw new OrgFileError(file, field(unknown), 'is not a known field');
    if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) throw new OrgFileError(file, field('name'), 'must be a collection name');
    if (names.has(name)) throw new OrgFileError(file, field('name'), 'is declared twice');
    names.add(name);
    if (typeof perDepartment !== 'boolean') throw new OrgFileError(file, field('perDepartment'), 'must be true or false');
    if (perDepartment !== name.includes(DEPARTMENT_PLACEHOLDER)) {
      throw new OrgFileError(file, field('name'), `must contain ${DEPARTMENT_PLACEHOLDER} exactly when perDepartment is true`);
    }
    const remits = members ?? [];
    if (!Array.isArray(remits) || !remits.every(isRemit) || (remits.length === 0) !== perDepartment) {
      throw new OrgFileError(file, field('members'), `must list remits (${REMITS.join(', ')}), unless perDepartment is true`);
    }
    if (typeof blockToLive !== 'number' || !Number.isInteger(blockToLive) || blockToLive < 0) {
      throw new OrgFileError(file, field('blockToLive'), 'must be a whole number of blocks (0: kept forever)');
    }
    if (maxPeerCount !== undefined && (typeof maxPeerCount !== 'number' || !Number.isInteger(maxPeerCount) || maxPeerCount < 0)) {
      throw new OrgFileError(file, field('maxPeerCount'), 'must be a whole number');
    }
    if (typeof memberEndorsement !== 'boolean') throw new OrgFileError(file, field('memberEndorsement'), 'must be true or false');
    return { name, members: remits, perDepartment, blockToLive, maxPeerCount: maxPeerCount as number | undefined, memberEndorsement };
  });
}

const departmentsOf = (consortium: Consortium) => consortium.orgs.filter((o) => o.role === 'department');
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Departments holding one of `remits`, in the order of `remits`, then file order (as the chaincode's `departmentsWith`). */
export function departmentsHolding(consortium: Consortium, remits: readonly RemitName[]): OrgDeclaration[] {
  return [...new Set(remits.flatMap((r) => departmentsOf(consortium).filter((o) => o.remits.includes(r))))];
}

/**
 * The collections of one declaration list against the org files: a per-department collection
 * once for every department. Throws when no department holds a collection's remits.
 *
 * Fabric never drops a collection from a chaincode definition, and refuses members outside the
 * channel: the collection of a department that left (`departed`, from the runtime's
 * removed-orgs/) stays, owned by no one (the chaincode writes to it no more), its members the
 * departments that remain.
 */
export function resolveCollections(
  consortium: Consortium,
  declarations: readonly CollectionDeclaration[],
  departed: readonly OrgDeclaration[] = [],
): ResolvedCollection[] {
  const nameFor = (declaration: CollectionDeclaration, org: OrgDeclaration) => declaration.name.replace(DEPARTMENT_PLACEHOLDER, lowerFirst(org.name));
  return declarations.flatMap((declaration) => {
    if (declaration.perDepartment) {
      const owned = departmentsOf(consortium).map((org): ResolvedCollection => ({ declaration, name: nameFor(declaration, org), members: [org], department: org }));
      const retired = departed
        .filter((org) => org.role === 'department' && !consortium.orgs.some((o) => o.mspId === org.mspId))
        .map((org): ResolvedCollection => ({ declaration, name: nameFor(declaration, org), members: departmentsOf(consortium), department: undefined }));
      return [...owned, ...retired];
    }
    const members = departmentsHolding(consortium, declaration.members);
    if (members.length === 0) {
      throw new Error(`collection ${declaration.name}: no department holds any of the remits ${declaration.members.join(', ')}`);
    }
    const resolved: ResolvedCollection = { declaration, name: declaration.name, members, department: undefined };
    return [resolved];
  });
}

const anyOf = (orgs: readonly OrgDeclaration[], role: string) => `OR(${orgs.map((o) => `'${o.mspId}.${role}'`).join(', ')})`;

/**
 * The collections_config.json of a chaincode. Data is disseminated to every other member peer,
 * and one copy is required where one peer down still leaves one.
 */
export function collectionsConfig(
  consortium: Consortium,
  declarations: readonly CollectionDeclaration[],
  departed: readonly OrgDeclaration[] = [],
): CollectionConfigEntry[] {
  return resolveCollections(consortium, declarations, departed).map(({ declaration, name, members }) => {
    const otherPeers = members.reduce((sum, org) => sum + org.peers.length, 0) - 1;
    const entry: CollectionConfigEntry = {
      name,
      policy: anyOf(members, 'member'),
      requiredPeerCount: Math.max(0, Math.min(1, otherPeers - 1)),
      maxPeerCount: declaration.maxPeerCount ?? otherPeers,
      blockToLive: declaration.blockToLive,
      memberOnlyRead: true,
      memberOnlyWrite: true,
    };
    if (declaration.memberEndorsement) entry.endorsementPolicy = { signaturePolicy: anyOf(members, 'peer') };
    return entry;
  });
}
