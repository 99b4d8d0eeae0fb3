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
