import request from 'supertest';
import { MAX_BATCH_RECORDS } from '@city-ledger/domain';
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

describe('POST /v1/parcels/batch', () => {
  const registrations = (n: number) => Array.from({ length: n }, (_, i) => ({ ...PARCEL_INPUT, id: `P-${i}`, owner: { ...OWNER, name: `Owner ${i}` } }));

  it('submits registerParcels with the parcels as the argument and the owners, in order, as transient data', async () => {
    const { app, ledger } = testApp();
    ledger.onSubmit('registerParcels', () => 2);
    const res = await request(app).post('/v1/parcels/batch').set(KEYS.clerk).set('Idempotency-Key', 'import-file-0001').send(registrations(2)).expect(200);
    expect(res.body).toEqual({ txId: 'tx1', blockNumber: 11, result: 2 });
    const [call] = ledger.submits();
    expect(call).toMatchObject({ chaincode: 'records', contract: 'property', fn: 'registerParcels' });
    expect(JSON.parse(call?.args[0] ?? '')).toEqual([
      { ...PARCEL_INPUT, id: 'P-0' },
      { ...PARCEL_INPUT, id: 'P-1' },
    ]);
    expect(call?.args.join()).not.toContain('Owner');
    expect(call?.options).toEqual({
      transient: { owners: JSON.stringify([{ ...OWNER, name: 'Owner 0' }, { ...OWNER, name: 'Owner 1' }]) },
      endorsingOrganizations: ['RegistryMSP'],
    });
    const again = await request(app).post('/v1/parcels/batch').set(KEYS.clerk).set('Idempotency-Key', 'import-file-0001').send(registrations(2)).expect(200);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(ledger.submits()).toHaveLength(1);
  });

  it('refuses a batch over the bound with 413 BATCH_TOO_LARGE, without a ledger call', async () => {
    const { app, ledger } = testApp({ bodyLimitBytes: 1024 * 1024 });
    const res = await request(app).post('/v1/parcels/batch').set(KEYS.clerk).send(registrations(MAX_BATCH_RECORDS + 1)).expect(413);
    expect(res.body).toMatchObject({ code: 'BATCH_TOO_LARGE' });
    expect(ledger.calls).toHaveLength(0);
  });

  it.each([
    ['an empty batch', []],
    ['one registration instead of an array', { ...PARCEL_INPUT, owner: OWNER }],
    ['a record without an owner', [{ ...PARCEL_INPUT }]],
  ])('refuses %s with 400 INVALID_ARGUMENT', async (_what, body) => {
    const { app, ledger } = testApp();
    await request(app).post('/v1/parcels/batch').set(KEYS.clerk).send(body).expect(400);
    expect(ledger.calls).toHaveLength(0);
  });

  it('names the refused record of the chaincode in the problem detail', async () => {
    const { app, ledger } = testApp();
    ledger.failWith('registerParcels', chaincodeFailure('CONFLICT: records[1]: parcel P-1 already exists'));
    const res = await request(app).post('/v1/parcels/batch').set(KEYS.clerk).send(registrations(2)).expect(409);
    expect(res.body).toMatchObject({ code: 'CONFLICT', detail: 'records[1]: parcel P-1 already exists' });
  });

  it('is for clerks and registrars only (403 FORBIDDEN)', async () => {
    const { app } = testApp();
    await request(app).post('/v1/parcels/batch').set(KEYS.inspector).send(registrations(1)).expect(403);
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

describe('encumbrances', () => {
  const LIEN = { id: 'E-1', kind: 'TAX_LIEN', holderId: 'CITY', amount: 1200 };

  it('POST /v1/parcels/:id/encumbrances submits addEncumbrance(parcelId, json) and answers 201 with its Location', async () => {
    const { app, ledger } = testApp();
    ledger.onSubmit('addEncumbrance', () => PARCEL);
    const res = await request(app).post('/v1/parcels/P-1/encumbrances').set(KEYS.clerk).send(LIEN).expect(201);
    expect(res.headers.location).toBe('/v1/parcels/P-1/encumbrances/E-1');
    const [call] = ledger.submits();
    expect(call).toMatchObject({ contract: 'property', fn: 'addEncumbrance', args: ['P-1', JSON.stringify(LIEN)], options: {} });
  });

  it('refuses an unknown kind or a negative amount with 400, and an inspector with 403, submitting nothing', async () => {
    const { app, ledger } = testApp();
    const bad = await request(app).post('/v1/parcels/P-1/encumbrances').set(KEYS.clerk).send({ ...LIEN, kind: 'GRUDGE', amount: -1 }).expect(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['/body/amount', '/body/kind']);
    await request(app).post('/v1/parcels/P-1/encumbrances').set(KEYS.inspector).send(LIEN).expect(403);
    await request(app).post('/v1/parcels/P-1/encumbrances/E-1/release').set(KEYS.auditor).expect(403);
    expect(ledger.calls).toHaveLength(0);
  });

  it('POST .../encumbrances/:encumbranceId/release submits releaseEncumbrance(parcelId, encumbranceId)', async () => {
    const { app, ledger } = testApp();
    ledger.onSubmit('releaseEncumbrance', () => PARCEL);
    await request(app).post('/v1/parcels/P-1/encumbrances/E-1/release').set(KEYS.registrar).expect(200);
    expect(ledger.submits()).toEqual([expect.objectContaining({ fn: 'releaseEncumbrance', args: ['P-1', 'E-1'] })]);
  });

  it('GET .../encumbrances/:encumbranceId picks it out of the parcel, or answers 404', async () => {
    const { app, ledger } = testApp();
    const encumbrance = { ...LIEN, status: 'ACTIVE', recordedAt: '2025-01-02T00:00:00.000Z' };
    ledger.onEvaluate('getParcel', () => ({ ...PARCEL, encumbrances: [encumbrance] }));
    expect((await request(app).get('/v1/parcels/P-1/encumbrances/E-1').set(KEYS.auditor).expect(200)).body).toEqual(encumbrance);
    expect((await request(app).get('/v1/parcels/P-1/encumbrances/E-2').set(KEYS.auditor).expect(404)).body.code).toBe('NOT_FOUND');
  });
});

describe('owners', () => {
  it('GET /v1/owners/:id/parcels evaluates listParcelsByOwner with a default page, or the given one', async () => {
    const { app, ledger } = testApp();
    ledger.onEvaluate('listParcelsByOwner', () => ({ items: [PARCEL], bookmark: '' }));
    await request(app).get('/v1/owners/C-1/parcels').set(KEYS.auditor).expect(200);
    await request(app).get('/v1/owners/C-1/parcels?pageSize=5&bookmark=abc_-1').set(KEYS.auditor).expect(200);
    expect(ledger.evaluations().map((c) => c.args)).toEqual([
      ['C-1', '20', ''],
      ['C-1', '5', 'abc_-1'],
    ]);
  });

  it('refuses a bad page size or an unknown query parameter with 400', async () => {
    const { app, ledger } = testApp();
    for (const query of ['pageSize=0', 'pageSize=101', 'pageSize=ten', 'sort=id']) {
      const res = await request(app).get(`/v1/owners/C-1/parcels?${query}`).set(KEYS.clerk).expect(400);
      expect(res.body.errors[0].path).toMatch(/^\/query/);
    }
    expect(ledger.calls).toHaveLength(0);
  });

  it('GET /v1/owners/:id evaluates getOwnerDetails on a Registry gateway', async () => {
    const { app, ledger } = testApp();
    ledger.onEvaluate('getOwnerDetails', () => ({ ownerId: 'C-1', ...OWNER, updatedAt: '2025-01-01T00:00:00.000Z' }));
    expect((await request(app).get('/v1/owners/C-1').set(KEYS.clerk).expect(200)).body.name).toBe('Ada Lovelace');
    expect(ledger.calls[0]).toMatchObject({ fn: 'getOwnerDetails', args: ['C-1'] });
  });

  it.each(['HealthMSP', 'AuditorMSP'])('refuses owner details on a %s gateway without asking the ledger', async (mspId) => {
    const { app, ledger } = testApp({ mspId });
    const res = await request(app).get('/v1/owners/C-1').set(KEYS.auditor).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(ledger.calls).toHaveLength(0);
  });
});
