/**
 * Reads from another chaincode on the same channel (`invokeChaincode`, with the caller's
 * identity), so that a chaincode checks what another one records instead of trusting what the
 * caller claims: governance reads credentials in `identity` and procurement records in
 * `logistics`; logistics reads permits in `records` and loggers in `devices`; energy reads
 * meters and their readings in `devices`.
 *
 * fabric-shim throws for an ERROR answer, and a peer may answer without a message or payload;
 * {@link callChaincode} folds every outcome into one shape, and the two readers map it to the
 * calling chaincode's coded errors.
 *
 * @example
 * ```ts
 * const credential = await readFromChaincode(ctx, { chaincode: 'identity', fn: 'credentials:getCredential', kind: 'credential', id: 'CRED-1' });
 * const readings = await queryChaincode(ctx, { chaincode: 'devices', args: ['readings:getReadings', 'MTR-1', from, to], kind: 'meter', id: 'MTR-1' });
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { failedPrecondition, notFound, parseChaincodeError } from '@city-ledger/domain';

/** What another chaincode answered. */
export interface ChaincodeAnswer {
  /** 200 on success; 500 when the call itself threw. */
  readonly status: number;
  readonly message: string;
  /** The payload parsed as JSON; undefined when it is empty or not JSON. */
  readonly json: unknown;
}

/** Calls `name` with `args` on this channel; never throws. */
export async function callChaincode(ctx: Context, name: string, args: string[]): Promise<ChaincodeAnswer> {
  try {
    const response = await ctx.stub.invokeChaincode(name, args, ctx.stub.getChannelID());
    return { status: response.status, message: response.message ?? '', json: parseJson(response.payload) };
  } catch (err) {
    return { status: 500, message: err instanceof Error ? err.message : String(err), json: undefined };
  }
}

/** A query of `chaincode` with `args`, about the `kind` record `id` (named in errors). */
export interface ChaincodeQuery {
  readonly chaincode: string;
  readonly args: string[];
  readonly kind: string;
  readonly id: string;
}

/**
 * What the query answers, as JSON. NOT_FOUND (`kind id`) when the other chaincode says NOT_FOUND;
 * FAILED_PRECONDITION for any other failure.
 */
export async function queryChaincode(ctx: Context, query: ChaincodeQuery): Promise<unknown> {
  const { chaincode, args, kind, id } = query;
  const answer = await callChaincode(ctx, chaincode, args);
  if (answer.status !== 200) {
    if (parseChaincodeError(answer.message)?.code === 'NOT_FOUND') throw notFound(kind, id);
    throw failedPrecondition(`${kind} ${id} could not be read from the ${chaincode} chaincode (status ${answer.status})`);
  }
  return answer.json;
}

/** What to read: `chaincode`'s evaluate function `fn(id)`, answering one `kind` record. */
export interface ChaincodeRead {
  readonly chaincode: string;
  readonly fn: string;
  readonly kind: string;
  readonly id: string;
}

/**
 * The record `fn(id)` answers, a JSON object whose `id` is `id`. Errors as {@link queryChaincode},
 * and FAILED_PRECONDITION for an unreadable answer.
 */
export async function readFromChaincode<T extends { id: string }>(ctx: Context, read: ChaincodeRead): Promise<T> {
  const { chaincode, fn, kind, id } = read;
  const value = await queryChaincode(ctx, { chaincode, args: [fn, id], kind, id });
  if (value === null || typeof value !== 'object' || Array.isArray(value) || (value as { id?: unknown }).id !== id) {
    throw failedPrecondition(`${kind} ${id}: the ${chaincode} chaincode returned an unreadable ${kind}`);
  }
  return value as T;
}

function parseJson(payload: Uint8Array | undefined): unknown {
  try {
    return JSON.parse(Buffer.from(payload ?? new Uint8Array()).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
