/**
 * Where permits live in world state. What a permit is (public state, inputs, the applicant's
 * private contact data) is declared once, in @city-ledger/domain (records/permits). The
 * applicant's contact data arrives in the transient field `applicant`, is kept in
 * `registryPublicWorksPermitApplicants` (Registry + Public Works, who process and inspect)
 * under the permit's key, and is purged by Fabric after the collection's blockToLive.
 *
 * @example
 * ```ts
 * const permit = await readJson<Permit>(ctx, permitKey(ctx, 'PM-1'), 'permit');
 * await putIndex(ctx, PERMIT_STATUS_INDEX, [permit.status, permit.id]);
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { keyFor } from '@city-ledger/chaincode-common';

export type { Permit, PermitApplicant } from '@city-ledger/domain';

/** Transient map key of the applicant's contact data. */
export const APPLICANT_TRANSIENT_KEY = 'applicant';
/** Transient map key of a batch's applicants (applyForPermits), one per permit, in order. */
export const APPLICANTS_TRANSIENT_KEY = 'applicants';

/** Index of permits by status: attributes `[status, permitId]`. */
export const PERMIT_STATUS_INDEX = 'permit~status';

/** World-state key of permit `id`. */
export function permitKey(ctx: Context, id: string): string {
  return keyFor(ctx, 'permit', id);
}
