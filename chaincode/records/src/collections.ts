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
import { RecordsCollection, type RecordsCollectionName } from '@city-ledger/domain';

/** Collection names, declared in @city-ledger/domain (records/collections). */
export const Collection = RecordsCollection;

/** One of the collection names. */
export type CollectionName = RecordsCollectionName;

/** MSP IDs of the orgs that may read and write `collection`, from the consortium descriptor. */
export function collectionMembersOf(collection: CollectionName): readonly string[] {
  return collectionMembers(activeConsortium(), collection);
}
