import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { openDatabase } from '../store/database';
import { FakeLedgerClient, KEYS, testApp } from '../testing';
import { WritePipeline, DEFAULT_WRITE_SETTINGS } from './writePipeline';
import pino from 'pino';

const PARCEL_INPUT = { id: 'P-1', ownerId: 'C-1', location: 'Lot 4, Block 7', areaM2: 500, landUse: 'RESIDENTIAL' };
const BODY = { ...PARCEL_INPUT, owner: { name: 'Ada Lovelace', address: '1 Analytical Way' } };
const KEY = 'restart-key-0001';

let file: string;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gateway-restart-'));
  file = path.join(dir, 'gateway.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function ledgerWithParcels(): FakeLedgerClient {
  return new FakeLedgerClient().onSubmit('registerParcel', () => PARCEL_INPUT);
}

/** Builds an app on the store file, as main.ts does after a (re)start. */
function start(ledger: FakeLedgerClient) {
  return testApp({}, { database: openDatabase(file), ledger });
}

/** Stops an app as a crash would: nothing more reaches its store. */
async function stop(app: ReturnType<typeof start>): Promise<void> {
  await app.submitter.close();
  app.database.close();
}

describe('after a gateway restart', () => {
  it('an idempotency key still replays its answer, with no new transaction', async () => {
    const before = start(ledgerWithParcels());
    const first = await request(before.app).post('/v1/parcels').set(KEYS.clerk).set('Idempotency-Key', KEY).send(BODY).expect(201);
    await stop(before);

    const after = start(ledgerWithParcels());
    const replay = await request(after.app).post('/v1/parcels').set(KEYS.clerk).set('Idempotency-Key', KEY).send(BODY).expect(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotency-replayed']).toBe('true');
    expect(replay.headers.location).toBe('/v1/parcels/P-1');
    expect(after.ledger.calls).toEqual([]);

    const poll = await request(after.app).get('/v1/transactions/tx1').set(KEYS.clerk).expect(200);
    expect(poll.body).toMatchObject({ state: 'committed', blockNumber: 11 });
    await stop(after);
  });

  it('a pending asynchronous write is resolved by asking the peer for its commit status', async () => {
    const ledger = ledgerWithParcels();
    const release = ledger.holdCommits();
    const before = start(ledger);
    await request(before.app).post('/v1/parcels').set(KEYS.clerk).set({ Prefer: 'respond-async', 'Idempotency-Key': KEY }).send(BODY).expect(202);
    await stop(before);

    const after = start(ledger);
    expect((await request(after.app).get('/v1/transactions/tx1').set(KEYS.clerk).expect(200)).body.state).toBe('pending');
    release();
    await after.submitter.idle();

    const poll = await request(after.app).get('/v1/transactions/tx1').set(KEYS.clerk).expect(200);
    // Without the route in memory, the answer is the route's status and the standard write answer.
    expect(poll.body).toMatchObject({
      state: 'committed',
      blockNumber: 11,
      response: { status: 201, headers: {}, body: { txId: 'tx1', blockNumber: 11, result: PARCEL_INPUT } },
    });
    expect(ledger.statusQueries.filter((txId) => txId === 'tx1').length).toBeGreaterThanOrEqual(2);
    expect(ledger.submits()).toHaveLength(1);
    // The key still answers with the 202 it first gave.
    await request(after.app).post('/v1/parcels').set(KEYS.clerk).set({ Prefer: 'respond-async', 'Idempotency-Key': KEY }).send(BODY).expect(202);
    expect(ledger.submits()).toHaveLength(1);
    await stop(after);
  });

  it('a transaction the orderer may not have received is sent again', async () => {
    const ledger = ledgerWithParcels();
    const principal = { id: 'tax-system', user: 'clerk1', roles: ['clerk'], via: 'api-key' as const };
    const database = openDatabase(file);
    const logger = pino({ level: 'silent' });
    const crashed = new WritePipeline({ database, ledger, settings: DEFAULT_WRITE_SETTINGS, logger });
    // As if the gateway stopped between endorsing and sending to the orderer.
    const endorsed = await ledger.endorse(principal, { chaincode: 'records', contract: 'property', fn: 'registerParcel', args: ['{}'] });
    crashed.jobs.create(principal, endorsed, 201);
    await crashed.close();

    const restarted = new WritePipeline({ database, ledger, settings: DEFAULT_WRITE_SETTINGS, logger, random: () => 0 });
    restarted.recover();
    await restarted.idle();
    expect(ledger.ordered).toEqual(['tx1']);
    expect(restarted.jobs.get('tx1')).toMatchObject({ state: 'committed', blockNumber: 11 });
    await restarted.close();
    database.close();
  });

  it('a key whose request died before its transaction existed is freed', async () => {
    const database = openDatabase(file);
    const logger = pino({ level: 'silent' });
    const ledger = ledgerWithParcels();
    const crashed = new WritePipeline({ database, ledger, settings: DEFAULT_WRITE_SETTINGS, logger });
    crashed.idempotency.reserve('tax-system', KEY, 'fingerprint');
    await crashed.close();
    database.close();

    const after = start(ledger);
    await request(after.app).post('/v1/parcels').set(KEYS.clerk).set('Idempotency-Key', KEY).send(BODY).expect(201);
    expect(ledger.submits()).toHaveLength(1);
    await stop(after);
  });
});
