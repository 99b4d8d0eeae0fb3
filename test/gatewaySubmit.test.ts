/**
 * The gateway's submit pipeline against the real network: an asynchronous write polled until
 * committed, concurrent writes to one parcel (real MVCC conflicts, retried), and a pending job
 * finished by a restarted gateway from the same store.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import {
  ApiKeyAuthenticator,
  connectPeers,
  createApp,
  FabricLedgerClient,
  FileKeystore,
  loadConfig,
  openDatabase,
  WritePipeline,
  type PeerConnection,
  type RetryEvent,
} from '@city-ledger/gateway-api';
import { networkEnv } from './support/network';

const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const CLERK = { 'X-Api-Key': 'it-clerk-key' };
const REGISTRAR = { 'X-Api-Key': 'it-registrar-key' };
const logger = pino({ level: 'silent' });
const config = loadConfig({ CITY_GATEWAY_ORG: 'registry', CITY_LEDGER_RUNTIME: networkEnv().RUNTIME_DIR, CITY_LEDGER_ORGS: networkEnv().ORGS_DIR });

let dir: string;
let peers: PeerConnection[];
let ledger: FabricLedgerClient;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gateway-submit-it-'));
  peers = connectPeers(config.peers, readFileSync(config.tlsCaFile));
  const identities = new FileKeystore({ mspId: config.org.mspId, clientDir: (user) => config.layout.clientDir(config.org, user) });
  ledger = new FabricLedgerClient({ channel: config.channel, peers, identities, deadlines: config.deadlines, probeUser: config.probeUser, logger });
});
afterAll(async () => {
  await ledger.close();
  for (const peer of peers) peer.client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A gateway on the store file, as main.ts builds it. */
function gateway(onRetry?: (event: RetryEvent) => void) {
  const database = openDatabase(path.join(dir, 'gateway.db'));
  const submitter = new WritePipeline({ database, ledger, settings: config.submit, logger, onRetry });
  submitter.recover();
  const app = createApp({
    settings: { readOnly: false, bodyLimitBytes: config.bodyLimitBytes, orgName: config.org.name, mspId: config.org.mspId },
    ledger,
    authenticators: [
      ApiKeyAuthenticator.fromPlainKeys({
        'it-clerk-key': { principal: 'it-clerk', user: 'clerk1', roles: ['clerk'] },
        'it-registrar-key': { principal: 'it-registrar', user: 'registrar1', roles: ['registrar'] },
      }),
    ],
    submitter,
    logger,
  });
  return { app, submitter, stop: async () => (await submitter.close(), database.close()) };
}

const parcel = (id: string) => ({ id, ownerId: 'C-1', location: 'Lot 1', areaM2: 100, landUse: 'RESIDENTIAL', owner: { name: 'Ada Lovelace', address: '1 Analytical Way' } });

async function pollUntilDone(app: ReturnType<typeof gateway>['app'], location: string | undefined, headers: Record<string, string>) {
  if (location === undefined) throw new Error('no Location header');
  for (let i = 0; i < 60; i++) {
    const res = await request(app).get(location).set(headers).expect(200);
    if (res.body.state !== 'pending') return res.body;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${location} still pending`);
}

test('an asynchronous write answers 202, then its transaction is committed with the route answer', async () => {
  const { app, stop } = gateway();
  const id = `P-ASYNC-${run}`;
  const accepted = await request(app).post('/v1/parcels').set(CLERK).set('Prefer', 'respond-async').send(parcel(id)).expect(202);
  expect(accepted.headers.location).toMatch(/^\/v1\/transactions\/[0-9a-f]{64}$/);
  await request(app).get(String(accepted.headers.location)).set(REGISTRAR).expect(404);

  const done = await pollUntilDone(app, accepted.headers.location, CLERK);
  expect(done).toMatchObject({ state: 'committed', response: { status: 201, headers: { Location: `/v1/parcels/${id}` }, body: { result: { id } } } });
  expect(done.blockNumber).toBeGreaterThan(0);
  await request(app).get(`/v1/parcels/${id}`).set(CLERK).expect(200);
  await stop();
});

test('concurrent transfers of one parcel: MVCC conflicts are retried with fresh proposals', async () => {
  const retries: RetryEvent[] = [];
  const { app, submitter, stop } = gateway((event) => retries.push(event));
  const id = `P-RACE-${run}`;
  await request(app).post('/v1/parcels').set(CLERK).send(parcel(id)).expect(201);

  const answers = await Promise.all(
    [1, 2, 3, 4].map((n) => request(app).post(`/v1/parcels/${id}/transfer`).set(REGISTRAR).send({ newOwnerId: `C-N${n}`, owner: { name: `Owner ${n}`, address: `${n} Street` } })),
  );
  for (const res of answers) expect([200, 409]).toContain(res.status);
  for (const res of answers.filter((r) => r.status === 409)) expect(res.body.code).toBe('MVCC_CONFLICT');
  expect(answers.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
  expect(retries.every((e) => e.reason === 'MVCC_READ_CONFLICT' || e.reason === 'PHANTOM_READ_CONFLICT')).toBe(true);
  // Every retry is one more attempt of some job.
  const attempts = answers.map((res) => submitter.jobs.find(res.body.txId)?.attempts ?? 0);
  expect(attempts.reduce((a, b) => a + b, 0) - answers.length).toBe(retries.length);
  await stop();
});

test('a restarted gateway finishes a write left pending, by asking the peer for its commit status', async () => {
  const before = gateway();
  const id = `P-RESTART-${run}`;
  const accepted = await request(before.app).post('/v1/parcels').set(CLERK).set('Prefer', 'respond-async').set('Idempotency-Key', `it-${run}`).send(parcel(id)).expect(202);
  await before.stop();

  const after = gateway();
  const done = await pollUntilDone(after.app, accepted.headers.location, CLERK);
  expect(done).toMatchObject({ state: 'committed', response: { status: 201, body: { result: { id } } } });
  const replay = await request(after.app).post('/v1/parcels').set(CLERK).set('Prefer', 'respond-async').set('Idempotency-Key', `it-${run}`).send(parcel(id)).expect(202);
  expect(replay.headers['idempotency-replayed']).toBe('true');
  await after.stop();
});
