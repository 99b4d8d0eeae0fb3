/**
 * The procurement record a contract may name: a building-material delivery in the `logistics`
 * chaincode (`materials:getDelivery`), read there with the caller's identity.
 *
 * @example
 * ```ts
 * await requireProcurementRecord(ctx, 'D-1');   // NOT_FOUND when logistics does not know it
 * ```
 */
import { readFromChaincode } from '@city-ledger/chaincode-common';
import type { Context } from 'fabric-contract-api';

export const LOGISTICS_CHAINCODE = 'logistics';
export const GET_DELIVERY_FUNCTION = 'materials:getDelivery';

/** Requires the procurement record `id` to exist in logistics (NOT_FOUND, FAILED_PRECONDITION). */
export async function requireProcurementRecord(ctx: Context, id: string): Promise<void> {
  await readFromChaincode(ctx, { chaincode: LOGISTICS_CHAINCODE, fn: GET_DELIVERY_FUNCTION, kind: 'procurement record', id });
}
