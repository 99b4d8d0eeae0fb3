import { auditor, FakeLedger, healthOfficer, Msp, publicWorksClerk as clerk, publicWorksInspector, publicWorksOfficer as officer } from '@city-ledger/chaincode-common/testing';
import type { CreditAccount, MarketInterval, MarketOrder } from '@city-ledger/domain';
import { CreditsContract } from './credits';
import { MarketContract } from './market';
import { energyLedger, type FakeMeters } from './testing/fakeDevices';

const market = new MarketContract();
const credits = new CreditsContract();

const INTERVAL = { id: 'INT-1', closesAt: '2026-06-01T10:00:00Z', deliveryStart: '2026-06-01T10:00:00Z', deliveryEnd: '2026-06-01T10:15:00Z', penaltyPriceCents: 40 };
/** The arguments and transient data of placeOffer and placeBid. */
const order = (householdId: string, kWh: number, limitPriceCents: number, intervalId = 'INT-1') => [[intervalId], { order: { householdId, meterId: `MTR-${householdId}`, kWh, limitPriceCents } }] as const;

async function openInterval(ledger: FakeLedger, fields: Partial<typeof INTERVAL> = {}): Promise<MarketInterval> {
  return (await ledger.invoke<MarketInterval>(market, 'openInterval', officer, [JSON.stringify({ ...INTERVAL, ...fields })])).result;
}

function withHouseholds(meters: FakeMeters, ...ids: string[]): void {
  for (const id of ids) meters.add(`MTR-${id}`, id);
}

async function balance(ledger: FakeLedger, accountId: string): Promise<number> {
  return (await ledger.evaluate<CreditAccount>(credits, 'getAccount', clerk, [accountId])).result.balanceCents;
}

describe('market: a whole interval', () => {
  it('opens, takes private orders, clears at one price and settles from the meters (one seller short)', async () => {
    const { ledger, meters } = energyLedger();
    withHouseholds(meters, 'H1', 'H2', 'H3', 'C1', 'C2');
    const opened = await openInterval(ledger);
    expect(opened).toMatchObject({ status: 'OPEN', operator: Msp.PublicWorks });
    for (const [h, kWh, price] of [['H1', 2, 10], ['H2', 2, 15], ['H3', 2, 30]] as const) {
      const { event, payload } = await ledger.invoke(market, 'placeOffer', clerk, ...order(h, kWh, price));
      expect(event).toMatchObject({ name: 'MarketOrderPlaced', payload: { intervalId: 'INT-1', side: 'SELL' } });
      expect(payload).not.toContain(h);
    }
    for (const [c, kWh, price] of [['C1', 3, 25], ['C2', 1.5, 20]] as const) {
      await ledger.invoke(market, 'placeBid', officer, ...order(c, kWh, price));
    }
    for (const c of ['C1', 'C2']) await ledger.invoke(credits, 'deposit', clerk, [], { deposit: { accountId: c, amountCents: 1000, reference: `pay-${c}` } });
    await ledger.invoke(credits, 'deposit', clerk, [], { deposit: { accountId: 'H2', amountCents: 100, reference: 'pay-H2' } });

    // Nothing public names a household.
    expect(JSON.stringify([...ledger.world.entries()].map(([k, v]) => [k, Buffer.from(v).toString()]))).not.toMatch(/H1|C1|MTR/);

    ledger.setTime('2026-06-01T10:00:00.000Z');
    const { result: cleared, event } = await ledger.invoke<MarketInterval>(market, 'clearInterval', officer, ['INT-1']);
    // H1 2 kWh (10) and H2 2 kWh (15) against C1 3 kWh (25) and C2 1 kWh of 1.5 (20): last match H2/C2, price 17.
    expect(cleared.clearing).toMatchObject({ priceCents: 17, volumeKWh: 4, offers: 3, bids: 2 });
    expect(event).toMatchObject({ name: 'MarketIntervalCleared', payload: { intervalId: 'INT-1', priceCents: 17, volumeKWh: 4 } });
    const positions = (await ledger.evaluate<MarketOrder[]>(market, 'listPositions', clerk, ['INT-1'])).result;
    expect(Object.fromEntries(positions.map((p) => [p.householdId, p.allocatedKWh]))).toEqual({ H1: 2, H2: 2, H3: 0, C1: 3, C2: 1 });

    // H1 delivers all, H2 only 1.5 kWh; C1 takes 3 kWh, C2 1 kWh (readings outside the interval do not count).
    meters.read('MTR-H1', '2026-06-01T10:05:00Z', { exportedKWh: 1.2 });
    meters.read('MTR-H1', '2026-06-01T10:10:00Z', { exportedKWh: 1.1 });
    meters.read('MTR-H2', '2026-06-01T10:05:00Z', { exportedKWh: 1.5 });
    meters.read('MTR-H2', '2026-06-01T10:15:00Z', { exportedKWh: 9 });
    meters.read('MTR-C1', '2026-06-01T10:05:00Z', { importedKWh: 3, exportedKWh: 0 });
    meters.read('MTR-C2', '2026-06-01T09:55:00Z', { importedKWh: 5 });
    meters.read('MTR-C2', '2026-06-01T10:14:59.999Z', { importedKWh: 1 });
    await ledger.invoke(credits, 'deposit', clerk, [], { deposit: { accountId: 'GRID', amountCents: 500, reference: 'grid float' } });

    ledger.setTime('2026-06-01T10:15:00.000Z');
    const settled = await ledger.invoke<MarketInterval>(market, 'settleInterval', clerk, ['INT-1']);
    expect(settled.result).toMatchObject({ status: 'SETTLED', settlement: { deliveredKWh: 3.5, takenKWh: 4, shortfallKWh: 0.5 } });
    expect(settled.event?.name).toBe('MarketIntervalSettled');
    // H1 2 kWh × 17 = 34; H2 1.5 × 17 = 25.5 → 26, minus 0.5 × 40 = 20; C1 -51; C2 -17; GRID +28, the rest.
    expect(await balance(ledger, 'H1')).toBe(34);
    expect(await balance(ledger, 'H2')).toBe(106);
    expect(await balance(ledger, 'H3')).toBe(0);
    expect(await balance(ledger, 'C1')).toBe(949);
    expect(await balance(ledger, 'C2')).toBe(983);
    expect(await balance(ledger, 'GRID')).toBe(528);
    const h2 = (await ledger.evaluate<MarketOrder>(market, 'getPosition', clerk, ['INT-1', 'H2'])).result;
    expect(h2.settlement).toEqual({ meteredKWh: 1.5, settledKWh: 1.5, shortfallKWh: 0.5, tradeCents: 26, penaltyCents: 20 });
    // Only allocated meters were read at settlement.
    expect(meters.calls.filter(([fn]) => fn === 'readings:getReadings').map((c) => c[1]).sort()).toEqual(['MTR-C1', 'MTR-C2', 'MTR-H1', 'MTR-H2']);
    await expect(ledger.invoke(market, 'settleInterval', clerk, ['INT-1'])).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
  });

  it('refuses the whole settlement with CONFLICT when an account cannot pay, changing nothing', async () => {
    const { ledger, meters } = energyLedger();
    withHouseholds(meters, 'H1', 'C1');
    await openInterval(ledger);
    await ledger.invoke(market, 'placeOffer', clerk, ...order('H1', 1, 10));
    await ledger.invoke(market, 'placeBid', clerk, ...order('C1', 1, 20));
    ledger.setTime('2026-06-01T10:00:00.000Z');
    await ledger.invoke(market, 'clearInterval', clerk, ['INT-1']);
    meters.read('MTR-H1', '2026-06-01T10:01:00Z', { exportedKWh: 1 });
    meters.read('MTR-C1', '2026-06-01T10:01:00Z', { importedKWh: 1 });
    ledger.setTime('2026-06-01T11:00:00.000Z');
    const before = ledger.snapshot();
    await expect(ledger.invoke(market, 'settleInterval', clerk, ['INT-1'])).rejects.toMatchObject({ code: 'CONFLICT', message: 'CONFLICT: account C1 holds 0 cents; 15 needed' });
    expect(ledger.snapshot()).toBe(before);
    await ledger.invoke(credits, 'deposit', clerk, [], { deposit: { accountId: 'C1', amountCents: 15, reference: 'top-up' } });
    await ledger.invoke(market, 'settleInterval', clerk, ['INT-1']);
    expect(await balance(ledger, 'C1')).toBe(0);
    expect(await balance(ledger, 'H1')).toBe(15);
  });

  it('clears an interval where nothing matches without a price, and settles it with nothing to pay', async () => {
    const { ledger, meters } = energyLedger();
    withHouseholds(meters, 'H1', 'C1');
    await openInterval(ledger);
    await ledger.invoke(market, 'placeOffer', clerk, ...order('H1', 1, 50));
    await ledger.invoke(market, 'placeBid', clerk, ...order('C1', 1, 20));
    ledger.setTime('2026-06-01T10:00:00.000Z');
    const cleared = await ledger.invoke<MarketInterval>(market, 'clearInterval', clerk, ['INT-1']);
    expect(cleared.result.clearing).not.toHaveProperty('priceCents');
    ledger.setTime('2026-06-01T10:15:00.000Z');
    const settled = await ledger.invoke<MarketInterval>(market, 'settleInterval', clerk, ['INT-1']);
    expect(settled.result.settlement).toMatchObject({ deliveredKWh: 0, takenKWh: 0, shortfallKWh: 0 });
  });
});

describe('market: refusals', () => {
  it.each([
    ['end before start', { deliveryEnd: '2026-06-01T09:59:00Z' }, /deliveryEnd must be after/],
    ['closing after delivery starts', { closesAt: '2026-06-01T10:01:00Z' }, /closesAt must be at or before/],
    ['closing in the past', { closesAt: '2026-06-01T08:00:00Z', deliveryStart: '2026-06-01T08:00:00Z' }, /after the transaction time/],
    ['a fractional penalty', { penaltyPriceCents: 1.5 }, /penaltyPriceCents must be a whole number/],
  ])('refuses an interval with %s (INVALID_ARGUMENT)', async (_, fields, message) => {
    const { ledger } = energyLedger();
    await expect(openInterval(ledger, fields as Partial<typeof INTERVAL>)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) });
    expect(ledger.snapshot()).toBe(new FakeLedger().snapshot());
  });

  it('refuses an order without transient data, or with a bad one (INVALID_ARGUMENT)', async () => {
    const { ledger, meters } = energyLedger();
    withHouseholds(meters, 'H1');
    await openInterval(ledger);
    const before = ledger.snapshot();
    await expect(ledger.invoke(market, 'placeOffer', clerk, ['INT-1'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: 'INVALID_ARGUMENT: transient field order is required' });
    const [args, { order: good }] = order('H1', 1, 10);
    for (const bad of [{ ...good, kWh: 0 }, { ...good, limitPriceCents: -1 }, { ...good, meterId: 'M 1' }, { ...good, intervalId: 'INT-1' }]) {
      await expect(ledger.invoke(market, 'placeOffer', clerk, args, { order: bad })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    expect(ledger.snapshot()).toBe(before);
  });

  it('refuses a second interval with the same ID (CONFLICT)', async () => {
    const { ledger } = energyLedger();
    await openInterval(ledger);
    await expect(openInterval(ledger)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it.each([
    ['an unknown meter', (m: FakeMeters) => m.add('MTR-X', 'H1'), 'NOT_FOUND', /meter MTR-H1 does not exist/],
    ["another household's meter", (m: FakeMeters) => m.add('MTR-H1', 'H9'), 'FAILED_PRECONDITION', /not registered to household H1/],
    ['a logger', (m: FakeMeters) => m.add('MTR-H1', 'H1', { kind: 'LOGGER' }), 'FAILED_PRECONDITION', /is a LOGGER, not a METER/],
    ['a suspended meter', (m: FakeMeters) => m.add('MTR-H1', 'H1', { status: 'SUSPENDED' }), 'FAILED_PRECONDITION', /is SUSPENDED/],
  ])('refuses an order from %s', async (_, setUp, code, message) => {
    const { ledger, meters } = energyLedger();
    setUp(meters);
    await openInterval(ledger);
    const before = ledger.snapshot();
    await expect(ledger.invoke(market, 'placeOffer', clerk, ...order('H1', 1, 10))).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    expect(ledger.snapshot()).toBe(before);
  });

  it('refuses a second order of a household, orders for the grid account, after closing, and for a cleared interval', async () => {
    const { ledger, meters } = energyLedger();
    withHouseholds(meters, 'H1', 'GRID');
    await openInterval(ledger);
    await ledger.invoke(market, 'placeOffer', clerk, ...order('H1', 1, 10));
    await expect(ledger.invoke(market, 'placeBid', clerk, ...order('H1', 1, 10))).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(ledger.invoke(market, 'placeBid', clerk, ...order('GRID', 1, 10))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(ledger.invoke(market, 'placeBid', clerk, ...order('H1', 1, 10, 'INT-9'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.invoke(market, 'clearInterval', clerk, ['INT-1'])).rejects.toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringMatching(/takes orders until/) });
    ledger.setTime('2026-06-01T10:00:00.000Z');
    await expect(ledger.invoke(market, 'placeOffer', clerk, ...order('H2', 1, 10))).rejects.toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringMatching(/closed at/) });
    await ledger.invoke(market, 'clearInterval', clerk, ['INT-1']);
    await expect(ledger.invoke(market, 'placeOffer', clerk, ...order('H2', 1, 10))).rejects.toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringMatching(/is CLEARED/) });
    await expect(ledger.invoke(market, 'settleInterval', clerk, ['INT-1'])).rejects.toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringMatching(/delivers until/) });
  });

  it.each([
    ['a Health officer', healthOfficer],
    ['a Public Works inspector', publicWorksInspector],
    ['the Auditor', auditor],
  ])('refuses writes and private reads to %s (FORBIDDEN)', async (_, who) => {
    const { ledger, meters } = energyLedger();
    withHouseholds(meters, 'H1');
    await expect(ledger.invoke(market, 'openInterval', who, [JSON.stringify(INTERVAL)])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await openInterval(ledger);
    await ledger.invoke(market, 'placeOffer', clerk, ...order('H1', 1, 10));
    await expect(ledger.invoke(market, 'placeOffer', who, ...order('H1', 1, 10))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const fn of ['clearInterval', 'settleInterval']) {
      await expect(ledger.invoke(market, fn, who, ['INT-1'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(ledger.evaluate(market, 'getPosition', who, ['INT-1', 'H1'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ledger.evaluate(market, 'listPositions', who, ['INT-1'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // The public interval is for everyone.
    expect((await ledger.evaluate<MarketInterval>(market, 'getInterval', who, ['INT-1'])).result.id).toBe('INT-1');
  });

  it('answers FAILED_PRECONDITION when the devices chaincode fails or answers nonsense', async () => {
    const ledger = new FakeLedger({ start: '2026-06-01T09:00:00.000Z' });
    ledger.defineCollection('energyMarketPositions', { members: [Msp.PublicWorks] });
    let answer: unknown = null;
    ledger.registerChaincode('devices', () => {
      if (answer instanceof Error) throw answer;
      return answer;
    });
    await openInterval(ledger);
    for (const value of [null, 'not json', { id: 'MTR-H1' }, new Error('FORBIDDEN: no')]) {
      answer = value;
      await expect(ledger.invoke(market, 'placeOffer', clerk, ...order('H1', 1, 10))).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
    }
    const ctx = ledger.context(clerk);
    ctx.stub.invokeChaincode = () => Promise.reject('peer said no');
    const { meteredWh } = await import('./meters');
    await expect(meteredWh(ctx, 'MTR-H1', 'SELL', INTERVAL.deliveryStart, INTERVAL.deliveryEnd)).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
    ctx.stub.invokeChaincode = () => Promise.resolve({ status: 200, message: '', payload: Buffer.from('{}') });
    await expect(meteredWh(ctx, 'MTR-H1', 'SELL', INTERVAL.deliveryStart, INTERVAL.deliveryEnd)).rejects.toMatchObject({ message: expect.stringMatching(/returned no list/) });
    ctx.stub.invokeChaincode = () => Promise.resolve({ status: 200, message: '', payload: Buffer.from(JSON.stringify([null, { reading: { deviceId: 'MTR-H1', takenAt: 'soon' } }, { reading: { deviceId: 'MTR-H1', takenAt: '2026-06-01T10:01:00Z', measurements: { exportedKWh: -3 } } }, { reading: { deviceId: 'MTR-H9', takenAt: '2026-06-01T10:01:00Z', measurements: { exportedKWh: 3 } } }, { reading: { deviceId: 'MTR-H1', takenAt: '2026-06-01T10:02:00Z', measurements: { exportedKWh: 0.25 } } }])) });
    expect(await meteredWh(ctx, 'MTR-H1', 'SELL', INTERVAL.deliveryStart, INTERVAL.deliveryEnd)).toBe(250);
  });
});
