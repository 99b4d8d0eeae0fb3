import { isRemit, type RemitName } from '@city-ledger/domain';
import { departmentsHolding } from './collections';
import type { Consortium } from './consortium';

/** `'HealthMSP.peer'`, ... for every department, in the consortium's (file name) order. A regulator never counts. */
function departmentPeers(consortium: Consortium): string[] {
  return consortium.orgs.filter((o) => o.role === 'department').map((o) => `'${o.mspId}.peer'`);
}

/**
 * A majority of the departments' peers, e.g. `OutOf(2, 'HealthMSP.peer', ...)`:
 * the channel's default endorsement policy, and the policy for committing a
 * chaincode definition.
 */
export function departmentMajority(consortium: Consortium): string {
  const peers = departmentPeers(consortium);
  return `OutOf(${Math.floor(peers.length / 2) + 1}, ${peers.join(', ')})`;
}

/** Any one department's peer, e.g. `OR('HealthMSP.peer', 'PublicWorksMSP.peer', 'RegistryMSP.peer')`. */
export function anyDepartment(consortium: Consortium): string {
  return `OR(${departmentPeers(consortium).join(', ')})`;
}

/**
 * Endorsement policies a chaincode may name instead of spelling one out. They
 * follow the org files, so onboarding or offboarding a department changes them
 * (and with them the chaincode's version: network/deploy.sh upgrades it).
 *
 * @example
 * NAMED_POLICIES.anyDepartment(loadConsortium('organizations'));
 */
export const NAMED_POLICIES: Readonly<Record<string, (consortium: Consortium) => string>> = {
  anyDepartment,
  departmentMajority,
};

const REMIT_FORM = /^anyDepartmentWith\(([a-z, -]*)\)$/;

/** The remits named by an `anyDepartmentWith(a, b)` form, or undefined when `policy` is not one. */
function remitsOfForm(policy: string): RemitName[] | undefined {
  const listed = REMIT_FORM.exec(policy)?.[1]?.split(',').map((r) => r.trim());
  return listed && listed.length > 0 && listed.every(isRemit) ? listed : undefined;
}

/**
 * Any one peer of the departments holding one of `remits`, e.g. `OR('RegistryMSP.peer')` for
 * the records chaincode: a department onboarded with one of them endorses too.
 */
export function anyDepartmentWith(consortium: Consortium, remits: readonly RemitName[]): string {
  const orgs = departmentsHolding(consortium, remits);
  if (orgs.length === 0) throw new Error(`no department holds any of the remits ${remits.join(', ')}`);
  const ordered = consortium.orgs.filter((o) => orgs.includes(o));
  return `OR(${ordered.map((o) => `'${o.mspId}.peer'`).join(', ')})`;
}

/** The forms a chaincode's `endorsementPolicy` may take instead of a signature policy. */
export const POLICY_FORMS: readonly string[] = [...Object.keys(NAMED_POLICIES), 'anyDepartmentWith(<remit>, ...)'];

/** True when `policy` is a named policy or a valid `anyDepartmentWith(...)`. */
export function isPolicyForm(policy: string): boolean {
  return policy in NAMED_POLICIES || remitsOfForm(policy) !== undefined;
}

/** Resolves a form against the org files; a signature policy is returned as it is. */
export function resolvePolicy(consortium: Consortium, policy: string): string {
  const remits = remitsOfForm(policy);
  if (remits !== undefined) return anyDepartmentWith(consortium, remits);
  return NAMED_POLICIES[policy]?.(consortium) ?? policy;
}
