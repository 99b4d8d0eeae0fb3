/**
 * Records-specific access rules: the private-read guard. Writes are granted by remit with
 * `requireGrant` from the common library.
 *
 * @example
 * ```ts
 * const caller = requireGrant(ctx, { [Remit.Permits]: [Role.Clerk], [Remit.Works]: [Role.Officer] });
 * requireCollectionReader(ctx, Collection.PropertyOwners);   // private reads: members only
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { requireMsp } from '@city-ledger/chaincode-common';
import { collectionMembersOf, type CollectionName } from './collections';

/** Guard for a private read: the caller's org must be a member of `collection` (FORBIDDEN otherwise). */
export function requireCollectionReader(ctx: Context, collection: CollectionName): string {
  return requireMsp(ctx, collectionMembersOf(collection));
}
