/**
 * Private data collections of the records chaincode. Their member orgs are declared by remit in
 * chaincode/chaincodes.yaml; the network generates collections_config.json and the consortium
 * descriptor from that one declaration, and the guards read membership from the descriptor.
 *
 * The Auditor (regulator) is a member of no collection: it never sees personal data.
 *
 * @example
 * ```ts
 * requireMsp(ctx, collectionMembersOf(Collection.PropertyOwners));   // FORBIDDEN for non-members
 * await putPrivateJson(ctx, Collection.PropertyOwners, key, owner);
 * ```
 */
import { activeConsortium, collectionMembers } from '@city-ledger/chaincode-common';

/** Collection names, as in chaincode/chaincodes.yaml. */
export const Collection = {
  /** Owners' personal data (name, address, contact), keyed by pseudonymous owner ID. */
  PropertyOwners: 'registryPropertyOwners',
  /** Birth and marriage certificates' personal data and salts. */
  VitalRecords: 'registryVitalRecords',
  /** Death certificates' personal data and salts (Registry and Health both register deaths). */
  DeathRecords: 'registryHealthDeathRecords',
  /** Cause and manner of death: medical data, kept apart from the certificate data. */
  DeathCauses: 'registryHealthDeathCauses',
  /** Permit applicants' contact data: needed only while a permit is processed, then purged. */
  PermitApplicants: 'registryPublicWorksPermitApplicants',
} as const;

/** One of the collection names. */
export type CollectionName = (typeof Collection)[keyof typeof Collection];

/** MSP IDs of the orgs that may read and write `collection`, from the consortium descriptor. */
export function collectionMembersOf(collection: CollectionName): readonly string[] {
  return collectionMembers(activeConsortium(), collection);
}
