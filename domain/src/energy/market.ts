/**
 * The neighbourhood energy market (energy chaincode, `market` contract): delivery intervals,
 * households' offers and bids, and what clearing and settlement make of them. The interval is
 * public (cleared price and volume); orders and their outcomes are private to the grid
 * operator's department (collection `energyMarketPositions`).
 *
 * @example
 * ```ts
 * const interval = parseJson(IntervalInput, raw, 'interval');   // INVALID_ARGUMENT: interval.penaltyPriceCents must be ...
 * const offer = readTransient(ctx, 'order', OrderInput);   // chaincode-common
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { described, Enum, Id, Timestamp } from '../schemas';
import { KWh, PriceCents } from './units';

/** SELL: a prosumer's offer of surplus; BUY: a consumer's bid. */
export const ORDER_SIDES = ['SELL', 'BUY'] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];

/** OPEN: taking orders until `closesAt`; CLEARED: price and allocations fixed; SETTLED: paid from the meters. */
export const INTERVAL_STATUSES = ['OPEN', 'CLEARED', 'SETTLED'] as const;
export type IntervalStatus = (typeof INTERVAL_STATUSES)[number];

/** The `intervalJson` argument of openInterval. */
export const IntervalInput = Type.Object(
  {
    id: Id,
    deliveryStart: described(Timestamp, 'Start of the delivery interval (inclusive)'),
    deliveryEnd: described(Timestamp, 'End of the delivery interval (exclusive); after deliveryStart'),
    closesAt: described(Timestamp, 'Orders are taken until this time; at or before deliveryStart'),
    penaltyPriceCents: described(PriceCents, 'What a shortfall costs per kWh: energy sold but not delivered, or bought but not taken'),
  },
  { additionalProperties: false },
);
export type IntervalInput = Static<typeof IntervalInput>;

/** The public outcome of clearing: the uniform price and the volume traded. */
export const ClearingResult = Type.Object(
  {
    priceCents: Type.Optional(described(PriceCents, 'The uniform clearing price; absent when nothing traded')),
    volumeKWh: Type.Number({ minimum: 0, description: 'Energy traded' }),
    offers: Type.Integer({ minimum: 0 }),
    bids: Type.Integer({ minimum: 0 }),
    clearedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type ClearingResult = Static<typeof ClearingResult>;

/** The public outcome of settlement: what the meters showed against what was traded. */
export const SettlementResult = Type.Object(
  {
    deliveredKWh: Type.Number({ minimum: 0, description: 'Energy the sellers’ meters show delivered, up to what each sold' }),
    takenKWh: Type.Number({ minimum: 0, description: 'Energy the buyers’ meters show taken, up to what each bought' }),
    shortfallKWh: Type.Number({ minimum: 0, description: 'Sold but not delivered plus bought but not taken, settled at the penalty price' }),
    settledAt: Timestamp,
  },
  { additionalProperties: false },
);
export type SettlementResult = Static<typeof SettlementResult>;

/** A delivery interval as the public sees it. */
export const MarketInterval = Type.Object(
  {
    ...IntervalInput.properties,
    status: Enum(INTERVAL_STATUSES),
    operator: Type.String({ description: 'MSP ID of the grid operator department that opened it' }),
    openedAt: Timestamp,
    clearing: Type.Optional(ClearingResult),
    settlement: Type.Optional(SettlementResult),
  },
  { additionalProperties: false },
);
export type MarketInterval = Static<typeof MarketInterval>;

/**
 * The transient `order` of placeOffer and placeBid (never an argument: arguments are on the
 * ledger for every org): one order per household and interval.
 */
export const OrderInput = Type.Object(
  {
    householdId: described(Id, 'The household: a pseudonymous citizen ID'),
    meterId: described(Id, 'The household’s meter: a METER registered to the household in the devices chaincode'),
    kWh: KWh,
    limitPriceCents: described(PriceCents, 'Offers: the lowest price accepted; bids: the highest price paid'),
  },
  { additionalProperties: false },
);
export type OrderInput = Static<typeof OrderInput>;

/** What settlement made of one order. */
export const OrderSettlement = Type.Object(
  {
    meteredKWh: Type.Number({ minimum: 0, description: 'Exported (sellers) or imported (buyers) in the interval, as the signed readings show' }),
    settledKWh: Type.Number({ minimum: 0, description: 'The part of the allocation the meter covers' }),
    shortfallKWh: Type.Number({ minimum: 0 }),
    tradeCents: Type.Integer({ description: 'Paid to a seller (positive) or charged to a buyer (negative) at the clearing price' }),
    penaltyCents: Type.Integer({ minimum: 0, description: 'Charged for the shortfall at the penalty price' }),
  },
  { additionalProperties: false },
);
export type OrderSettlement = Static<typeof OrderSettlement>;

/** A household's position in an interval: private to the grid operator's department. */
export const MarketOrder = Type.Object(
  {
    intervalId: Id,
    ...OrderInput.properties,
    side: Enum(ORDER_SIDES),
    placedAt: Timestamp,
    placedBy: Type.String({ description: 'MSP ID of the operator department that placed it for the household' }),
    allocatedKWh: Type.Optional(Type.Number({ minimum: 0, description: 'Set at clearing' })),
    settlement: Type.Optional(OrderSettlement),
  },
  { additionalProperties: false },
);
export type MarketOrder = Static<typeof MarketOrder>;
