import type { ConsortiumCollection, ConsortiumDescriptor } from '@city-ledger/domain';
import { loadChaincodes, type ChaincodeDeclaration } from './chaincodes';
import { resolveCollections } from './collections';
import { loadConsortium, type Consortium } from './consortium';
import type { OrgDeclaration } from './orgFile';

/**
 * The consortium descriptor a chaincode server runs with ($CITY_LEDGER_CONSORTIUM): every org's
 * MSP ID, name, role and remits, and the chaincodes' collections with their member MSP IDs,
 * generated from the org files and chaincode/chaincodes.yaml. Its bytes are part of the
 * chaincode's version (network/lib/chaincode.sh), so a changed consortium upgrades the chaincode.
 *
 * @example
 * const descriptor = consortiumDescriptor(loadConsortium('organizations'), [records]);
 * descriptor.orgs[0]; // { mspId: 'AuditorMSP', name: 'Auditor', role: 'regulator', remits: [] }
 */
export function consortiumDescriptor(
  consortium: Consortium,
  chaincodes: readonly ChaincodeDeclaration[],
  departed: readonly OrgDeclaration[] = [],
): ConsortiumDescriptor {
  const collections: Record<string, ConsortiumCollection> = {};
  for (const cc of chaincodes) {
    for (const c of resolveCollections(consortium, cc.collections, departed)) {
      const members = c.members.map((o) => o.mspId);
      collections[c.name] = c.department === undefined ? { members } : { members, department: c.department.mspId };
    }
  }
  return {
    orgs: consortium.orgs.map((o) => ({ mspId: o.mspId, name: o.name, role: o.role, remits: o.remits })),
    collections,
  };
}

/**
 * The descriptor of the org files in `orgsDir` and the chaincodes of `chaincodesFile`, for
 * tools outside the chaincode (the gateway) that must agree with it.
 */
export function loadConsortiumDescriptor(orgsDir: string, chaincodesFile: string): ConsortiumDescriptor {
  return consortiumDescriptor(loadConsortium(orgsDir), loadChaincodes(chaincodesFile));
}
