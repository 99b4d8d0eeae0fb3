/**
 * Private data collections of the identity chaincode: one per department, each holding the
 * personal data of the citizens THAT department registered. chaincode/chaincodes.yaml declares
 * them (`perDepartment`), so a department added with `org add` gets its own; the network
 * generates collections_config.json and the consortium descriptor from that declaration.
 *
 * The Auditor (regulator) is a member of no collection: it sees public state and the hashes
 * that Fabric keeps of private values, never the personal data itself.
 *
 * @example
 * ```ts
 * const collection = citizenCollectionOf(callerMsp(ctx));   // 'registryCitizens' for RegistryMSP
 * await putPrivateJson(ctx, collection, key, personalData);
 * ```
 */
import { activeConsortium, departmentCollection, departmentMsps } from '@city-ledger/chaincode-common';

/** The citizen collection owned by department `msp`, or undefined for other orgs (the Auditor). */
export function citizenCollectionOf(msp: string): string | undefined {
  return departmentCollection(activeConsortium(), msp);
}

/** True when `msp` is a member of `collection`. */
export function isCollectionMember(collection: string, msp: string): boolean {
  return (activeConsortium().collections[collection]?.members ?? []).includes(msp);
}

/** Throws unless every department has its citizen collection (checked when the server starts). */
export function requireCitizenCollections(): void {
  const consortium = activeConsortium();
  for (const msp of departmentMsps(consortium)) {
    if (departmentCollection(consortium, msp) === undefined) throw new Error(`the consortium descriptor gives ${msp} no citizen collection`);
  }
}
