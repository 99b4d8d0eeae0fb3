/**
 * Clearing of one interval: a uniform-price double auction, deterministic so that every
 * endorser computes the same allocations.
 *
 * The rule:
 * 1. Offers in ascending order of their minimum price, bids in descending order of their
 *    maximum price. Ties: the order placed first (transaction time) comes first, then the lower
 *    household ID (code-unit order).
 * 2. Walk both lists, matching the cheapest remaining offer with the highest remaining bid while
 *    the bid's price is at least the offer's; each match trades as much as both still have, so
 *    at most one offer and one bid are filled in part (the marginal ones).
 * 3. The clearing price is the midpoint of the last matched offer's and bid's prices, rounded
 *    down to the cent. Every matched seller asked at most that and every matched buyer offered
 *    at least that, so everyone trades at one price no worse than their limit.
 * 4. Nothing matches: no price, volume 0, every allocation 0.
 *
 * @example
 * ```ts
 * clearMarket([{ id: 'H1', wh: 3000, limitPriceCents: 20, placedAt }], [{ id: 'C1', wh: 2000, limitPriceCents: 30, placedAt }]);
 * // { priceCents: 25, volumeWh: 2000, allocations: Map { 'H1' => 2000, 'C1' => 2000 } }
 * ```
 */

/** One order as clearing sees it; `id` is unique among all orders of the interval. */
export interface ClearingOrder {
  readonly id: string;
  readonly wh: number;
  readonly limitPriceCents: number;
  readonly placedAt: string;
}

export interface Clearing {
  /** Absent when nothing traded. */
  readonly priceCents?: number;
  readonly volumeWh: number;
  /** Wh allocated to each order, 0 for those not matched. */
  readonly allocations: ReadonlyMap<string, number>;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byTimeThenId = (a: ClearingOrder, b: ClearingOrder): number => compareText(a.placedAt, b.placedAt) || compareText(a.id, b.id);

/** Clears `offers` against `bids` by the rule in the file comment. */
export function clearMarket(offers: readonly ClearingOrder[], bids: readonly ClearingOrder[]): Clearing {
  const sells = [...offers].sort((a, b) => a.limitPriceCents - b.limitPriceCents || byTimeThenId(a, b));
  const buys = [...bids].sort((a, b) => b.limitPriceCents - a.limitPriceCents || byTimeThenId(a, b));
  const allocations = new Map<string, number>([...sells, ...buys].map((o) => [o.id, 0]));
  let volumeWh = 0;
  let marginal: { ask: number; bid: number } | undefined;
  let [i, j] = [0, 0];
  let [sellLeft, buyLeft] = [sells[0]?.wh ?? 0, buys[0]?.wh ?? 0];
  for (let sell = sells[i], buy = buys[j]; sell && buy && buy.limitPriceCents >= sell.limitPriceCents; sell = sells[i], buy = buys[j]) {
    const traded = Math.min(sellLeft, buyLeft);
    allocations.set(sell.id, (allocations.get(sell.id) ?? 0) + traded);
    allocations.set(buy.id, (allocations.get(buy.id) ?? 0) + traded);
    volumeWh += traded;
    marginal = { ask: sell.limitPriceCents, bid: buy.limitPriceCents };
    sellLeft -= traded;
    buyLeft -= traded;
    if (sellLeft === 0) sellLeft = sells[++i]?.wh ?? 0;
    if (buyLeft === 0) buyLeft = buys[++j]?.wh ?? 0;
  }
  return marginal === undefined ? { volumeWh: 0, allocations } : { priceCents: Math.floor((marginal.ask + marginal.bid) / 2), volumeWh, allocations };
}
