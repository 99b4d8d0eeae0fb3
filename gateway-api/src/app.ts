/**
 * The Express app, built from its dependencies so tests can pass fakes:
 *
 * ```ts
 * const app = createApp({
 *   settings: { readOnly: false, bodyLimitBytes: 100 * 1024, orgName: 'Registry', mspId: 'RegistryMSP' },
 *   ledger,                          // a LedgerClient: FabricLedgerClient, or FakeLedgerClient in tests
 *   authenticators: [apiKeys],       // tried in order
 *   logger,
 * });
 * app.listen(8080);
 * ```
 *
 * With `events` (an {@link EventsDeps}), it also serves `GET /v1/events` (SSE) and, given a
 * subscription store and its dispatcher, the `/v1/subscriptions` routes.
 *
 * Middleware order: request ID and log → helmet → operations routes (open) → resource routes
 * (each: authenticate, read-only and role guards, body parser, validation, handler) → 404 →
 * the problem handler (errors.ts), the one place errors become HTTP answers.
 */
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { authenticate } from './auth/authenticate';
import type { Authenticator } from './auth/authenticator';
import type { AppSettings } from './config';
import { notFoundHandler, problemHandler } from './errors';
import type { LedgerClient } from './fabric/ledgerClient';
import { openApiDocument } from './http/openapi';
import type { Resource } from './http/route';
import { resourceRouter } from './http/router';
import { requestLogger } from './logger';
import type { EventSource } from './events/eventSource';
import type { SubscriptionStore } from './events/subscriptionStore';
import type { SubscriptionWatcher } from './events/webhookDispatcher';
import { RESOURCES } from './routes';
import { EVENTS_OPENAPI, EVENTS_PATH, eventsRouter } from './routes/events';
import { operationsRouter } from './routes/operations';
import { subscriptionsResource } from './routes/subscriptions';

export interface AppDeps {
  readonly settings: AppSettings;
  readonly ledger: LedgerClient;
  readonly authenticators: readonly Authenticator[];
  readonly logger: Logger;
  /** Defaults to every resource ({@link RESOURCES}). */
  readonly resources?: readonly Resource[];
  /** Chaincode events: the SSE stream, and webhook subscriptions when a store is given. */
  readonly events?: EventsDeps;
}

export interface EventsDeps {
  readonly source: EventSource;
  /** Chaincodes on the channel (chaincode/chaincodes.yaml), for filter validation. */
  readonly chaincodes: readonly string[];
  /** Webhook subscriptions: the store, and the dispatcher that delivers them. */
  readonly subscriptions?: { readonly store: SubscriptionStore; readonly dispatcher: SubscriptionWatcher };
  readonly heartbeatMs?: number;
}

export const API_VERSION = '0.1.0';

export function createApp(deps: AppDeps): Express {
  const events = deps.events;
  const resources = [
    ...(deps.resources ?? RESOURCES),
    ...(events?.subscriptions
      ? [subscriptionsResource({ store: events.subscriptions.store, watcher: events.subscriptions.dispatcher, chaincodes: events.chaincodes })]
      : []),
  ];
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestLogger(deps.logger));
  app.use(helmet());

  const openApi = openApiDocument(resources, {
    title: `City Ledger gateway (${deps.settings.orgName})`,
    version: API_VERSION,
    description: `HTTP gateway of ${deps.settings.mspId} to the City Ledger${deps.settings.readOnly ? ' (read-only)' : ''}.`,
  });
  if (events) (openApi.paths as Record<string, unknown>)[EVENTS_PATH] = EVENTS_OPENAPI;
  app.use(operationsRouter({ ledger: deps.ledger, openApi }));

  const routerDeps = {
    ledger: deps.ledger,
    readOnly: deps.settings.readOnly,
    authenticate: authenticate(deps.authenticators),
    bodyLimitBytes: deps.settings.bodyLimitBytes,
    logger: deps.logger,
  };
  if (events) app.use(eventsRouter({ ...events, authenticate: routerDeps.authenticate, logger: deps.logger }));
  for (const resource of resources) app.use(resourceRouter(resource, routerDeps));

  app.use(notFoundHandler);
  app.use(problemHandler(deps.logger));
  return app;
}
