/**
 * Money on the ledger: whole numbers of the smallest currency unit (cents), so that sums and
 * the budget invariants are exact on every endorser (no floating-point rounding).
 *
 * @example
 * ```ts
 * const Cost = Amount(1, 'Cost in cents');   // 1..MAX_AMOUNT
 * ```
 */
import { Type, type TInteger } from '@sinclair/typebox';
import { withMessage } from '../schemas';

/** The largest amount (and sum of amounts) the ledger keeps: exact in a JavaScript number. */
export const MAX_AMOUNT = 1_000_000_000_000_000;

/** A whole amount in cents, from `minimum` (default 1) to {@link MAX_AMOUNT}. */
export function Amount(minimum = 1, description = 'Cents (the smallest currency unit)'): TInteger {
  return withMessage(Type.Integer({ minimum, maximum: MAX_AMOUNT, description }), `must be a whole number of cents from ${minimum} to ${MAX_AMOUNT}`);
}
