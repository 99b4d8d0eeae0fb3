/**
 * Units of the energy market: energy in kWh counted to the Wh, prices and balances in cents of
 * the city energy credit. Sums and products are taken in integers (Wh, cents), so every
 * endorser computes the same result and no rounding drifts.
 *
 * @example
 * ```ts
 * toWh(2.5);                 // 2500
 * fromWh(2500);              // 2.5
 * costCents(2500, 31);       // 78: 2.5 kWh at 31 cents/kWh = 77.5, half away from zero
 * ```
 */
import { Type } from '@sinclair/typebox';
import { withMessage } from '../schemas';

/** Most kWh one order may name. */
export const MAX_ORDER_KWH = 1_000_000;
/** Highest price, in cents per kWh. */
export const MAX_PRICE_CENTS = 1_000_000;
/** Largest single credit amount, in cents. */
export const MAX_AMOUNT_CENTS = 1_000_000_000_000;

/** Energy of an order or a measurement, kWh; kept to the Wh. */
export const KWh = withMessage(
  Type.Number({ minimum: 0.001, maximum: MAX_ORDER_KWH, description: 'kWh, 0.001..1000000, counted to the Wh' }),
  `must be a number of kWh from 0.001 to ${MAX_ORDER_KWH}`,
);

/** A price in cents of the city energy credit per kWh. */
export const PriceCents = withMessage(
  Type.Integer({ minimum: 0, maximum: MAX_PRICE_CENTS, description: 'Cents of the city energy credit per kWh' }),
  `must be a whole number of cents per kWh from 0 to ${MAX_PRICE_CENTS}`,
);

/** A positive amount in cents of the city energy credit. */
export const AmountCents = withMessage(
  Type.Integer({ minimum: 1, maximum: MAX_AMOUNT_CENTS, description: 'Cents of the city energy credit' }),
  `must be a whole number of cents from 1 to ${MAX_AMOUNT_CENTS}`,
);

/** kWh to whole Wh (rounded to the nearest Wh). */
export function toWh(kWh: number): number {
  return Math.round(kWh * 1000);
}

/** Whole Wh to kWh. */
export function fromWh(wh: number): number {
  return wh / 1000;
}

/** The price of `wh` Wh at `priceCents` per kWh, in whole cents, half away from zero. */
export function costCents(wh: number, priceCents: number): number {
  // wh * priceCents is at most 1e9 * 1e6 = 1e15, exact in a double.
  return Math.round((wh * priceCents) / 1000);
}
