/**
 * Settlement of one cleared interval from what the meters show. Pure, in integers (Wh, cents).
 *
 * For each order with an allocation:
 * - settled = min(allocation, metered), where metered is what the household's meter exported
 *   (sellers) or imported (buyers) during the delivery interval;
 * - a seller is paid settled × clearing price; a buyer is charged settled × clearing price;
 * - the shortfall (allocation − settled) is charged at the interval's penalty price, to sellers
 *   and buyers alike.
 * The grid operator's balancing account ({@link GRID_ACCOUNT}) takes the other side of every
 * payment, so the changes always sum to zero: it supplied what a seller did not deliver and
 * absorbed what a buyer did not take, and it keeps the penalties.
 *
 * @example
 * ```ts
 * settleOrders({ priceCents: 25, penaltyPriceCents: 40 }, [{ id: 'H1', side: 'SELL', allocatedWh: 2000, meteredWh: 1500 }]);
 * // lines: [{ id: 'H1', meteredWh: 1500, settledWh: 1500, shortfallWh: 500, tradeCents: 38, penaltyCents: 20 }], deltas: Map { 'H1' => 18, 'GRID' => -18 }
 * ```
 */
import { costCents, GRID_ACCOUNT, type OrderSide } from '@city-ledger/domain';

export interface MeteredOrder {
  /** The household (its account). */
  readonly id: string;
  readonly side: OrderSide;
  readonly allocatedWh: number;
  readonly meteredWh: number;
}

export interface SettlementLine {
  readonly id: string;
  readonly meteredWh: number;
  readonly settledWh: number;
  readonly shortfallWh: number;
  /** Positive to a seller, negative from a buyer. */
  readonly tradeCents: number;
  readonly penaltyCents: number;
}

export interface Settlement {
  readonly lines: readonly SettlementLine[];
  /** Net change of each account, the grid's included; sums to zero. */
  readonly deltas: ReadonlyMap<string, number>;
  readonly deliveredWh: number;
  readonly takenWh: number;
  readonly shortfallWh: number;
}

/** Settles `orders` at the clearing and penalty prices, by the rule in the file comment. */
export function settleOrders(prices: { priceCents: number; penaltyPriceCents: number }, orders: readonly MeteredOrder[]): Settlement {
  const deltas = new Map<string, number>();
  const totals = { deliveredWh: 0, takenWh: 0, shortfallWh: 0 };
  const lines = orders.map((order): SettlementLine => {
    const settledWh = Math.min(order.allocatedWh, order.meteredWh);
    const shortfallWh = order.allocatedWh - settledWh;
    const trade = costCents(settledWh, prices.priceCents);
    const tradeCents = order.side === 'SELL' ? trade : -trade;
    const penaltyCents = costCents(shortfallWh, prices.penaltyPriceCents);
    deltas.set(order.id, (deltas.get(order.id) ?? 0) + tradeCents - penaltyCents);
    totals[order.side === 'SELL' ? 'deliveredWh' : 'takenWh'] += settledWh;
    totals.shortfallWh += shortfallWh;
    return { id: order.id, meteredWh: order.meteredWh, settledWh, shortfallWh, tradeCents, penaltyCents };
  });
  const households = [...deltas.values()].reduce((sum, d) => sum + d, 0);
  deltas.set(GRID_ACCOUNT, (deltas.get(GRID_ACCOUNT) ?? 0) - households);
  return { lines, deltas, ...totals };
}
