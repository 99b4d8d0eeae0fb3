/**
 * Reads from another chaincode on the same channel (`invokeChaincode`, with the caller's
 * identity). fabric-shim throws for an ERROR answer, and a peer may answer without a message
 * or payload; this folds every outcome into one shape the caller maps to its own errors.
 *
 * @example
 * ```ts
 * const answer = await callChaincode(ctx, 'records', ['permits:getPermit', 'PRM-1']);
 * if (answer.status !== 200 && parseChaincodeError(answer.message)?.code === 'NOT_FOUND') throw notFound('permit', 'PRM-1');
 * const permit = answer.json;   // undefined when the payload is not JSON
 * ```
 */
import type { Context } from 'fabric-contract-api';

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

function parseJson(payload: Uint8Array | undefined): unknown {
  try {
    return JSON.parse(Buffer.from(payload ?? new Uint8Array()).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
