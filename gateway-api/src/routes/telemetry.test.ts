import { DatabaseSync } from 'node:sqlite';
import pino from 'pino';
import request from 'supertest';
import { testDevice } from '@city-ledger/domain';
import { FakeLedgerClient, KEYS, testApp } from '../testing';
import { TelemetryCollector } from '../telemetry/collector';
import { RESOURCES } from '.';
import { telemetryResource } from './telemetry';

const meter = testDevice('MTR-1');
const at = '2026-01-01T00:00:00Z';

function setUp() {
  const ledger = new FakeLedgerClient();
  ledger.onEvaluate('getDevice', () => ({ id: 'MTR-1', status: 'ACTIVE', keyVersion: 1, keys: [{ keyVersion: 1, publicKeyPem: meter.publicKeyPem, activeFrom: at }] }));
  ledger.onSubmit('anchorBatch', (call) => JSON.parse(call.args[0] as string));
  const database = new DatabaseSync(':memory:');
  const collector = new TelemetryCollector({ database, ledger, logger: pino({ level: 'silent' }), orgName: 'PublicWorks', settings: { user: 'officer1', intervalMs: 60_000 } });
  const { app } = testApp({ mspId: 'PublicWorksMSP' }, { ledger, database, resources: [...RESOURCES, telemetryResource(collector)] });
  return { app, collector, ledger };
}

describe('telemetry routes', () => {
  it('takes readings, answers 422 for a proof before the anchor and the proof after it', async () => {
    const { app, collector } = setUp();
    const readings = [1, 2].map((seq) => meter.signed(seq, `2026-01-01T00:00:0${seq}Z`));
    const res = await request(app).post('/v1/telemetry/readings').set(KEYS.clerk).send({ readings: [...readings, readings[0]] }).expect(200);
    expect(res.body).toEqual({ accepted: 2, refused: [{ index: 2, code: 'CONFLICT', detail: 'device MTR-1: seq 1 is not after 2 (replayed or out of order)' }] });
    expect((await request(app).get('/v1/telemetry/readings/MTR-1/2/proof').set(KEYS.auditor).expect(422)).body.code).toBe('FAILED_PRECONDITION');
    await collector.anchorNow();
    const proof = await request(app).get('/v1/telemetry/readings/MTR-1/2/proof').set(KEYS.auditor).expect(200);
    expect(proof.body).toMatchObject({ leafIndex: 1, leafCount: 2, signedReading: readings[1], anchor: { blockNumber: expect.any(Number) } });
    await request(app).get('/v1/telemetry/readings/MTR-1/3/proof').set(KEYS.auditor).expect(404);
  });

  it('refuses an empty or oversized request and a reading that is not signed-reading shaped (400), storing nothing', async () => {
    const { app, collector } = setUp();
    await request(app).post('/v1/telemetry/readings').set(KEYS.clerk).send({ readings: [] }).expect(400);
    await request(app).post('/v1/telemetry/readings').set(KEYS.clerk).send({ readings: [{ reading: {} }] }).expect(400);
    await request(app).post('/v1/telemetry/readings').set(KEYS.auditor).send({ readings: [meter.signed(1, at)] }).expect(403);
    await request(app).get('/v1/telemetry/readings/MTR-1/0/proof').set(KEYS.auditor).expect(400);
    expect(await collector.anchorNow()).toBeUndefined();
  });
});
