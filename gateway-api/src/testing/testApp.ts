/**
 * Builds the app with fakes for route tests: a {@link FakeLedgerClient}, a silent logger and
 * API keys for one principal per role.
 *
 * @example
 * ```ts
 * const { app, ledger } = testApp();
 * await request(app).get('/v1/parcels/P-1').set(KEYS.clerk).expect(200);
 * const restarted = testApp({}, { database: openDatabase(file), ledger });   // same store and network
 * ```
 */
import { DatabaseSync } from 'node:sqlite';
import type { Express } from 'express';
import pino, { type Logger } from 'pino';
import { createApp, type AppDeps, type AppSettings } from '../app';
import { ApiKeyAuthenticator } from '../auth/apiKeys';
import { DEFAULT_WRITE_SETTINGS, WritePipeline, type WritePipelineOptions, type WriteSettings } from '../http/writePipeline';
import { InstrumentedLedgerClient } from '../metrics/instrumentedLedger';
import { FakeLedgerClient } from './fakeLedgerClient';

/** Headers carrying a valid API key of each test principal. */
export const KEYS = {
  clerk: { 'X-Api-Key': 'clerk-key' },
  registrar: { 'X-Api-Key': 'registrar-key' },
  auditor: { 'X-Api-Key': 'auditor-key' },
  inspector: { 'X-Api-Key': 'inspector-key' },
  officer: { 'X-Api-Key': 'officer-key' },
} as const;

export const TEST_PRINCIPALS = {
  'clerk-key': { principal: 'tax-system', user: 'clerk1', roles: ['clerk'] },
  'registrar-key': { principal: 'registrar-desk', user: 'registrar1', roles: ['registrar'] },
  'auditor-key': { principal: 'audit-office', user: 'auditor1', roles: ['auditor'] },
  'inspector-key': { principal: 'inspection-app', user: 'inspector1', roles: ['inspector'] },
  'officer-key': { principal: 'field-office', user: 'officer1', roles: ['officer'] },
};

export interface TestApp {
  readonly app: Express;
  readonly ledger: FakeLedgerClient;
  readonly submitter: WritePipeline;
  readonly database: DatabaseSync;
}

/** The API keys of {@link TEST_PRINCIPALS}. */
export function testApiKeys(): ApiKeyAuthenticator {
  return ApiKeyAuthenticator.fromPlainKeys(TEST_PRINCIPALS);
}

/** What a test may replace: the app's optional parts (e.g. `authenticators: [testApiKeys(), jwt]`, `metrics`, `rateLimiter`) and the submit pipeline's. */
export interface TestAppOptions extends Partial<Pick<AppDeps, 'authenticators' | 'metrics' | 'rateLimiter' | 'addressLimiter' | 'resources' | 'events' | 'now'>> {
  /** Defaults to a new in-memory database; pass an open file database to test a restart. */
  readonly database?: DatabaseSync;
  /** Defaults to a new fake; pass the same one to a "restarted" app. */
  readonly ledger?: FakeLedgerClient;
  readonly submit?: Partial<WriteSettings>;
  readonly onRetry?: WritePipelineOptions['onRetry'];
  /** Jitter source; defaults to 0, so retries and background polls do not wait. */
  readonly random?: () => number;
  /** Defaults to a silent logger. */
  readonly logger?: Logger;
}

/** Options of a pipeline that answers at the first deadline or refusal, as when its answer budget is spent. */
export const ANSWER_AT_ONCE: TestAppOptions = { submit: { resubmit: { ...DEFAULT_WRITE_SETTINGS.resubmit, answerWithinMs: 0 } } };

export function testApp(settings: Partial<AppSettings> = {}, opts: TestAppOptions = {}): TestApp {
  const ledger = opts.ledger ?? new FakeLedgerClient();
  const database = opts.database ?? new DatabaseSync(':memory:');
  const logger = opts.logger ?? pino({ level: 'silent' });
  const metrics = opts.metrics;
  const submitter = new WritePipeline({
    database,
    ledger: metrics ? new InstrumentedLedgerClient(ledger, metrics) : ledger,
    settings: { ...DEFAULT_WRITE_SETTINGS, ...opts.submit },
    logger,
    onRetry: opts.onRetry ?? (metrics ? (e) => metrics.recordRetry(e.reason.toLowerCase()) : undefined),
    random: opts.random ?? (() => 0),
  });
  submitter.recover();
  const app = createApp({
    settings: { readOnly: false, bodyLimitBytes: 16 * 1024, orgName: 'Registry', mspId: 'RegistryMSP', ...settings },
    ledger,
    authenticators: opts.authenticators ?? [testApiKeys()],
    submitter,
    logger,
    metrics: opts.metrics,
    rateLimiter: opts.rateLimiter,
    addressLimiter: opts.addressLimiter,
    resources: opts.resources,
    events: opts.events,
    now: opts.now,
  });
  return { app, ledger, submitter, database };
}
