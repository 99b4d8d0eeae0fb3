/**
 * State keys of the energy chaincode, public and private.
 *
 * @example
 * ```ts
 * await readJson<MarketInterval>(ctx, intervalKey(ctx, 'INT-1'), 'interval');
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { keyFor } from '@city-ledger/chaincode-common';

/** Object type of credit entries (private): account, time, transaction. */
export const CREDIT_ENTRY = 'creditEntry';
/** Object type of carbon totals (public): year, department. */
export const CARBON_TOTALS = 'carbonTotals';

export const intervalKey = (ctx: Context, id: string) => keyFor(ctx, 'interval', id);
export const orderKey = (ctx: Context, intervalId: string, householdId: string) => keyFor(ctx, 'order', intervalId, householdId);
export const orderBookKey = (ctx: Context, intervalId: string) => keyFor(ctx, 'orderBook', intervalId);
export const accountKey = (ctx: Context, accountId: string) => keyFor(ctx, 'creditAccount', accountId);
export const reductionKey = (ctx: Context, id: string) => keyFor(ctx, 'reduction', id);
export const creditKey = (ctx: Context, id: string) => keyFor(ctx, 'carbonCredit', id);
export const totalsKey = (ctx: Context, year: number, department: string) => keyFor(ctx, CARBON_TOTALS, String(year), department);
