import request from 'supertest';
import { chaincodeFailure, KEYS, testApp } from '../testing';

const COLLECTION = { id: 'W-1', wasteType: 'organic', collectionPoint: 'urn:epc:id:sgln:4012345.00001.0', collectedKg: 1000 };
const MANIFEST = { ...COLLECTION, stage: 'COLLECTED' };

describe('waste manifests', () => {
  it('records collection, transfer and processing with their JSON arguments', async () => {
    const { app, ledger } = testApp({ mspId: 'PublicWorksMSP' });
    for (const fn of ['recordCollection', 'recordTransfer', 'recordProcessing']) ledger.onSubmit(fn, () => MANIFEST);
    const res = await request(app).post('/v1/waste-manifests').set(KEYS.officer).send(COLLECTION).expect(201);
    expect(res.headers.location).toBe('/v1/waste-manifests/W-1');
    await request(app).post('/v1/waste-manifests/W-1/transfer').set(KEYS.officer).send({ facilityId: 'TS-1', transferredKg: 990 }).expect(200);
    await request(app).post('/v1/waste-manifests/W-1/process').set(KEYS.officer).send({ processedKg: 900, residueKg: 90 }).expect(200);
    expect(ledger.submits().map((c) => [c.contract, c.fn, c.args])).toEqual([
      ['waste', 'recordCollection', [JSON.stringify(COLLECTION)]],
      ['waste', 'recordTransfer', ['W-1', JSON.stringify({ facilityId: 'TS-1', transferredKg: 990 })]],
      ['waste', 'recordProcessing', ['W-1', JSON.stringify({ processedKg: 900, residueKg: 90 })]],
    ]);
  });

  it('refuses a clerk (403), zero or negative weights and an unknown waste type (400), submitting nothing', async () => {
    const { app, ledger } = testApp();
    await request(app).post('/v1/waste-manifests').set(KEYS.clerk).send(COLLECTION).expect(403);
    await request(app).post('/v1/waste-manifests').set(KEYS.officer).send({ ...COLLECTION, collectedKg: 0, wasteType: 'gold' }).expect(400);
    await request(app).post('/v1/waste-manifests/W-1/process').set(KEYS.officer).send({ processedKg: -1, residueKg: 0 }).expect(400);
    expect(ledger.calls).toHaveLength(0);
  });

  it('maps a broken mass balance to 422 and an out-of-order stage to 409', async () => {
    const { app, ledger } = testApp();
    ledger.failWith('recordProcessing', chaincodeFailure('FAILED_PRECONDITION: manifest W-1: mass balance failed', 'endorse'));
    ledger.failWith('recordTransfer', chaincodeFailure('CONFLICT: manifest W-1 is PROCESSED; recordTransfer needs COLLECTED', 'endorse'));
    expect((await request(app).post('/v1/waste-manifests/W-1/process').set(KEYS.officer).send({ processedKg: 1, residueKg: 1 }).expect(422)).body.code).toBe('FAILED_PRECONDITION');
    await request(app).post('/v1/waste-manifests/W-1/transfer').set(KEYS.officer).send({ facilityId: 'TS-1', transferredKg: 5 }).expect(409);
  });

  it('reads a manifest and its history', async () => {
    const { app, ledger } = testApp();
    ledger.onEvaluate('getManifest', () => MANIFEST).onEvaluate('getManifestHistory', () => []);
    await request(app).get('/v1/waste-manifests/W-1').set(KEYS.auditor).expect(200);
    await request(app).get('/v1/waste-manifests/W-1/history').set(KEYS.auditor).expect(200);
    expect(ledger.calls.map((c) => [c.fn, c.args])).toEqual([
      ['getManifest', ['W-1']],
      ['getManifestHistory', ['W-1']],
    ]);
  });
});
