/**
 * Turns a {@link Resource}'s declared routes into one Express router. Each route runs, in order:
 * authentication (401), the read-only check for writes (403), the role check (403), the JSON
 * body parser (400/413/415), schema validation of params and body (400), then the handler.
 * Nothing reaches the ledger before every check has passed.
 *
 * @example
 * ```ts
 * app.use(resourceRouter(propertyResource, { ledger, readOnly, authenticate: authenticate([apiKeys]), bodyLimitBytes }));
 * ```
 */
import express, { type RequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import { hasRole, principalOf } from '../auth/authenticate';
import { Problems } from '../errors';
import type { LedgerClient } from '../fabric/ledgerClient';
import type { Resource, Respond, Route, TransactionRequest } from './route';
import { schemaValidator } from './validation';

export interface RouterDeps {
  readonly ledger: LedgerClient;
  readonly readOnly: boolean;
  readonly authenticate: RequestHandler;
  readonly bodyLimitBytes: number;
  readonly logger: Logger;
  /** MSP ID of this gateway's org (routes use it to pick the caller's own collections). */
  readonly mspId: string;
}

export function resourceRouter(resource: Resource, deps: RouterDeps): Router {
  const router = express.Router();
  const parseJson = express.json({ limit: deps.bodyLimitBytes, strict: true });
  for (const route of resource.routes) {
    const chain: RequestHandler[] = [deps.authenticate, guard(route, deps.readOnly)];
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
      const bodyProblems = checkBody(body, '/body');
      if (bodyProblems) throw Problems.invalidArgument('the body does not match the schema', bodyProblems);
    }

    const principal = principalOf(req);
    const transact = async (tx: TransactionRequest, respond: Respond) => {
      const { chaincode, contract, fn, args, ...options } = tx;
      return respond(await deps.ledger.submit(principal, chaincode, contract, fn, args, options));
    };
    const result = await route.handler({ params, body, query, principal, mspId: deps.mspId, ledger: deps.ledger, transact, log: req.log ?? deps.logger });
    for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
    res.status(result.status).json(result.body);
  };
}
