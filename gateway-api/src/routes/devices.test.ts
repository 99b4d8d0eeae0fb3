import request from 'supertest';
import { merkleProof, merkleRoot, readingLeafHash, testDevice } from '@city-ledger/domain';
import { chaincodeFailure, KEYS, testApp } from '../testing';

const meter = testDevice('MTR-1');
const REGISTRATION = JSON.parse(meter.registration()) as Record<string, unknown>;
const DEVICE = { ...REGISTRATION, status: 'ACTIVE', keyVersion: 1, keys: [{ keyVersion: 1, publicKeyPem: meter.publicKeyPem, activeFrom: '2026-01-01T00:00:00Z' }] };

describe('device routes', () => {
  it('registers, moves and rotates a device with the chaincode arguments', async () => {
    const { app, ledger } = testApp({ mspId: 'PublicWorksMSP' });
    for (const fn of ['registerDevice', 'suspendDevice', 'reactivateDevice', 'retireDevice', 'rotateDeviceKey']) ledger.onSubmit(fn, () => DEVICE);
    const res = await request(app).post('/v1/devices').set(KEYS.officer).send(REGISTRATION).expect(201);
    expect(res.headers.location).toBe('/v1/devices/MTR-1');
    for (const action of ['suspend', 'reactivate', 'retire']) await request(app).post(`/v1/devices/MTR-1/${action}`).set(KEYS.officer).expect(200);
    const rotation = { publicKeyPem: testDevice('MTR-1').publicKeyPem };
    await request(app).post('/v1/devices/MTR-1/key-rotations').set(KEYS.officer).send(rotation).expect(200);
    expect(ledger.submits().map((c) => [c.chaincode, c.contract, c.fn, c.args])).toEqual([
      ['devices', 'devices', 'registerDevice', [JSON.stringify(REGISTRATION)]],
      ['devices', 'devices', 'suspendDevice', ['MTR-1']],
      ['devices', 'devices', 'reactivateDevice', ['MTR-1']],
      ['devices', 'devices', 'retireDevice', ['MTR-1']],
      ['devices', 'devices', 'rotateDeviceKey', ['MTR-1', JSON.stringify(rotation)]],
    ]);
  });

  it('refuses a clerk registering, a malformed key and a malformed reading (403, 400), submitting nothing', async () => {
    const { app, ledger } = testApp();
    await request(app).post('/v1/devices').set(KEYS.clerk).send(REGISTRATION).expect(403);
    await request(app).post('/v1/devices').set(KEYS.officer).send({ ...REGISTRATION, publicKeyPem: 'not a key' }).expect(400);
    const bad = { ...meter.signed(1, '2026-01-01T00:00:00Z'), signature: '!!' };
    await request(app).post('/v1/device-readings').set(KEYS.clerk).send(bad).expect(400);
    await request(app).get('/v1/devices/MTR-1/readings?from=yesterday&to=2026-01-02T00:00:00Z').set(KEYS.clerk).expect(400);
    expect(ledger.calls).toHaveLength(0);
  });

  it('submits a signed reading and maps a forged one to 403', async () => {
    const { app, ledger } = testApp();
    const signed = meter.signed(1, '2026-01-01T00:00:00Z');
    ledger.onSubmit('submitReading', () => signed);
    await request(app).post('/v1/device-readings').set(KEYS.clerk).send(signed).expect(200);
    expect(ledger.submits()[0]).toMatchObject({ contract: 'readings', fn: 'submitReading', args: [JSON.stringify(signed)] });
    ledger.failWith('submitReading', chaincodeFailure('FORBIDDEN: reading MTR-1#2 is not signed by device MTR-1 key version 1', 'endorse'));
    const res = await request(app).post('/v1/device-readings').set(KEYS.clerk).send(meter.signed(2, '2026-01-01T00:00:00Z')).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('reads a device, its readings by time range and a batch', async () => {
    const { app, ledger } = testApp();
    ledger.onEvaluate('getDevice', () => DEVICE).onEvaluate('getReadings', () => []).onEvaluate('getBatch', () => ({ id: 'B-1' }));
    await request(app).get('/v1/devices/MTR-1').set(KEYS.auditor).expect(200);
    await request(app).get('/v1/devices/MTR-1/readings?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z').set(KEYS.auditor).expect(200);
    await request(app).get('/v1/telemetry/batches/B-1').set(KEYS.auditor).expect(200);
    expect(ledger.calls.map((c) => [c.contract, c.fn, c.args])).toEqual([
      ['devices', 'getDevice', ['MTR-1']],
      ['readings', 'getReadings', ['MTR-1', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z']],
      ['telemetry', 'getBatch', ['B-1']],
    ]);
  });

  it('checks a proof against the anchored root: MATCH, and MISMATCH for a changed reading', async () => {
    const { app, ledger } = testApp();
    const readings = [1, 2].map((seq) => meter.signed(seq, `2026-01-01T00:00:0${seq}Z`));
    const leaves = readings.map(readingLeafHash);
    const root = merkleRoot(leaves);
    const range = { deviceId: 'MTR-1', count: 2, firstSeq: 1, lastSeq: 2, from: '2026-01-01T00:00:01Z', to: '2026-01-01T00:00:02Z' };
    ledger.onEvaluate('getBatch', () => ({ id: 'B-1', root, count: 2, devices: [range], from: range.from, to: range.to, anchoredBy: 'PublicWorks', anchoredAt: '2026-01-01T00:01:00Z' }));
    ledger.onEvaluate('getDevice', () => DEVICE);
    const proof = { batchId: 'B-1', root, leafIndex: 0, leafCount: 2, leafHash: leaves[0], path: merkleProof(leaves, 0), signedReading: readings[0] };
    const ok = await request(app).post('/v1/telemetry/proof-checks').set(KEYS.auditor).send(proof).expect(200);
    expect(ok.body).toEqual({ result: 'MATCH', batchId: 'B-1', anchoredRoot: root, checks: { leaf: true, root: true, range: true, signature: true } });
    const changed = { ...proof, signedReading: { ...readings[0], reading: { ...readings[0]?.reading, measurements: { exportedKWh: 99 } } } };
    const bad = await request(app).post('/v1/telemetry/proof-checks').set(KEYS.auditor).send(changed).expect(200);
    expect(bad.body).toMatchObject({ result: 'MISMATCH', checks: { leaf: false, root: false, signature: false } });
  });
});
