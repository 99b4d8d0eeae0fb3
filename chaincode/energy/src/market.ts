/**
 * `market` contract: the neighbourhood energy market. The grid operator (`energy-market`
 * officers and clerks) opens delivery intervals, places households' offers and bids, clears
 * each interval when it closes (clearing.ts) and settles it from the meters' signed readings
 * once delivery is over (settlement.ts, meters.ts).
 *
 * Public: the interval (times, penalty price, status, cleared price and volume, settled
 * totals). Private to the operator (collection `energyMarketPositions`): each household's order,
 * allocation and settlement, and the balances they move (accounts.ts). Events carry the
 * interval's public figures only.
 *
 * Endorsement: an interval's key needs a peer of the operator department that opened it; the
 * private writes follow their collection's policy (its members).
 */
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import './components';
import {
  emitEvent,
  failedPrecondition,
  invalidArgument,
  isoToMillis,
  putPrivateJson,
  readJson,
  readPrivateJson,
  readTransient,
  tryReadPrivateJson,
  requireAbsent,
  requireId,
  requireKeyEndorsers,
  requireWriter,
  txTimeMillis,
  txTimestamp,
  writeJson,
  CityContract,
  conflict,
} from '@city-ledger/chaincode-common';
import { fromWh, GRID_ACCOUNT, IntervalInput, OrderInput, parseJson, toWh, type IntervalStatus, type MarketInterval, type MarketOrder, type OrderSide } from '@city-ledger/domain';
import { applyCredits } from './accounts';
import { clearMarket } from './clearing';
import { Collections } from './collections';
import { intervalKey, orderBookKey, orderKey } from './keys';
import { meteredWh, requireHouseholdMeter } from './meters';
import { OPERATOR_ROLES, operatorMsps, requireOperatorReader } from './roles';
import { settleOrders } from './settlement';

/** The contract's transaction context (see logistics' MaterialsContext for why it is declared here). */
export class MarketContext extends Context {}

const millis = (iso: string): number => isoToMillis(iso) ?? Number.NaN;

@Info({ title: 'Market', description: 'Neighbourhood energy market: intervals, private household orders, uniform-price clearing, settlement from signed meter readings' })
export class MarketContract extends CityContract {
  constructor() {
    super('market', [Collections.Positions]);
  }

  override createContext(): MarketContext {
    return new MarketContext();
  }

  /**
   * Opens a delivery interval. `intervalJson`: `{id, deliveryStart, deliveryEnd, closesAt,
   * penaltyPriceCents}`; closesAt must be in the future and at or before deliveryStart, which is
   * before deliveryEnd.
   */
  @Transaction()
  @Returns('MarketInterval')
  async openInterval(ctx: MarketContext, intervalJson: string) {
    const who = requireWriter(ctx, operatorMsps(), OPERATOR_ROLES);
    const input = parseJson(IntervalInput, intervalJson, 'interval');
    if (!(millis(input.deliveryStart) < millis(input.deliveryEnd))) {
      throw invalidArgument('interval.deliveryEnd must be after interval.deliveryStart');
    }
    if (!(millis(input.closesAt) <= millis(input.deliveryStart))) {
      throw invalidArgument('interval.closesAt must be at or before interval.deliveryStart');
    }
    if (!(millis(input.closesAt) > txTimeMillis(ctx))) {
      throw invalidArgument('interval.closesAt must be after the transaction time');
    }
    const key = intervalKey(ctx, input.id);
    await requireAbsent(ctx, key, 'interval');
    const interval: MarketInterval = { ...input, status: 'OPEN', operator: who.msp, openedAt: txTimestamp(ctx) };
    await writeJson(ctx, key, interval);
    await requireKeyEndorsers(ctx, key, [who.msp]);
    emitEvent(ctx, 'MarketIntervalOpened', { intervalId: input.id, deliveryStart: input.deliveryStart, deliveryEnd: input.deliveryEnd, closesAt: input.closesAt, penaltyPriceCents: input.penaltyPriceCents, txTime: interval.openedAt });
    return interval;
  }

  /**
   * A prosumer's offer of surplus, placed by the operator for the household. Transient `order`:
   * `{householdId, meterId, kWh, limitPriceCents}` (the minimum price). Returns the public interval.
   */
  @Transaction()
  @Returns('MarketInterval')
  async placeOffer(ctx: MarketContext, intervalId: string) {
    return this.placeOrder(ctx, 'SELL', intervalId);
  }

  /** A consumer's bid, placed by the operator for the household; transient `order` as for placeOffer, `limitPriceCents` the maximum price. */
  @Transaction()
  @Returns('MarketInterval')
  async placeBid(ctx: MarketContext, intervalId: string) {
    return this.placeOrder(ctx, 'BUY', intervalId);
  }

  /** Clears a closed interval (on or after `closesAt`): fixes the uniform price and every order's allocation. */
  @Transaction()
  @Returns('MarketInterval')
  async clearInterval(ctx: MarketContext, intervalId: string) {
    requireWriter(ctx, operatorMsps(), OPERATOR_ROLES);
    const interval = await this.intervalIn(ctx, intervalId, 'OPEN');
    if (txTimeMillis(ctx) < millis(interval.closesAt)) {
      throw failedPrecondition(`interval ${interval.id} takes orders until ${interval.closesAt}`);
    }
    const orders = await this.orders(ctx, interval.id);
    const asClearing = (side: OrderSide) => orders.filter((o) => o.side === side).map((o) => ({ id: o.householdId, wh: toWh(o.kWh), limitPriceCents: o.limitPriceCents, placedAt: o.placedAt }));
    const clearing = clearMarket(asClearing('SELL'), asClearing('BUY'));
    for (const order of orders) {
      await putPrivateJson(ctx, Collections.Positions, orderKey(ctx, order.intervalId, order.householdId), { ...order, allocatedKWh: fromWh(clearing.allocations.get(order.householdId) ?? 0) });
    }
    const cleared: MarketInterval = {
      ...interval,
      status: 'CLEARED',
      clearing: {
        ...(clearing.priceCents === undefined ? {} : { priceCents: clearing.priceCents }),
        volumeKWh: fromWh(clearing.volumeWh),
        offers: orders.filter((o) => o.side === 'SELL').length,
        bids: orders.filter((o) => o.side === 'BUY').length,
        clearedAt: txTimestamp(ctx),
      },
    };
    await writeJson(ctx, intervalKey(ctx, interval.id), cleared);
    emitEvent(ctx, 'MarketIntervalCleared', { intervalId: interval.id, ...cleared.clearing, txTime: cleared.clearing?.clearedAt });
    return cleared;
  }

  /**
   * Settles a cleared interval once delivery is over (on or after `deliveryEnd`): reads every
   * allocated household's meter, pays and charges by settlement.ts, and moves the credits.
   * CONFLICT, changing nothing, when an account (the grid's included) cannot pay.
   */
  @Transaction()
  @Returns('MarketInterval')
  async settleInterval(ctx: MarketContext, intervalId: string) {
    requireWriter(ctx, operatorMsps(), OPERATOR_ROLES);
    const interval = await this.intervalIn(ctx, intervalId, 'CLEARED');
    if (txTimeMillis(ctx) < millis(interval.deliveryEnd)) {
      throw failedPrecondition(`interval ${interval.id} delivers until ${interval.deliveryEnd}`);
    }
    const allocated = new Map((await this.orders(ctx, interval.id)).filter((o) => (o.allocatedKWh ?? 0) > 0).map((o) => [o.householdId, o]));
    const metered = [];
    for (const order of allocated.values()) {
      metered.push({ id: order.householdId, side: order.side, allocatedWh: toWh(order.allocatedKWh ?? 0), meteredWh: await meteredWh(ctx, order.meterId, order.side, interval.deliveryStart, interval.deliveryEnd) });
    }
    const settlement = settleOrders({ priceCents: interval.clearing?.priceCents ?? 0, penaltyPriceCents: interval.penaltyPriceCents }, metered);
    const changes = [...settlement.deltas].filter(([, amount]) => amount !== 0).map(([accountId, amountCents]) => ({ accountId, amountCents, reference: `interval ${interval.id}` }));
    await applyCredits(ctx, 'SETTLEMENT', changes);
    for (const line of settlement.lines) {
      const order = allocated.get(line.id) as MarketOrder;
      const settled: MarketOrder = {
        ...order,
        settlement: { meteredKWh: fromWh(line.meteredWh), settledKWh: fromWh(line.settledWh), shortfallKWh: fromWh(line.shortfallWh), tradeCents: line.tradeCents, penaltyCents: line.penaltyCents },
      };
      await putPrivateJson(ctx, Collections.Positions, orderKey(ctx, order.intervalId, order.householdId), settled);
    }
    const now = txTimestamp(ctx);
    const result: MarketInterval = {
      ...interval,
      status: 'SETTLED',
      settlement: { deliveredKWh: fromWh(settlement.deliveredWh), takenKWh: fromWh(settlement.takenWh), shortfallKWh: fromWh(settlement.shortfallWh), settledAt: now },
    };
    await writeJson(ctx, intervalKey(ctx, interval.id), result);
    emitEvent(ctx, 'MarketIntervalSettled', { intervalId: interval.id, ...result.settlement, txTime: now });
    return result;
  }

  /** An interval's public record. Any channel member. */
  @Transaction(false)
  @Returns('MarketInterval')
  async getInterval(ctx: MarketContext, intervalId: string) {
    return readJson<MarketInterval>(ctx, intervalKey(ctx, requireId(intervalId, 'intervalId')), 'interval');
  }

  /** A household's order in an interval, with its allocation and settlement. Private: the operator's officers and clerks only. */
  @Transaction(false)
  @Returns('MarketOrder')
  async getPosition(ctx: MarketContext, intervalId: string, householdId: string) {
    requireOperatorReader(ctx);
    const key = orderKey(ctx, requireId(intervalId, 'intervalId'), requireId(householdId, 'householdId'));
    return readPrivateJson<MarketOrder>(ctx, Collections.Positions, key, 'position');
  }

  /** Every order of an interval, in household-ID order. Private: the operator's officers and clerks only. */
  @Transaction(false)
  @Returns('MarketOrderList')
  async listPositions(ctx: MarketContext, intervalId: string) {
    requireOperatorReader(ctx);
    const interval = await readJson<MarketInterval>(ctx, intervalKey(ctx, requireId(intervalId, 'intervalId')), 'interval');
    return this.orders(ctx, interval.id);
  }

  private async placeOrder(ctx: MarketContext, side: OrderSide, intervalId: string): Promise<MarketInterval> {
    const who = requireWriter(ctx, operatorMsps(), OPERATOR_ROLES);
    const id = requireId(intervalId, 'intervalId');
    const input = readTransient(ctx, 'order', OrderInput);
    if (input.householdId === GRID_ACCOUNT) {
      throw invalidArgument(`order.householdId ${GRID_ACCOUNT} is reserved for the grid operator's balancing account`);
    }
    const interval = await this.intervalIn(ctx, id, 'OPEN');
    if (txTimeMillis(ctx) >= millis(interval.closesAt)) {
      throw failedPrecondition(`interval ${interval.id} closed at ${interval.closesAt}`);
    }
    const book = await this.orderBook(ctx, interval.id);
    if (book.includes(input.householdId)) {
      throw conflict(`household ${input.householdId} already has an order in interval ${interval.id}`);
    }
    await requireHouseholdMeter(ctx, input.meterId, input.householdId);
    const order: MarketOrder = { intervalId: interval.id, ...input, kWh: fromWh(toWh(input.kWh)), side, placedAt: txTimestamp(ctx), placedBy: who.msp };
    await putPrivateJson(ctx, Collections.Positions, orderKey(ctx, interval.id, input.householdId), order);
    await putPrivateJson(ctx, Collections.Positions, orderBookKey(ctx, interval.id), { householdIds: [...book, input.householdId].sort() });
    emitEvent(ctx, 'MarketOrderPlaced', { intervalId: interval.id, side, txTime: order.placedAt });
    return interval;
  }

  private async intervalIn(ctx: MarketContext, intervalId: string, status: IntervalStatus): Promise<MarketInterval> {
    const interval = await readJson<MarketInterval>(ctx, intervalKey(ctx, requireId(intervalId, 'intervalId')), 'interval');
    if (interval.status !== status) {
      throw failedPrecondition(`interval ${interval.id} is ${interval.status}; this needs ${status}`);
    }
    return interval;
  }

  /**
   * The households with an order in the interval, in ID order. A private range query would
   * forbid the writes of clearing and settlement in the same transaction (Fabric refuses writes
   * after one), so the interval keeps this list; orders of one interval thus commit one per block.
   */
  private async orderBook(ctx: MarketContext, intervalId: string): Promise<string[]> {
    const book = await tryReadPrivateJson<{ householdIds: string[] }>(ctx, Collections.Positions, orderBookKey(ctx, intervalId));
    return book?.householdIds ?? [];
  }

  /** Every order of the interval, in household-ID order. */
  private async orders(ctx: MarketContext, intervalId: string): Promise<MarketOrder[]> {
    const orders: MarketOrder[] = [];
    for (const householdId of await this.orderBook(ctx, intervalId)) {
      orders.push(await readPrivateJson<MarketOrder>(ctx, Collections.Positions, orderKey(ctx, intervalId, householdId), 'position'));
    }
    return orders;
  }
}
