/**
 * Records-specific access rules, composed from the common guards.
 *
 * Some functions are open to different roles in different orgs (a permit application comes
 * from a Registry clerk or a Public Works officer), so a rule is a set of grants: org -> roles.
 *
 * @example
 * ```ts
 * const caller = requireGrant(ctx, { [Msp.Registry]: [Role.Clerk], [Msp.PublicWorks]: [Role.Officer] });
 * requireCollectionReader(ctx, Collection.PropertyOwners);   // private reads: members only
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { requireMsp, requireRole, requireWriter, type Caller } from '@city-ledger/chaincode-common';
import { collectionMembers, type CollectionName } from './collections';

/** Roles allowed per MSP ID for one function. */
export type Grants = Readonly<Record<string, readonly string[]>>;

/**
 * Guard for a state-changing function: regulators are refused first, then the caller's org must
 * be one of the granted orgs and its role one of that org's granted roles. Throws FORBIDDEN.
 */
export function requireGrant(ctx: Context, grants: Grants): Caller {
  const caller = requireWriter(ctx, Object.keys(grants));
  requireRole(ctx, grants[caller.msp] as readonly string[]);
  return caller;
}

/** Guard for a private read: the caller's org must be a member of `collection` (FORBIDDEN otherwise). */
export function requireCollectionReader(ctx: Context, collection: CollectionName): string {
  return requireMsp(ctx, collectionMembers(collection));
}
