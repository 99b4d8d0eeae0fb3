/**
 * Reads a record from another chaincode on the same channel (`invokeChaincode`), with the
 * caller's identity: the governance chaincode checks credentials in `identity` and procurement
 * records in `logistics` this way instead of trusting what the caller claims.
 *
 * @example
 * ```ts
 * const credential = await readFromChaincode(ctx, { chaincode: 'identity', fn: 'credentials:getCredential', kind: 'credential', id: 'CRED-1' });
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { failedPrecondition, notFound, parseChaincodeError } from '@city-ledger/domain';

/** What to read: `chaincode`'s evaluate function `fn(id)`, answering one `kind` record. */
export interface ChaincodeRead {
  readonly chaincode: string;
  readonly fn: string;
  readonly kind: string;
  readonly id: string;
}

/**
 * The record `fn(id)` answers, parsed as a JSON object whose `id` is `id`. NOT_FOUND when the
 * other chaincode says it does not exist; FAILED_PRECONDITION for any other failure or an
 * unreadable answer.
 */
export async function readFromChaincode<T extends { id: string }>(ctx: Context, read: ChaincodeRead): Promise<T> {
  const { chaincode, fn, kind, id } = read;
  let status: number;
  let message: string;
  let payload: Uint8Array | undefined;
  try {
    const response = await ctx.stub.invokeChaincode(chaincode, [fn, id], ctx.stub.getChannelID());
    ({ status, payload } = response);
    message = response.message ?? '';
  } catch (err) {
    status = 500;
    message = err instanceof Error ? err.message : String(err);
  }
  if (status !== 200) {
    if (parseChaincodeError(message)?.code === 'NOT_FOUND') throw notFound(kind, id);
    throw failedPrecondition(`${kind} ${id} could not be read from the ${chaincode} chaincode (status ${status})`);
  }
  const value = parseObject(payload);
  if (value?.['id'] !== id) {
    throw failedPrecondition(`${kind} ${id}: the ${chaincode} chaincode returned an unreadable ${kind}`);
  }
  return value as T;
}

function parseObject(payload: Uint8Array | undefined): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(payload ?? new Uint8Array()).toString('utf8')) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
