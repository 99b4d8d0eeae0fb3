/**
 * Cross-chaincode permit check against the `records` chaincode.
 *
 * Records' permit state machine (chaincode/records/src/permits/permitLifecycle.ts) is
 * APPLIED -> UNDER_REVIEW -> APPROVED | REJECTED; APPROVED -> INSPECTION_PASSED -> CLOSED (a failed
 * inspection leaves it APPROVED). Building materials may be delivered only for a permit that
 * has been approved and is not closed: exactly the statuses in
 * {@link PERMIT_STATUSES_ALLOWING_MATERIALS}. Any status this chaincode does not know (e.g. one
 * added to records later) is refused until it is added here.
 *
 * The call is a read (`permits:getPermit`) on the same channel, made with the caller's identity;
 * its answer is JSON with at least `id` and `status`.
 *
 * @example
 * ```ts
 * const permit = await requirePermitAllowingMaterials(ctx, 'PRM-1');   // { id, status }
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { callChaincode, failedPrecondition, notFound, parseChaincodeError } from '@city-ledger/chaincode-common';
import type { PermitStatus } from '@city-ledger/domain';

/** Permit statuses (records chaincode) for which materials may be delivered. */
export const PERMIT_STATUSES_ALLOWING_MATERIALS: readonly string[] = ['APPROVED', 'INSPECTION_PASSED'] satisfies readonly PermitStatus[];
/** Name of the records chaincode on the channel. */
export const RECORDS_CHAINCODE = 'records';
/** Transaction that reads one permit in the records chaincode. */
export const GET_PERMIT_FUNCTION = 'permits:getPermit';

/** The part of records' permit that logistics relies on. */
export interface PermitRef {
  id: string;
  status: string;
}

/**
 * Reads permit `permitId` from `records` and requires a status from
 * {@link PERMIT_STATUSES_ALLOWING_MATERIALS}. NOT_FOUND when records says the permit does not
 * exist; FAILED_PRECONDITION for any other failure, an unreadable answer or a wrong status.
 */
export async function requirePermitAllowingMaterials(ctx: Context, permitId: string): Promise<PermitRef> {
  const answer = await callChaincode(ctx, RECORDS_CHAINCODE, [GET_PERMIT_FUNCTION, permitId]);
  if (answer.status !== 200) {
    if (parseChaincodeError(answer.message)?.code === 'NOT_FOUND') {
      throw notFound('permit', permitId);
    }
    throw failedPrecondition(`permit ${permitId} could not be read from the ${RECORDS_CHAINCODE} chaincode (status ${answer.status})`);
  }
  const permit = answer.json as Partial<PermitRef> | null | undefined;
  if (permit?.id !== permitId || typeof permit.status !== 'string') {
    throw failedPrecondition(`permit ${permitId}: the ${RECORDS_CHAINCODE} chaincode returned an unreadable permit`);
  }
  if (!PERMIT_STATUSES_ALLOWING_MATERIALS.includes(permit.status)) {
    throw failedPrecondition(
      `permit ${permitId} is ${permit.status}; materials need one of ${PERMIT_STATUSES_ALLOWING_MATERIALS.join(', ')}`,
    );
  }
  return { id: permit.id, status: permit.status };
}
