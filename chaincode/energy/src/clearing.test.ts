import { clearMarket, type ClearingOrder } from './clearing';

const T0 = '2026-06-01T10:00:00.000Z';
const T1 = '2026-06-01T10:00:01.000Z';
const order = (id: string, wh: number, limitPriceCents: number, placedAt = T0): ClearingOrder => ({ id, wh, limitPriceCents, placedAt });

describe('clearMarket: uniform-price double auction', () => {
  it('matches cheapest offers with highest bids and prices at the marginal midpoint', () => {
    const result = clearMarket(
      [order('S1', 3000, 10), order('S2', 2000, 20), order('S3', 4000, 35)],
      [order('B1', 4000, 30), order('B2', 2000, 25), order('B3', 1000, 5)],
    );
    // S1 3000 + S2 1000 to B1 (30); S2's other 1000 to B2 (25); S3 (35) is above every bid.
    expect(result.volumeWh).toBe(5000);
    expect(Object.fromEntries(result.allocations)).toEqual({ S1: 3000, S2: 2000, S3: 0, B1: 4000, B2: 1000, B3: 0 });
    // Last match: S2 (20) with B2 (25): midpoint 22.5, rounded down.
    expect(result.priceCents).toBe(22);
  });

  it('gives every matched order a price no worse than its limit', () => {
    const offers = [order('S1', 1500, 12), order('S2', 1500, 18)];
    const bids = [order('B1', 1000, 40), order('B2', 3000, 19)];
    const { priceCents = -1, allocations } = clearMarket(offers, bids);
    for (const o of offers) if ((allocations.get(o.id) ?? 0) > 0) expect(priceCents).toBeGreaterThanOrEqual(o.limitPriceCents);
    for (const b of bids) if ((allocations.get(b.id) ?? 0) > 0) expect(priceCents).toBeLessThanOrEqual(b.limitPriceCents);
  });

  it('breaks price ties by time, then by ID', () => {
    const tied = clearMarket([order('S-b', 1000, 10, T0), order('S-a', 1000, 10, T1), order('S-c', 1000, 10, T0)], [order('B1', 1500, 10)]);
    expect(Object.fromEntries(tied.allocations)).toMatchObject({ 'S-b': 1000, 'S-c': 500, 'S-a': 0 });
    const bids = clearMarket([order('S1', 1000, 5)], [order('B-z', 1000, 9, T0), order('B-y', 1000, 9, T1)]);
    expect(bids.allocations.get('B-z')).toBe(1000);
    expect(bids.allocations.get('B-y')).toBe(0);
  });

  it('clears nothing when no bid reaches an offer, or a side is empty', () => {
    expect(clearMarket([order('S1', 1000, 30)], [order('B1', 1000, 29)])).toEqual({ volumeWh: 0, allocations: new Map([['S1', 0], ['B1', 0]]) });
    expect(clearMarket([], [order('B1', 1000, 29)]).priceCents).toBeUndefined();
    expect(clearMarket([order('S1', 1000, 1)], []).volumeWh).toBe(0);
  });

  it('does not depend on the order orders arrive in', () => {
    const offers = [order('S1', 1000, 10), order('S2', 2500, 15), order('S3', 700, 15, T1)];
    const bids = [order('B1', 1200, 30), order('B2', 2000, 16), order('B3', 900, 15)];
    const a = clearMarket(offers, bids);
    const b = clearMarket([...offers].reverse(), [...bids].reverse());
    expect(b.priceCents).toBe(a.priceCents);
    expect(Object.fromEntries(b.allocations)).toEqual(Object.fromEntries(a.allocations));
  });
});
