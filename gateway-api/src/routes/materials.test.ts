import request from 'supertest';
import { KEYS, testApp } from '../testing';

const DELIVERY = { id: 'DLV-1', permitId: 'PM-1', supplierId: 'SUP-1', items: [{ materialCode: 'CEMENT-42', quantity: 20, uom: 'BAG' }] };
const TERMS = { contractRef: 'CTR-7', prices: [{ materialCode: 'CEMENT-42', unitPrice: 9.5, currency: 'EUR' }] };

describe('material deliveries', () => {
  it('sends supplier terms with a salt as transient data to Public Works only, never in the arguments', async () => {
    const { app, ledger } = testApp({ mspId: 'PublicWorksMSP' });
    ledger.onSubmit('registerDelivery', () => ({ ...DELIVERY, supplierTermsHash: 'h' }));
    const res = await request(app).post('/v1/material-deliveries').set(KEYS.officer).send({ ...DELIVERY, supplierTerms: TERMS }).expect(201);
    expect(res.headers.location).toBe('/v1/material-deliveries/DLV-1');
    const [call] = ledger.submits();
    expect(call).toMatchObject({ contract: 'materials', fn: 'registerDelivery', args: [JSON.stringify(DELIVERY)], options: { endorsingOrganizations: ['PublicWorksMSP'] } });
    expect(JSON.parse(call?.options?.transient?.supplierTerms ?? '{}')).toEqual({ ...TERMS, salt: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
    expect(JSON.stringify(res.body)).not.toContain('9.5');
  });

  it('leaves endorsement to the chaincode policy when there are no terms', async () => {
    const { app, ledger } = testApp({ mspId: 'PublicWorksMSP' });
    ledger.onSubmit('registerDelivery', () => DELIVERY);
    await request(app).post('/v1/material-deliveries').set(KEYS.clerk).send(DELIVERY).expect(201);
    expect(ledger.submits()[0]?.options).toEqual({});
  });

  it('refuses an inspector, no items and a bad currency, submitting nothing', async () => {
    const { app, ledger } = testApp({ mspId: 'PublicWorksMSP' });
    await request(app).post('/v1/material-deliveries').set(KEYS.inspector).send(DELIVERY).expect(403);
    await request(app).post('/v1/material-deliveries').set(KEYS.officer).send({ ...DELIVERY, items: [] }).expect(400);
    const bad = { ...DELIVERY, supplierTerms: { ...TERMS, prices: [{ ...TERMS.prices[0], currency: 'euro' }] } };
    await request(app).post('/v1/material-deliveries').set(KEYS.officer).send(bad).expect(400);
    expect(ledger.calls).toHaveLength(0);
  });

  it('reads deliveries, lists them by permit, and the terms only on a Public Works gateway', async () => {
    const { app, ledger } = testApp({ mspId: 'PublicWorksMSP' });
    ledger
      .onEvaluate('getDelivery', () => DELIVERY)
      .onEvaluate('listDeliveriesByPermit', () => ({ items: [DELIVERY], bookmark: '' }))
      .onEvaluate('getSupplierTerms', () => ({ salt: 's'.repeat(22), ...TERMS }));
    await request(app).get('/v1/material-deliveries/DLV-1').set(KEYS.inspector).expect(200);
    await request(app).get('/v1/permits/PM-1/material-deliveries').set(KEYS.inspector).expect(200);
    await request(app).get('/v1/material-deliveries/DLV-1/supplier-terms').set(KEYS.inspector).expect(403);
    await request(app).get('/v1/material-deliveries/DLV-1/supplier-terms').set(KEYS.clerk).expect(200);
    expect(ledger.calls.map((c) => [c.fn, c.args])).toEqual([
      ['getDelivery', ['DLV-1']],
      ['listDeliveriesByPermit', ['PM-1', '20', '']],
      ['getSupplierTerms', ['DLV-1']],
    ]);

    const registry = testApp();
    await request(registry.app).get('/v1/material-deliveries/DLV-1/supplier-terms').set(KEYS.clerk).expect(403);
    expect(registry.ledger.calls).toHaveLength(0);
  });
});
