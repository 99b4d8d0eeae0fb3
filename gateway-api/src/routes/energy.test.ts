import request from 'supertest';
import { KEYS, testApp } from '../testing';

const INTERVAL = { id: 'INT-1', closesAt: '2026-06-01T10:00:00Z', deliveryStart: '2026-06-01T10:00:00Z', deliveryEnd: '2026-06-01T10:15:00Z', penaltyPriceCents: 40 };
const ORDER = { householdId: 'CIT-H1', meterId: 'MTR-H1', kWh: 2.5, limitPriceCents: 12 };

describe('energy market and credit routes', () => {
  it('opens an interval (201 + Location) and reads it from any gateway', async () => {
    const { app, ledger } = testApp({ mspId: 'PublicWorksMSP' });
    ledger.onSubmit('openInterval', () => ({ ...INTERVAL, status: 'OPEN' })).onEvaluate('getInterval', () => ({ ...INTERVAL, status: 'OPEN' }));
    const res = await request(app).post('/v1/energy-intervals').set(KEYS.clerk).send(INTERVAL).expect(201);
    expect(res.headers.location).toBe('/v1/energy-intervals/INT-1');
    expect(ledger.submits()[0]).toMatchObject({ chaincode: 'energy', contract: 'market', fn: 'openInterval', args: [JSON.stringify(INTERVAL)] });
    const registry = testApp();
    registry.ledger.onEvaluate('getInterval', () => INTERVAL);
    await request(registry.app).get('/v1/energy-intervals/INT-1').set(KEYS.inspector).expect(200);
  });

  it('sends orders and credit movements as transient data to the positions collection members only, never in the arguments', async () => {
    const { app, ledger } = testApp({ mspId: 'PublicWorksMSP' });
    ledger.onSubmit('placeOffer', () => INTERVAL).onSubmit('placeBid', () => INTERVAL).onSubmit('transfer', () => ({ kind: 'TRANSFER', txId: 't', at: INTERVAL.closesAt }));
    await request(app).post('/v1/energy-intervals/INT-1/offers').set(KEYS.officer).send(ORDER).expect(200);
    await request(app).post('/v1/energy-intervals/INT-1/bids').set(KEYS.clerk).send(ORDER).expect(200);
    const transfer = { from: 'CIT-H1', to: 'CIT-C1', amountCents: 500, reference: 'share' };
    await request(app).post('/v1/energy-credit/transfers').set(KEYS.clerk).send(transfer).expect(200);
    const [offer, bid, moved] = ledger.submits();
    expect(offer).toMatchObject({ fn: 'placeOffer', args: ['INT-1'], options: { endorsingOrganizations: ['PublicWorksMSP'], transient: { order: JSON.stringify(ORDER) } } });
    expect(bid).toMatchObject({ fn: 'placeBid', args: ['INT-1'] });
    expect(moved).toMatchObject({ contract: 'credits', fn: 'transfer', args: [], options: { endorsingOrganizations: ['PublicWorksMSP'], transient: { transfer: JSON.stringify(transfer) } } });
  });

  it('clears and settles with the members as endorsers', async () => {
    const { app, ledger } = testApp({ mspId: 'PublicWorksMSP' });
    ledger.onSubmit('clearInterval', () => INTERVAL).onSubmit('settleInterval', () => INTERVAL);
    await request(app).post('/v1/energy-intervals/INT-1/clear').set(KEYS.clerk).expect(200);
    await request(app).post('/v1/energy-intervals/INT-1/settle').set(KEYS.clerk).expect(200);
    expect(ledger.submits().map((s) => [s.fn, s.args, s.options?.endorsingOrganizations])).toEqual([
      ['clearInterval', ['INT-1'], ['PublicWorksMSP']],
      ['settleInterval', ['INT-1'], ['PublicWorksMSP']],
    ]);
  });

  it('refuses private writes and reads on a non-member gateway, bad orders and inspectors, calling nothing', async () => {
    const registry = testApp();
    await request(registry.app).post('/v1/energy-intervals/INT-1/offers').set(KEYS.clerk).send(ORDER).expect(403);
    await request(registry.app).post('/v1/energy-credit/deposits').set(KEYS.clerk).send({ accountId: 'CIT-1', amountCents: 1, reference: 'r' }).expect(403);
    await request(registry.app).get('/v1/energy-intervals/INT-1/positions').set(KEYS.clerk).expect(403);
    await request(registry.app).get('/v1/energy-credit/accounts/CIT-1').set(KEYS.clerk).expect(403);
    expect(registry.ledger.calls).toHaveLength(0);
    const { app, ledger } = testApp({ mspId: 'PublicWorksMSP' });
    await request(app).post('/v1/energy-intervals/INT-1/offers').set(KEYS.clerk).send({ ...ORDER, kWh: 0 }).expect(400);
    await request(app).post('/v1/energy-intervals/INT-1/offers').set(KEYS.clerk).send({ ...ORDER, intervalId: 'INT-1' }).expect(400);
    await request(app).post('/v1/energy-credit/withdrawals').set(KEYS.clerk).send({ accountId: 'CIT-1', amountCents: 1.5, reference: 'r' }).expect(400);
    await request(app).post('/v1/energy-intervals/INT-1/offers').set(KEYS.inspector).send(ORDER).expect(403);
    expect(ledger.calls).toHaveLength(0);
  });

  it('reads positions and accounts on a member gateway', async () => {
    const { app, ledger } = testApp({ mspId: 'PublicWorksMSP' });
    ledger
      .onEvaluate('listPositions', () => [])
      .onEvaluate('getPosition', () => ({ intervalId: 'INT-1', ...ORDER, side: 'SELL', placedAt: INTERVAL.closesAt, placedBy: 'PublicWorksMSP' }))
      .onEvaluate('getAccount', () => ({ accountId: 'CIT-1', balanceCents: 0, updatedAt: '' }))
      .onEvaluate('getAccountHistory', () => []);
    await request(app).get('/v1/energy-intervals/INT-1/positions').set(KEYS.clerk).expect(200);
    await request(app).get('/v1/energy-intervals/INT-1/positions/CIT-H1').set(KEYS.clerk).expect(200);
    await request(app).get('/v1/energy-credit/accounts/CIT-1').set(KEYS.officer).expect(200);
    await request(app).get('/v1/energy-credit/accounts/CIT-1/history').set(KEYS.officer).expect(200);
    expect(ledger.calls.map((c) => [c.fn, c.args])).toEqual([
      ['listPositions', ['INT-1']],
      ['getPosition', ['INT-1', 'CIT-H1']],
      ['getAccount', ['CIT-1']],
      ['getAccountHistory', ['CIT-1']],
    ]);
  });
});
