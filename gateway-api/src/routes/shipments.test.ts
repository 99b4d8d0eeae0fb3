import request from 'supertest';
import { testDevice } from '@city-ledger/domain';
import { chaincodeFailure, KEYS, testApp } from '../testing';

const NEW = { id: 'SHP-1', quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 40, uom: 'KGM' }], temperatureRange: { minC: 2, maxC: 8 } };
const SHIPMENT = { id: 'SHP-1', status: 'ACTIVE', custodian: 'PublicWorksMSP' };

describe('shipments', () => {
  it('POST /v1/shipments submits createShipment(json) with no private data, 201 + Location', async () => {
    const { app, ledger } = testApp({ mspId: 'PublicWorksMSP' });
    ledger.onSubmit('createShipment', () => SHIPMENT);
    const res = await request(app).post('/v1/shipments').set(KEYS.officer).send(NEW).expect(201);
    expect(res.headers.location).toBe('/v1/shipments/SHP-1');
    expect(ledger.submits()).toEqual([expect.objectContaining({ chaincode: 'logistics', contract: 'shipments', fn: 'createShipment', args: [JSON.stringify(NEW)], options: {} })]);
  });

  it('refuses a shipment with nothing in it, a bad EPC class, a bad range and a registrar, submitting nothing', async () => {
    const { app, ledger } = testApp();
    await request(app).post('/v1/shipments').set(KEYS.officer).send({ id: 'SHP-1' }).expect(400);
    await request(app).post('/v1/shipments').set(KEYS.officer).send({ id: 'SHP-1', epcList: [] }).expect(400);
    const bad = await request(app)
      .post('/v1/shipments')
      .set(KEYS.officer)
      .send({ ...NEW, quantityList: [{ epcClass: 'vaccines', quantity: 1 }], temperatureRange: { minC: -300, maxC: 8 } })
      .expect(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path)).toEqual(
      expect.arrayContaining(['/body/quantityList/0/epcClass', '/body/temperatureRange/minC']),
    );
    await request(app).post('/v1/shipments').set(KEYS.registrar).send(NEW).expect(403);
    expect(ledger.calls).toHaveLength(0);
  });

  it('receives with an empty context as \'\' and closes', async () => {
    const { app, ledger } = testApp();
    ledger.onSubmit('receiveShipment', () => SHIPMENT).onSubmit('closeShipment', () => SHIPMENT);
    await request(app).post('/v1/shipments/SHP-1/receive').set(KEYS.clerk).send({}).expect(200);
    await request(app).post('/v1/shipments/SHP-1/receive').set(KEYS.clerk).send({ readPoint: 'urn:epc:id:sgln:4012345.00001.0' }).expect(200);
    await request(app).post('/v1/shipments/SHP-1/close').set(KEYS.clerk).expect(200);
    expect(ledger.submits().map((c) => [c.fn, c.args])).toEqual([
      ['receiveShipment', ['SHP-1', '']],
      ['receiveShipment', ['SHP-1', JSON.stringify({ readPoint: 'urn:epc:id:sgln:4012345.00001.0' })]],
      ['closeShipment', ['SHP-1']],
    ]);
  });

  it('reads a shipment and pages its EPCIS events', async () => {
    const { app, ledger } = testApp({ mspId: 'AuditorMSP', readOnly: true });
    ledger.onEvaluate('getShipment', () => SHIPMENT).onEvaluate('trace', () => ({ items: [], bookmark: '' }));
    await request(app).get('/v1/shipments/SHP-1').set(KEYS.auditor).expect(200);
    await request(app).get('/v1/shipments/SHP-1/events?pageSize=50').set(KEYS.auditor).expect(200);
    expect(ledger.calls.map((c) => [c.fn, c.args])).toEqual([
      ['getShipment', ['SHP-1']],
      ['trace', ['SHP-1', '50', '']],
    ]);
  });
});

describe('custody', () => {
  it('offers, withdraws and accepts through the custody contract', async () => {
    const { app, ledger } = testApp({ mspId: 'HealthMSP' });
    for (const fn of ['offerCustody', 'withdrawCustodyOffer', 'acceptCustody']) ledger.onSubmit(fn, () => SHIPMENT);
    await request(app).post('/v1/shipments/SHP-1/custody-offer').set(KEYS.officer).send({ to: 'PublicWorksMSP' }).expect(200);
    await request(app).delete('/v1/shipments/SHP-1/custody-offer').set(KEYS.officer).expect(200);
    await request(app).post('/v1/shipments/SHP-1/custody-offer/accept').set(KEYS.officer).send({}).expect(200);
    expect(ledger.submits().map((c) => [c.contract, c.fn, c.args])).toEqual([
      ['custody', 'offerCustody', ['SHP-1', 'PublicWorksMSP']],
      ['custody', 'withdrawCustodyOffer', ['SHP-1']],
      ['custody', 'acceptCustody', ['SHP-1', '']],
    ]);
  });

  it('refuses an offer to the Auditor (400) and maps a wrong acceptor to 403', async () => {
    const { app, ledger } = testApp();
    await request(app).post('/v1/shipments/SHP-1/custody-offer').set(KEYS.officer).send({ to: 'AuditorMSP' }).expect(400);
    expect(ledger.calls).toHaveLength(0);
    ledger.failWith('acceptCustody', chaincodeFailure('FORBIDDEN: only HealthMSP may accept', 'endorse'));
    await request(app).post('/v1/shipments/SHP-1/custody-offer/accept').set(KEYS.officer).send({}).expect(403);
  });
});

describe('cold chain', () => {
  const READING = { sensorId: 'urn-sensor-1', time: '2025-06-01T10:00:00Z', type: 'temperature', value: 4.5, uom: 'CEL' };

  it('records a batch of readings as coldchain:recordSensorReadings(id, readingsJson)', async () => {
    const { app, ledger } = testApp();
    ledger.onSubmit('recordSensorReadings', () => ({ ...SHIPMENT, flagged: false }));
    await request(app).post('/v1/shipments/SHP-1/sensor-readings').set(KEYS.officer).send({ readings: [READING] }).expect(200);
    expect(ledger.submits()[0]).toMatchObject({ contract: 'coldchain', fn: 'recordSensorReadings', args: ['SHP-1', JSON.stringify([READING])] });
  });

  it('refuses an empty batch and an implausible temperature, submitting nothing', async () => {
    const { app, ledger } = testApp();
    await request(app).post('/v1/shipments/SHP-1/sensor-readings').set(KEYS.officer).send({ readings: [] }).expect(400);
    await request(app)
      .post('/v1/shipments/SHP-1/sensor-readings')
      .set(KEYS.officer)
      .send({ readings: [{ ...READING, value: 900 }] })
      .expect(400);
    expect(ledger.calls).toHaveLength(0);
  });
});

describe('device-signed cold-chain readings', () => {
  it('relays signed readings to recordSignedSensorReadings and refuses an unsigned shape (400)', async () => {
    const { app, ledger } = testApp();
    ledger.onSubmit('recordSignedSensorReadings', () => ({ id: 'S-1' }));
    const readings = [testDevice('LOG-1').signed(1, '2026-01-01T00:00:00Z', { measurements: { temperatureC: 4 } })];
    await request(app).post('/v1/shipments/S-1/signed-sensor-readings').set(KEYS.officer).send({ readings }).expect(200);
    expect(ledger.submits().map((c) => [c.contract, c.fn, c.args])).toEqual([['coldchain', 'recordSignedSensorReadings', ['S-1', JSON.stringify(readings)]]]);
    await request(app).post('/v1/shipments/S-1/signed-sensor-readings').set(KEYS.officer).send({ readings: [{ sensorId: 'T-1' }] }).expect(400);
  });
});
