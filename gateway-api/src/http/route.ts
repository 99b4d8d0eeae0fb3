/**
 * A route, declared once: method, path, documentation, schemas, roles and handler. The router
 * (router.ts) enforces it and the OpenAPI document (openapi.ts) describes it, from the same
 * declaration.
 *
 * @example
 * ```ts
 * export const getParcel = defineRoute({
 *   method: 'get', path: '/v1/parcels/:id', operationId: 'getParcel', tags: ['property'],
 *   summary: 'The public state of a parcel', params: IdParams, roles: ANY_ROLE, writes: false,
 *   response: { status: 200, description: 'The parcel', schema: Parcel },
 *   handler: async ({ params, principal, ledger }) =>
 *     ok(await ledger.evaluate(principal, 'records', 'property', 'getParcel', [params.id])),
 * });
 * ```
 */
import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal';
import type { LedgerClient, SubmitOutcome, TransactionRequest } from '../fabric/ledgerClient';

/** One transaction a write route asks for: which chaincode function, its arguments, private data. */
export type { TransactionRequest };

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Any authenticated principal may call the route (the chaincode still decides). */
export const ANY_ROLE: readonly string[] = [];

/** Turns a committed transaction into the route's answer. */
export type Respond = (outcome: SubmitOutcome) => RouteResult;

/**
 * What a handler receives: validated input, the caller, and the ledger.
 *
 * Reads call `ledger.evaluate`. Writes call `transact`, never `ledger.submit`: the request's
 * submit pipeline (sync or async, idempotency, conflict retries) runs the transaction as the
 * caller and calls `respond` with the committed outcome.
 */
export interface RouteContext<P, B, Q = Record<string, never>> {
  readonly params: P;
  readonly body: B;
  /** Validated query parameters (empty unless the route declares `query`). */
  readonly query: Q;
  /** MSP ID of this gateway's org, which every principal belongs to. */
  readonly mspId: string;
  readonly principal: Principal;
  readonly ledger: LedgerClient;
  readonly transact: (tx: TransactionRequest, respond: Respond) => Promise<RouteResult>;
  readonly log: Logger;
  /** The channel this gateway serves (system chaincodes take it as their first argument). */
  readonly channel: string;
}

/** What a handler answers with (always JSON). */
export interface RouteResult {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The type-erased route the router and the OpenAPI builder work with. */
export interface Route {
  readonly method: HttpMethod;
  /** Express-style path: `/v1/parcels/:id`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  /** Path parameters, all strings. */
  readonly params?: TObject;
  /** Query parameters, all strings (e.g. `pageSize`, `bookmark`). */
  readonly query?: TObject;
  /** JSON request body; when set, a body is required and must be `application/json`. */
  readonly body?: TSchema;
  readonly response: { readonly status: number; readonly description: string; readonly schema: TSchema };
  /** Roles allowed to call; {@link ANY_ROLE} for every authenticated principal. */
  readonly roles: readonly string[];
  /** True when the route submits a transaction: a read-only gateway refuses it with 403. */
  readonly writes: boolean;
  /**
   * True for a public read (a parcel's public record, verifying a credential, the budget): a
   * visitor without credentials may call it, as the gateway's public identity and within the
   * anonymous rate limit. Only for reads of public data; never with `writes`.
   */
  readonly anonymous?: boolean;
  readonly handler: (ctx: RouteContext<unknown, unknown, unknown>) => Promise<RouteResult>;
}

/** A route with typed params, body and query; the types come from the schemas. */
export type RouteDefinition<P extends TObject, B extends TSchema, Q extends TObject> = Omit<Route, 'params' | 'body' | 'query' | 'handler'> & {
  readonly params?: P;
  readonly body?: B;
  readonly query?: Q;
  readonly handler: (ctx: RouteContext<Static<P>, Static<B>, Static<Q>>) => Promise<RouteResult>;
};

/** Declares a route; the handler's `params`, `body` and `query` are typed from the schemas. */
export function defineRoute<P extends TObject = TObject, B extends TSchema = TSchema, Q extends TObject = TObject>(
  definition: RouteDefinition<P, B, Q>,
): Route {
  if (definition.anonymous === true && definition.writes) throw new Error(`${definition.operationId}: a route open to anonymous callers must not write`);
  return definition as unknown as Route;
}

/** A resource: the routes of one domain, mounted as one router. */
export interface Resource {
  readonly name: string;
  readonly description: string;
  readonly routes: readonly Route[];
}

const utf8 = new TextDecoder();

/** Parses a chaincode result (JSON bytes); an empty result is `null`. */
export function json(bytes: Uint8Array): unknown {
  const text = utf8.decode(bytes);
  return text === '' ? null : (JSON.parse(text) as unknown);
}
