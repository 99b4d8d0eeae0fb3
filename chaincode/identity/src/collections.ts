/**
 * Private data collections of the identity chaincode: one per department, each holding the
 * personal data of the citizens THAT department registered. `collections_config.json` (next to
 * package.json) must declare exactly these names; a unit test checks it.
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
import { Msp } from '@city-ledger/chaincode-common';

/** Collection names, one per department. */
export const CitizenCollection = {
  Registry: 'registryCitizens',
  Health: 'healthCitizens',
  PublicWorks: 'publicWorksCitizens',
} as const;

/** Member MSPs of each collection (mirrors the `policy` of collections_config.json). */
export const COLLECTION_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  [CitizenCollection.Registry]: [Msp.Registry],
  [CitizenCollection.Health]: [Msp.Health],
  [CitizenCollection.PublicWorks]: [Msp.PublicWorks],
};

const COLLECTION_OF_MSP: Readonly<Record<string, string>> = {
  [Msp.Registry]: CitizenCollection.Registry,
  [Msp.Health]: CitizenCollection.Health,
  [Msp.PublicWorks]: CitizenCollection.PublicWorks,
};

/** The citizen collection owned by department `msp`, or undefined for other orgs (the Auditor). */
export function citizenCollectionOf(msp: string): string | undefined {
  return COLLECTION_OF_MSP[msp];
}

/** True when `msp` is a member of `collection`. */
export function isCollectionMember(collection: string, msp: string): boolean {
  return (COLLECTION_MEMBERS[collection] ?? []).includes(msp);
}
