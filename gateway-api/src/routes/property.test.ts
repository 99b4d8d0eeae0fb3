import request from 'supertest';
import { chaincodeFailure, KEYS, testApp } from '../testing';

const OWNER = { name: 'Ada Lovelace', address: '1 Analytical Way', email: 'ada@example.org' };
const PARCEL_INPUT = { id: 'P-1', ownerId: 'C-1', location: 'Lot 4, Block 7', areaM2: 500, landUse: 'RESIDENTIAL' };
const PARCEL = { ...PARCEL_INPUT, encumbrances: [], registeredAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' };

describe('GET /v1/parcels/:id', () => {
  it('evaluates property:getParcel', async () => {
    const { app, ledger } = testApp();
    ledger.onEvaluate('getParcel', () => PARCEL);
    const res = await request(app).get('/v1/parcels/P-1').set(KEYS.clerk).expect(200);
    expect(res.body).toEqual(PARCEL);
    expect(ledger.calls).toEqual([expect.objectContaining({ kind: 'evaluate', chaincode: 'records', contract: 'property', fn: 'getParcel', args: ['P-1'] })]);
  });

  it.each([
    ['INVALID_ARGUMENT: parcelId must be an ID', 400],
    ['FORBIDDEN: not allowed', 403],
    ['NOT_FOUND: parcel P-1 does not exist', 404],
    ['CONFLICT: parcel P-1 already exists', 409],
    ['FAILED_PRECONDITION: parcel P-1 is closed', 422],
  ])('maps the chaincode error %j to %i', async (message, status) => {
    const { app, ledger } = testApp();
    ledger.failWith('getParcel', chaincodeFailure(message));
    const res = await request(app).get('/v1/parcels/P-1').set(KEYS.clerk).expect(status);
    expect(res.body).toMatchObject({ status, code: message.slice(0, message.indexOf(':')), detail: message.slice(message.indexOf(': ') + 2) });
  });
});

describe('GET /v1/parcels/:id/history', () => {
  it('evaluates property:getParcelHistory', async () => {
    const { app, ledger } = testApp();
    const history = [{ txId: 't1', timestamp: '2025-01-01T00:00:00.000Z', isDelete: false, value: PARCEL }];
    ledger.onEvaluate('getParcelHistory', () => history);
    expect((await request(app).get('/v1/parcels/P-1/history').set(KEYS.auditor).expect(200)).body).toEqual(history);
    expect(ledger.calls[0]).toMatchObject({ fn: 'getParcelHistory', args: ['P-1'] });
  });
});

describe('POST /v1/parcels', () => {
  it('submits registerParcel with the owner as transient data, endorsed by Registry only', async () => {
    const { app, ledger } = testApp();
    ledger.onSubmit('registerParcel', () => PARCEL);
    const res = await request(app)
      .post('/v1/parcels')
      .set(KEYS.clerk)
      .send({ ...PARCEL_INPUT, owner: OWNER })
      .expect(201);
    expect(res.body).toEqual({ txId: 'tx1', blockNumber: 11, result: PARCEL });
    expect(res.headers.location).toBe('/v1/parcels/P-1');

    const [call] = ledger.submits();
    expect(call).toMatchObject({ chaincode: 'records', contract: 'property', fn: 'registerParcel', principal: { user: 'clerk1' } });
    expect(JSON.parse(call?.args[0] ?? '')).toEqual(PARCEL_INPUT);
    expect(call?.args.join()).not.toContain('Ada');
    expect(call?.options).toEqual({ transient: { owner: JSON.stringify(OWNER) }, endorsingOrganizations: ['RegistryMSP'] });
  });

  it('lets a registrar register too', async () => {
    const { app, ledger } = testApp();
    ledger.onSubmit('registerParcel', () => PARCEL);
    await request(app)
      .post('/v1/parcels')
      .set(KEYS.registrar)
      .send({ ...PARCEL_INPUT, owner: OWNER })
      .expect(201);
  });

  it('maps a duplicate to 409 CONFLICT with the transaction ID', async () => {
    const { app, ledger } = testApp();
    ledger.failWith('registerParcel', chaincodeFailure('CONFLICT: parcel P-1 already exists', 'endorse'));
    const res = await request(app)
      .post('/v1/parcels')
      .set(KEYS.clerk)
      .send({ ...PARCEL_INPUT, owner: OWNER })
      .expect(409);
    expect(res.body).toMatchObject({ code: 'CONFLICT', detail: 'parcel P-1 already exists', txId: 'tx-failed' });
  });
});

describe('POST /v1/parcels/:id/transfer', () => {
  it('submits transferParcel with the new owner as transient data', async () => {
    const { app, ledger } = testApp();
    ledger.onSubmit('transferParcel', () => ({ ...PARCEL, ownerId: 'C-2' }));
    const res = await request(app).post('/v1/parcels/P-1/transfer').set(KEYS.registrar).send({ newOwnerId: 'C-2', owner: OWNER }).expect(200);
    expect(res.body).toMatchObject({ txId: 'tx1', blockNumber: 11, result: { ownerId: 'C-2' } });
    expect(ledger.submits()).toEqual([
      expect.objectContaining({
        fn: 'transferParcel',
        args: ['P-1', 'C-2'],
        principal: expect.objectContaining({ user: 'registrar1' }),
        options: { transient: { owner: JSON.stringify(OWNER) }, endorsingOrganizations: ['RegistryMSP'] },
      }),
    ]);
  });

  it('maps a transfer to the current owner to 422 FAILED_PRECONDITION', async () => {
    const { app, ledger } = testApp();
    ledger.failWith('transferParcel', chaincodeFailure('FAILED_PRECONDITION: parcel P-1 already belongs to C-1', 'endorse'));
    const res = await request(app).post('/v1/parcels/P-1/transfer').set(KEYS.registrar).send({ newOwnerId: 'C-1', owner: OWNER });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('FAILED_PRECONDITION');
  });
});
