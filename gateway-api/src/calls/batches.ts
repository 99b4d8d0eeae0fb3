/**
 * Batch writes whose records each carry one private part (a parcel's `owner`, a permit's
 * `applicant`): the public parts go as the one JSON argument, the private parts, in the same
 * order, as one transient array, endorsed only by the orgs that may hold them.
 *
 * @example
 * ```ts
 * const tx = batchRequest(property, 'registerParcels', body, { field: 'owner', transientKey: 'owners', orgs: PrivateData.propertyOwners });
 * return transact(tx, (outcome) => submitted(200, outcome));
 * ```
 */
import type { TransactionRequest } from '../http/route';
import type { ContractCalls } from './contractCalls';

export interface PrivatePart {
  /** The field of each record that is private. */
  readonly field: string;
  /** The transient key carrying the private parts. */
  readonly transientKey: string;
  /** The orgs whose peers may receive them. */
  readonly orgs: readonly string[];
}

export function batchRequest(contract: ContractCalls, fn: string, records: readonly object[], part: PrivatePart): TransactionRequest {
  const publicParts: unknown[] = [];
  const privateParts: unknown[] = [];
  for (const record of records) {
    const { [part.field]: privatePart, ...publicPart } = record as Record<string, unknown>;
    publicParts.push(publicPart);
    privateParts.push(privatePart);
  }
  return contract.request(fn, [JSON.stringify(publicParts)], {
    transient: { [part.transientKey]: JSON.stringify(privateParts) },
    endorsingOrganizations: part.orgs,
  });
}
