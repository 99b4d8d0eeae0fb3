/**
 * Private data collections of the records chaincode: the single source of truth for their
 * names and member orgs. The chaincode's private-read guards use {@link collectionMembers},
 * and a unit test checks `collections_config.json` against this module, so the deployed
 * collection policies and the guards cannot drift apart.
 *
 * The Auditor (regulator) is a member of no collection: it never sees personal data.
 *
 * @example
 * ```ts
 * requireMsp(ctx, collectionMembers(Collection.PropertyOwners));   // FORBIDDEN for non-members
 * await putPrivateJson(ctx, Collection.PropertyOwners, key, owner);
 * ```
 */
import { Msp } from '@city-ledger/chaincode-common';

/** Collection names, as in collections_config.json. */
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

/** What the chaincode relies on for one collection. */
export interface CollectionSpec {
  /** Orgs whose clients may read and write (memberOnlyRead / memberOnlyWrite). */
  readonly members: readonly string[];
  /** Blocks after which Fabric purges the data; 0 keeps it forever. */
  readonly blockToLive: number;
}

/**
 * Membership and retention per collection (see the README for the reasons). Permit contact
 * data is purged after 250,000 blocks; legal records are kept.
 */
export const COLLECTION_SPECS: Readonly<Record<CollectionName, CollectionSpec>> = {
  [Collection.PropertyOwners]: { members: [Msp.Registry], blockToLive: 0 },
  [Collection.VitalRecords]: { members: [Msp.Registry], blockToLive: 0 },
  [Collection.DeathRecords]: { members: [Msp.Registry, Msp.Health], blockToLive: 0 },
  [Collection.DeathCauses]: { members: [Msp.Registry, Msp.Health], blockToLive: 0 },
  [Collection.PermitApplicants]: { members: [Msp.Registry, Msp.PublicWorks], blockToLive: 250_000 },
};

/** MSP IDs of the orgs that may read and write `collection`. */
export function collectionMembers(collection: CollectionName): readonly string[] {
  return COLLECTION_SPECS[collection].members;
}
