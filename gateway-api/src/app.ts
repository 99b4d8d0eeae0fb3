/**
 * The Express app, built from its dependencies so tests can pass fakes:
 *
 * ```ts
 * const app = createApp({
 *   settings: { readOnly: false, bodyLimitBytes: 100 * 1024, orgName: 'Registry', mspId: 'RegistryMSP' },
 *   ledger,                          // a LedgerClient: FabricLedgerClient, or FakeLedgerClient in tests
 *   authenticators: [apiKeys, jwt],  // tried in order
 *   submitter,                       // the write pipeline (http/writePipeline.ts), over the same ledger and the store
 *   logger,
 *   metrics,                         // optional: GatewayMetrics; times requests and ledger calls
 *   rateLimiter,                     // optional: RateLimiter, a budget per principal
 *   addressLimiter,                  // optional: RateLimiter, a budget per client address, before authentication
 * });
 * app.listen(8080);
 * ```
 *
 * With `events` (an {@link EventsDeps}), it also serves `GET /v1/events` (SSE) and, given a
 * subscription store and its dispatcher, the `/v1/subscriptions` routes.
 *
 * Middleware order: metrics timer → request ID and log → helmet → operations routes, `/docs`
 * and the console under `/console/` (open) → resource routes (each: authenticate, rate limit, read-only and role guards,
 * body parser, validation, handler) → 404 → the problem handler (errors.ts), the one place
 * errors become HTTP answers.
 */
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { authenticate, authenticateOrAnonymous, principalOf } from './auth/authenticate';
import type { Principal } from './auth/principal';
import type { Authenticator } from './auth/authenticator';
import { notFoundHandler, problemHandler } from './errors';
import type { LedgerClient } from './fabric/ledgerClient';
import { consoleRouter } from './http/console';
import { docsRouter } from './http/docs';
import { openApiDocument } from './http/openapi';
import { clientAddress, type RateLimiter } from './http/rateLimit';
import type { Resource } from './http/route';
import { resourceRouter } from './http/router';
import type { WritePipeline } from './http/writePipeline';
import { requestLogger } from './logger';
import { InstrumentedLedgerClient } from './metrics/instrumentedLedger';
import type { GatewayMetrics } from './metrics/metrics';
import type { EventSource } from './events/eventSource';
import type { SubscriptionStore } from './events/subscriptionStore';
import type { SubscriptionWatcher } from './events/webhookDispatcher';
import type { WebhookTargets } from './events/webhookTargets';
import { RESOURCES } from './routes';
import { EVENTS_OPENAPI, EVENTS_PATH, eventsRouter } from './routes/events';
import { operationsRouter } from './routes/operations';
import { transactionsResource } from './routes/transactions';
import { subscriptionsResource } from './routes/subscriptions';

/** The settings the HTTP app itself needs; tests build the app from these alone. */
export interface AppSettings {
  /** True for a regulator: every write route answers 403. */
  readonly readOnly: boolean;
  readonly bodyLimitBytes: number;
  readonly orgName: string;
  readonly mspId: string;
  /** The channel (default `city`); the ledger routes pass it to the system chaincodes. */
  readonly channel?: string;
  /**
   * The Fabric identity public reads (routes declared `anonymous`) evaluate as, for visitors
   * without credentials. Unset: every route needs credentials.
   */
  readonly publicUser?: string;
  /** Where the built console is (console/dist); unset, `/console/` is not served. */
  readonly consoleDir?: string;
}

export interface AppDeps {
  readonly settings: AppSettings;
  readonly ledger: LedgerClient;
  readonly authenticators: readonly Authenticator[];
  /** Runs write routes' transactions; its jobs back `/v1/transactions`. */
  readonly submitter: WritePipeline;
  readonly logger: Logger;
  /** Defaults to every resource ({@link RESOURCES}). */
  readonly resources?: readonly Resource[];
  /** When set, requests and ledger calls are timed into it (served by metricsApp, not here). */
  readonly metrics?: GatewayMetrics;
  /** When set, each principal's requests are limited (after authentication). */
  readonly rateLimiter?: RateLimiter;
  /** When set, each client address's requests are limited before authentication. */
  readonly addressLimiter?: RateLimiter;
  /** When set, anonymous callers of public reads are limited per client address (their own budget). */
  readonly publicLimiter?: RateLimiter;
  /** Chaincode events: the SSE stream, and webhook subscriptions when a store is given. */
  readonly events?: EventsDeps;
  /** Clock (ms) for time-based caches; injectable for tests. */
  readonly now?: () => number;
}

export interface EventsDeps {
  readonly source: EventSource;
  /** Chaincodes on the channel (chaincode/chaincodes.yaml), for filter validation. */
  readonly chaincodes: readonly string[];
  /** Webhook subscriptions: the store, and the dispatcher that delivers them. */
  readonly subscriptions?: { readonly store: SubscriptionStore; readonly dispatcher: SubscriptionWatcher; readonly targets?: WebhookTargets };
  readonly heartbeatMs?: number;
  /** Open event streams per principal (default 8); one more answers 429. */
  readonly maxStreamsPerPrincipal?: number;
}

export const API_VERSION = '0.1.0';

export function createApp(deps: AppDeps): Express {
  const events = deps.events;
  const resources = [
    ...(deps.resources ?? RESOURCES),
    transactionsResource(deps.submitter.jobs),
    ...(events?.subscriptions
      ? [subscriptionsResource({ store: events.subscriptions.store, watcher: events.subscriptions.dispatcher, chaincodes: events.chaincodes, targets: events.subscriptions.targets })]
      : []),
  ];
  const ledger = deps.metrics ? new InstrumentedLedgerClient(deps.ledger, deps.metrics) : deps.ledger;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (deps.metrics) app.use(deps.metrics.httpMiddleware());
  app.use(requestLogger(deps.logger));
  app.use(helmet());

  const openApi = openApiDocument(resources, {
    title: `City Ledger gateway (${deps.settings.orgName})`,
    version: API_VERSION,
    description: `HTTP gateway of ${deps.settings.mspId} to the City Ledger${deps.settings.readOnly ? ' (read-only)' : ''}.`,
  });
  if (events) (openApi.paths as Record<string, unknown>)[EVENTS_PATH] = EVENTS_OPENAPI;
  app.use(operationsRouter({ ledger, openApi, now: deps.now }));
  app.use(docsRouter());
  if (deps.settings.consoleDir !== undefined) app.use(consoleRouter(deps.settings.consoleDir));

  // One handler for the routers: who is calling, then whether their budget allows it.
  const caller = express.Router();
  if (deps.addressLimiter) caller.use(deps.addressLimiter.middleware(clientAddress));
  caller.use(authenticate(deps.authenticators));
  if (deps.rateLimiter) caller.use(deps.rateLimiter.middleware());

  // Public reads: the same, but a visitor without credentials is the anonymous principal,
  // whose budget is per address and its own.
  const publicUser = deps.settings.publicUser;
  let publicCaller: express.Router | undefined;
  if (publicUser !== undefined) {
    const anonymous: Principal = { id: 'anonymous', user: publicUser, roles: [], via: 'anonymous' };
    publicCaller = express.Router();
    if (deps.addressLimiter) publicCaller.use(deps.addressLimiter.middleware(clientAddress));
    publicCaller.use(authenticateOrAnonymous(deps.authenticators, anonymous));
    const limiter = deps.rateLimiter?.middleware();
    const publicLimiter = deps.publicLimiter?.middleware(clientAddress);
    publicCaller.use((req, res, next) => {
      const chosen = principalOf(req).via === 'anonymous' ? publicLimiter : limiter;
      if (chosen) chosen(req, res, next);
      else next();
    });
  }

  const routerDeps = {
    ledger,
    authenticateOrAnonymous: publicCaller,
    channel: deps.settings.channel ?? 'city',
    submitter: deps.submitter,
    readOnly: deps.settings.readOnly,
    authenticate: caller,
    bodyLimitBytes: deps.settings.bodyLimitBytes,
    logger: deps.logger,
    mspId: deps.settings.mspId,
  };
  if (events) app.use(eventsRouter({ ...events, authenticate: routerDeps.authenticate, logger: deps.logger }));
  for (const resource of resources) app.use(resourceRouter(resource, routerDeps));

  app.use(notFoundHandler);
  app.use(problemHandler(deps.logger));
  return app;
}
