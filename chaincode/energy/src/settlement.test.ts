import { GRID_ACCOUNT } from '@city-ledger/domain';
import { settleOrders } from './settlement';

describe('settleOrders', () => {
  const prices = { priceCents: 25, penaltyPriceCents: 40 };

  it('pays sellers and charges buyers only for metered energy, penalises shortfalls, and sums to zero', () => {
    const result = settleOrders(prices, [
      { id: 'H1', side: 'SELL', allocatedWh: 2000, meteredWh: 2600 },
      { id: 'H2', side: 'SELL', allocatedWh: 2000, meteredWh: 1500 },
      { id: 'C1', side: 'BUY', allocatedWh: 3000, meteredWh: 3000 },
      { id: 'C2', side: 'BUY', allocatedWh: 1000, meteredWh: 400 },
    ]);
    expect(result.lines).toEqual([
      { id: 'H1', meteredWh: 2600, settledWh: 2000, shortfallWh: 0, tradeCents: 50, penaltyCents: 0 },
      { id: 'H2', meteredWh: 1500, settledWh: 1500, shortfallWh: 500, tradeCents: 38, penaltyCents: 20 },
      { id: 'C1', meteredWh: 3000, settledWh: 3000, shortfallWh: 0, tradeCents: -75, penaltyCents: 0 },
      { id: 'C2', meteredWh: 400, settledWh: 400, shortfallWh: 600, tradeCents: -10, penaltyCents: 24 },
    ]);
    expect(Object.fromEntries(result.deltas)).toEqual({ H1: 50, H2: 18, C1: -75, C2: -34, [GRID_ACCOUNT]: 41 });
    expect([...result.deltas.values()].reduce((a, b) => a + b, 0)).toBe(0);
    expect(result).toMatchObject({ deliveredWh: 3500, takenWh: 3400, shortfallWh: 1100 });
  });

  it('leaves the grid at zero when everyone delivers and takes exactly what cleared', () => {
    const result = settleOrders(prices, [
      { id: 'H1', side: 'SELL', allocatedWh: 1000, meteredWh: 1000 },
      { id: 'C1', side: 'BUY', allocatedWh: 1000, meteredWh: 5000 },
    ]);
    expect(result.deltas.get(GRID_ACCOUNT)).toBe(0);
    expect(result.shortfallWh).toBe(0);
  });
});
