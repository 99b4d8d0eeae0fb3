/**
 * Builds the app with fakes for route tests: a {@link FakeLedgerClient}, a silent logger and
 * API keys for one principal per role.
 *
 * @example
 * ```ts
 * const { app, ledger } = testApp();
 * await request(app).get('/v1/parcels/P-1').set(KEYS.clerk).expect(200);
 * ```
 */
import type { Express } from 'express';
import pino from 'pino';
import { createApp, type AppDeps } from '../app';
import { ApiKeyAuthenticator } from '../auth/apiKeys';
import type { AppSettings } from '../config';
import { FakeLedgerClient } from './fakeLedgerClient';

/** Headers carrying a valid API key of each test principal. */
export const KEYS = {
  clerk: { 'X-Api-Key': 'clerk-key' },
  registrar: { 'X-Api-Key': 'registrar-key' },
  auditor: { 'X-Api-Key': 'auditor-key' },
  inspector: { 'X-Api-Key': 'inspector-key' },
} as const;

export const TEST_PRINCIPALS = {
  'clerk-key': { principal: 'tax-system', user: 'clerk1', roles: ['clerk'] },
  'registrar-key': { principal: 'registrar-desk', user: 'registrar1', roles: ['registrar'] },
  'auditor-key': { principal: 'audit-office', user: 'auditor1', roles: ['auditor'] },
  'inspector-key': { principal: 'inspection-app', user: 'inspector1', roles: ['inspector'] },
};

export interface TestApp {
  readonly app: Express;
  readonly ledger: FakeLedgerClient;
}

/** `deps` adds optional parts (events) to the app. */
export function testApp(settings: Partial<AppSettings> = {}, deps: Pick<AppDeps, 'events'> = {}): TestApp {
  const ledger = new FakeLedgerClient();
  const app = createApp({
    settings: { readOnly: false, bodyLimitBytes: 16 * 1024, orgName: 'Registry', mspId: 'RegistryMSP', ...settings },
    ledger,
    authenticators: [ApiKeyAuthenticator.fromPlainKeys(TEST_PRINCIPALS)],
    logger: pino({ level: 'silent' }),
    ...deps,
  });
  return { app, ledger };
}
