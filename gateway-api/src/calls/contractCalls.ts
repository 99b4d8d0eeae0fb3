/**
 * Calls to one contract, as route handlers of the common shapes: a read that evaluates one chaincode function and
 * answers its result, and a write that submits one through the request's `transact`.
 *
 * @example
 * ```ts
 * const permits = contractOf('records', 'permits');
 * handler: permits.evaluate('getPermit', ({ params }) => [params.id]),
 * handler: permits.submit('approvePermit', ({ params }) => [params.id]),
 * handler: ({ body, transact }) => transact(permits.request('applyForPermit', [json], { transient }), (o) => created(o, '/v1/permits/P-1')),
 * ```
 */
import type { SubmitOptions } from '../fabric/ledgerClient';
import { json, type RouteContext, type RouteResult, type TransactionRequest } from '../http/route';
import { submitted } from '../http/writeResults';

/** Default and chaincode-side bounds of a page. */
const DEFAULT_PAGE_SIZE = '20';

type Handler<P, B, Q> = (ctx: RouteContext<P, B, Q>) => Promise<RouteResult>;
type Args<P, B, Q> = (ctx: RouteContext<P, B, Q>) => readonly string[];

/** One contract of one chaincode, and handlers that call it. */
export interface ContractCalls {
  /** A read: evaluates `fn` and answers 200 with its JSON result; `guard` may refuse first (e.g. a private read). */
  evaluate<P, B, Q>(fn: string, args: Args<P, B, Q>, guard?: (ctx: RouteContext<P, B, Q>) => void): Handler<P, B, Q>;
  /** A write without private data: submits `fn` and answers 200 `{ txId, blockNumber, result }`. */
  submit<P, B, Q>(fn: string, args: Args<P, B, Q>): Handler<P, B, Q>;
  /** Evaluates `fn` as the caller and parses its JSON result, for handlers that use it further. */
  query(ctx: Pick<RouteContext<unknown, unknown, unknown>, 'principal' | 'ledger'>, fn: string, args: readonly string[]): Promise<unknown>;
  /** The transaction of `fn`, for handlers that add private data or answer otherwise. */
  request(fn: string, args: readonly string[], options?: SubmitOptions): TransactionRequest;
}

export function contractOf(chaincode: string, contract: string): ContractCalls {
  const request = (fn: string, args: readonly string[], options: SubmitOptions = {}): TransactionRequest => ({ chaincode, contract, fn, args, ...options });
  const query: ContractCalls['query'] = async ({ principal, ledger }, fn, args) => json(await ledger.evaluate(principal, chaincode, contract, fn, args));
  return {
    evaluate: (fn, args, guard) => async (ctx) => {
      guard?.(ctx);
      return { status: 200, body: await query(ctx, fn, args(ctx)) };
    },
    query,
    submit: (fn, args) => async (ctx) => ctx.transact(request(fn, args(ctx)), (outcome) => submitted(200, outcome)),
    request,
  };
}

/** The `pageSize, bookmark` arguments of a paginated chaincode query. */
export function pageArgs(query: { pageSize?: string; bookmark?: string }): [string, string] {
  return [query.pageSize ?? DEFAULT_PAGE_SIZE, query.bookmark ?? ''];
}

/** `/v1/parcels/P 1` → `/v1/parcels/P%201`: a Location for an object path. */
export function location(...segments: readonly string[]): string {
  return `/v1/${segments.map(encodeURIComponent).join('/')}`;
}
