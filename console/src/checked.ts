/**
 * A form's body checked in the browser with the domain's schema and validator, the ones the
 * gateway and the chaincode run: what they would refuse is refused here first, as the same
 * 400 `INVALID_ARGUMENT` with the same field path, before any request.
 *
 * @example
 * ```ts
 * await offer.run(() => api('POST', url, checked(custodyOfferInput(departments), { to }, 'offer')));
 * // throws ApiError { code: 'INVALID_ARGUMENT', message: 'offer.to must be one of: HealthMSP, …' }
 * ```
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { ChaincodeError } from '@domain/errors';
import { validate } from '@domain/validate';
import { ApiError } from './api';

export function checked<T extends TSchema>(schema: T, value: unknown, field: string): Static<T> {
  try {
    return validate(schema, value, field);
  } catch (err) {
    throw new ApiError(400, 'INVALID_ARGUMENT', err instanceof ChaincodeError ? err.detail : String(err));
  }
}
