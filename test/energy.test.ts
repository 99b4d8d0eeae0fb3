/**
 * The energy market and carbon credits on the real network, through the gateways `up` started.
 * Public Works (the grid operator, `energy-market`) registers five households' meters, opens an
 * interval, places three offers and two bids for them, clears it, and settles it from the
 * meters' device-signed readings, one seller delivering less than it sold. Health (the
 * `environment` remit) verifies a reduction and issues credits; a lot is transferred, retired,
 * and a second retirement is refused.
 */
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { testDevice, type TestDevice } from '@city-ledger/domain';
import { gatewayAs, type GatewayResponse } from './support/http';
import { openEvents } from './support/sse';

// The ledger is shared across runs, so every ID carries this run's suffix.
const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const operator = gatewayAs('publicworks', 'officer1');
const health = gatewayAs('health', 'officer1');
const registry = gatewayAs('registry', 'clerk1');
const auditor = gatewayAs('auditor', 'auditor1');

const iso = (millis: number) => new Date(millis).toISOString();
const ok = (res: GatewayResponse, status = 200) => expect({ status: res.status, body: res.body }).toMatchObject({ status });

/** Waits until the wall clock (which the gateway's transaction timestamps follow) is past `millis`. */
async function waitUntil(millis: number): Promise<void> {
  const wait = millis - Date.now() + 500;
  if (wait > 0) await sleep(wait);
}

describe('energy market', () => {
  const households = ['H1', 'H2', 'H3', 'C1', 'C2'].map((name) => ({ name, id: `CIT-${name}-${run}`, meter: testDevice(`MTR-${name}-${run}`) }));
  const of = (name: string) => households.find((h) => h.name === name) as { id: string; meter: TestDevice };
  const interval = `INT-${run}`;
  const balance = async (accountId: string): Promise<number> => (await operator('GET', `/v1/energy-credit/accounts/${accountId}`)).body.balanceCents as number;
  let times: { closesAt: number; deliveryStart: number; deliveryEnd: number };
  let gridBefore = 0;

  test('Public Works registers the meters, funds the buyers and opens an interval', async () => {
    for (const h of households) {
      ok(await operator('POST', '/v1/devices', { body: JSON.parse(h.meter.registration({ owner: h.id })) }), 201);
    }
    for (const name of ['C1', 'C2']) {
      ok(await operator('POST', '/v1/energy-credit/deposits', { body: { accountId: of(name).id, amountCents: 1000, reference: `pay-${run}` } }));
    }
    gridBefore = await balance('GRID');
    ok(await operator('POST', '/v1/energy-credit/deposits', { body: { accountId: 'GRID', amountCents: 500, reference: `float-${run}` } }));
    // Long enough for six orders to commit, short enough not to keep CI waiting.
    const closesAt = Date.now() + 15_000;
    times = { closesAt, deliveryStart: closesAt, deliveryEnd: closesAt + 5_000 };
    const opened = await operator('POST', '/v1/energy-intervals', {
      body: { id: interval, closesAt: iso(times.closesAt), deliveryStart: iso(times.deliveryStart), deliveryEnd: iso(times.deliveryEnd), penaltyPriceCents: 40 },
    });
    ok(opened, 201);
    expect(opened.body.result).toMatchObject({ status: 'OPEN', operator: 'PublicWorksMSP' });
  });

  test('three households offer, two bid; their positions are private to Public Works', async () => {
    for (const [name, kWh, limitPriceCents] of [['H1', 2, 10], ['H2', 2, 15], ['H3', 2, 30]] as const) {
      ok(await operator('POST', `/v1/energy-intervals/${interval}/offers`, { body: { householdId: of(name).id, meterId: of(name).meter.id, kWh, limitPriceCents } }));
    }
    for (const [name, kWh, limitPriceCents] of [['C1', 3, 25], ['C2', 1.5, 20]] as const) {
      ok(await operator('POST', `/v1/energy-intervals/${interval}/bids`, { body: { householdId: of(name).id, meterId: of(name).meter.id, kWh, limitPriceCents } }));
    }
    const again = await operator('POST', `/v1/energy-intervals/${interval}/bids`, { body: { householdId: of('C1').id, meterId: of('C1').meter.id, kWh: 1, limitPriceCents: 1 } });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'CONFLICT' });
    expect((await registry('GET', `/v1/energy-intervals/${interval}/positions`)).status).toBe(403);
    const publicView = await auditor('GET', `/v1/energy-intervals/${interval}`);
    expect(publicView.status).toBe(200);
    expect(publicView.text).not.toContain(of('H1').id);
  });

  test('the interval clears at one price; the public sees price and volume only, on the ledger and the event stream', async () => {
    const stream = await openEvents('auditor', 'auditor1', '/v1/events?chaincode=energy&event=MarketIntervalCleared');
    await waitUntil(times.closesAt);
    const cleared = await operator('POST', `/v1/energy-intervals/${interval}/clear`);
    ok(cleared);
    expect(cleared.body.result.clearing).toMatchObject({ priceCents: 17, volumeKWh: 4, offers: 3, bids: 2 });
    try {
      const event = await stream.waitFor((e) => e.data.txId === cleared.body.txId);
      expect(event.data.payload).toMatchObject({ intervalId: interval, priceCents: 17, volumeKWh: 4 });
      expect(event.raw).not.toMatch(/CIT-|MTR-/);
    } finally {
      stream.close();
    }
    const seen = await auditor('GET', `/v1/energy-intervals/${interval}`);
    expect(seen.body).toMatchObject({ status: 'CLEARED', clearing: { priceCents: 17, volumeKWh: 4 } });
    expect(seen.text).not.toMatch(/CIT-|MTR-/);
  });

  test('settlement pays from the signed meter readings; the under-delivering seller pays the penalty', async () => {
    await waitUntil(times.deliveryEnd);
    const at = (offset: number) => iso(times.deliveryStart + offset);
    const readings: [string, number, number, number][] = [
      ['H1', 1_000, 1.2, 0], ['H1', 3_000, 0.8, 0], ['H2', 2_000, 1.5, 0], ['H3', 2_000, 2, 0], ['C1', 2_000, 0, 3], ['C2', 2_000, 0, 1],
    ];
    const seq = new Map<string, number>();
    for (const [name, offset, exportedKWh, importedKWh] of readings) {
      const next = (seq.get(name) ?? 0) + 1;
      seq.set(name, next);
      ok(await operator('POST', '/v1/device-readings', { body: of(name).meter.signed(next, at(offset), { measurements: { exportedKWh, importedKWh } }) }));
    }
    const settled = await operator('POST', `/v1/energy-intervals/${interval}/settle`);
    ok(settled);
    expect(settled.body.result).toMatchObject({ status: 'SETTLED', settlement: { deliveredKWh: 3.5, takenKWh: 4, shortfallKWh: 0.5 } });
    // 17 cents/kWh; H2 delivered 1.5 of 2 kWh: 26 for the energy, 20 for the 0.5 kWh shortfall at 40.
    expect(await balance(of('H1').id)).toBe(34);
    expect(await balance(of('H2').id)).toBe(6);
    expect(await balance(of('H3').id)).toBe(0);
    expect(await balance(of('C1').id)).toBe(949);
    expect(await balance(of('C2').id)).toBe(983);
    expect(await balance('GRID')).toBe(gridBefore + 500 + 28);
    const h2 = await operator('GET', `/v1/energy-intervals/${interval}/positions/${of('H2').id}`);
    expect(h2.body.settlement).toEqual({ meteredKWh: 1.5, settledKWh: 1.5, shortfallKWh: 0.5, tradeCents: 26, penaltyCents: 20 });
    const overdraw = await operator('POST', '/v1/energy-credit/withdrawals', { body: { accountId: of('H1').id, amountCents: 35, reference: `cash-${run}` } });
    expect({ status: overdraw.status, code: overdraw.body.code }).toEqual({ status: 409, code: 'CONFLICT' });
    expect(await balance(of('H1').id)).toBe(34);
  });
});

describe('carbon credits', () => {
  const reduction = `RED-${run}`;
  const lot = `CC-${run}`;
  const totals = async (): Promise<Record<string, { issuedTonnes: number; transferredTonnes: number; retiredTonnes: number }>> =>
    Object.fromEntries(((await auditor('GET', '/v1/carbon-totals/2026')).body as { department: string; issuedTonnes: number; transferredTonnes: number; retiredTonnes: number }[]).map((t) => [t.department, t]));

  test('Health verifies a reduction and issues credits, never more than verified; a lot moves and is retired once only', async () => {
    const before = await totals();
    const evidenceHash = createHash('sha256').update(`verification report ${run}`).digest('hex');
    ok(await health('POST', '/v1/emission-reductions', { body: { id: reduction, department: 'PublicWorksMSP', year: 2026, tonnes: 100, description: 'LED street lighting, district 4', evidenceHash } }), 201);
    ok(await health('POST', '/v1/carbon-credits', { body: { id: lot, reductionId: reduction, tonnes: 60 } }), 201);
    const beyond = await health('POST', '/v1/carbon-credits', { body: { id: `${lot}-2`, reductionId: reduction, tonnes: 41 } });
    expect({ status: beyond.status, code: beyond.body.code }).toEqual({ status: 422, code: 'FAILED_PRECONDITION' });

    // The lot's key names its holder: Public Works' peer endorses the transfer, Health's the retirement.
    ok(await operator('POST', `/v1/carbon-credits/${lot}/transfer`, { body: { to: 'HealthMSP' } }));
    const retired = await health('POST', `/v1/carbon-credits/${lot}/retire`, { body: { reason: `Offsets the 2026 ambulance fleet (${run})` } });
    ok(retired);
    expect(retired.body.result).toMatchObject({ status: 'RETIRED', retiredBy: 'HealthMSP' });
    const again = await health('POST', `/v1/carbon-credits/${lot}/retire`, { body: { reason: 'twice' } });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'CONFLICT' });

    const after = await totals();
    const delta = (msp: string, field: 'issuedTonnes' | 'transferredTonnes' | 'retiredTonnes') => (after[msp]?.[field] ?? 0) - (before[msp]?.[field] ?? 0);
    expect([delta('PublicWorksMSP', 'issuedTonnes'), delta('PublicWorksMSP', 'transferredTonnes'), delta('HealthMSP', 'retiredTonnes')]).toEqual([60, 60, 60]);
  });
});
