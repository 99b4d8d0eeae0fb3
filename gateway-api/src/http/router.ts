/**
 * Turns a {@link Resource}'s declared routes into one Express router. Each route runs, in order:
 * authentication (401), the read-only check for writes (403), the role check (403), the JSON
 * body parser (400/413/415), schema validation of params and body (400), for writes the
 * `Idempotency-Key` check (400/409/422, or the replayed answer), then the handler. Nothing
 * reaches the ledger before every check has passed. A write's `transact` goes to the
 * {@link WritePipeline}, with the request's `Prefer` and `Idempotency-Key`.
 *
 * @example
 * ```ts
 * app.use(resourceRouter(propertyResource, { ledger, submitter, readOnly, authenticate: authenticate([apiKeys]), bodyLimitBytes }));
 * ```
 */
import express, { type RequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import { hasRole, principalOf } from '../auth/authenticate';
import type { TSchema } from '@sinclair/typebox';
import { HttpProblem, Problems } from '../errors';
import type { LedgerClient } from '../fabric/ledgerClient';
import { sendAnswer } from './answer';
import type { Resource, Route, RouteResult } from './route';
import { schemaValidator } from '../validation';
import { beginWrite, REPLAYED } from './writeRequest';
import type { WritePipeline } from './writePipeline';

export interface RouterDeps {
  readonly ledger: LedgerClient;
  /** Runs write routes' transactions (sync/async, idempotency keys, conflict retries). */
  readonly submitter: WritePipeline;
  readonly readOnly: boolean;
  readonly authenticate: RequestHandler;
  /** For routes declared `anonymous`: a caller with no credentials reads as the public principal; unset, they need credentials too. */
  readonly authenticateOrAnonymous?: RequestHandler;
  readonly bodyLimitBytes: number;
  readonly logger: Logger;
  /** MSP ID of this gateway's org (routes use it to pick the caller's own collections). */
  readonly mspId: string;
  readonly channel: string;
}

export function resourceRouter(resource: Resource, deps: RouterDeps): Router {
  const router = express.Router();
  const parseJson = express.json({ limit: deps.bodyLimitBytes, strict: true });
  for (const route of resource.routes) {
    const caller = route.anonymous === true && deps.authenticateOrAnonymous ? deps.authenticateOrAnonymous : deps.authenticate;
    const chain: RequestHandler[] = [caller, guard(route, deps.readOnly)];
    if (route.body) chain.push(parseJson);
    chain.push(handle(route, deps));
    router[route.method](route.path, ...chain);
  }
  return router;
}

function guard(route: Route, readOnly: boolean): RequestHandler {
  return (req, _res, next) => {
    if (route.writes && readOnly) throw Problems.readOnly();
    const principal = principalOf(req);
    if (!hasRole(principal, route.roles)) {
      throw Problems.forbidden(`${route.operationId} needs one of the roles: ${route.roles.join(', ')}`);
    }
    next();
  };
}

function handle(route: Route, deps: RouterDeps): RequestHandler {
  const checkParams = route.params ? schemaValidator(route.params) : undefined;
  const checkQuery = route.query ? schemaValidator(route.query) : undefined;
  const checkBody = route.body ? schemaValidator(route.body) : undefined;
  return async (req, res) => {
    const params: unknown = { ...req.params };
    const paramProblems = checkParams?.(params, '/params');
    if (paramProblems) throw Problems.invalidArgument('the path is invalid', paramProblems);
    const query: unknown = checkQuery ? { ...(req.query as Record<string, unknown>) } : {};
    const queryProblems = checkQuery?.(query, '/query');
    if (queryProblems) throw Problems.invalidArgument('the query is invalid', queryProblems);

    let body: unknown = undefined;
    if (checkBody) {
      const kind = req.is('application/json');
      if (kind === null || req.get('content-length') === '0') throw Problems.invalidArgument('a JSON body is required');
      if (kind === false) throw Problems.unsupportedMediaType('send the body as application/json');
      body = req.body;
      requireWithinBatchBound(route.body, body);
      const bodyProblems = checkBody(body, '/body');
      if (bodyProblems) throw Problems.invalidArgument('the body does not match the schema', bodyProblems);
    }

    const principal = principalOf(req);
    const log = req.log ?? deps.logger;
    let result: RouteResult;
    if (route.writes) {
      const write = beginWrite(deps.submitter, {
        principal,
        log,
        method: req.method,
        path: req.originalUrl,
        body,
        prefer: req.get('prefer'),
        idempotencyKey: req.get('idempotency-key'),
        successStatus: route.response.status,
        // The request line (pino-http writes it with res.log); the pipeline's lines bind the txId themselves.
        bindLog: (bindings) => res.log?.setBindings?.(bindings),
      });
      if (write.replay) {
        sendAnswer(res, write.replay, REPLAYED);
        return;
      }
      try {
        result = await route.handler({ params, body, query, principal, mspId: deps.mspId, channel: deps.channel, ledger: deps.ledger, transact: write.transact, log });
      } catch (err) {
        write.failed(err);
        throw err;
      }
      write.succeeded(result);
    } else {
      result = await route.handler({ params, body, query, principal, mspId: deps.mspId, channel: deps.channel, ledger: deps.ledger, transact: readOnlyRoute(route), log });
    }
    for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
    res.status(result.status).json(result.body);
  };
}

/** A route not declared `writes` must not submit: the read-only guard would not have checked it. */
function readOnlyRoute(route: Route): () => never {
  return () => {
    throw new Error(`${route.operationId} is not declared writes: true, so it may not submit a transaction`);
  };
}

/** A batch body (an array schema with `maxItems`) over its bound: 413 `BATCH_TOO_LARGE`, before any record is checked. */
function requireWithinBatchBound(schema: TSchema | undefined, body: unknown): void {
  const maxItems = (schema as { maxItems?: unknown } | undefined)?.maxItems;
  if (Array.isArray(body) && typeof maxItems === 'number' && body.length > maxItems) {
    throw new HttpProblem('BATCH_TOO_LARGE', `a batch holds at most ${maxItems} records; this one has ${body.length}: split it`);
  }
}
