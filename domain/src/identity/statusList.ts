/**
 * Status lists (identity chaincode, `statusLists` contract), in the spirit of W3C Bitstring
 * Status List: per issuing department, one list per purpose.
 *
 * @example
 * ```ts
 * const purpose = validate(StatusPurpose, raw, 'purpose');   // INVALID_ARGUMENT: purpose must be one of: revocation, suspension
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { Enum } from '../schemas';

/** Purposes of status lists, as in W3C `statusPurpose`. */
export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export const StatusPurpose = Enum(STATUS_PURPOSES);
export type StatusPurpose = Static<typeof StatusPurpose>;

/** A status list as verifiers download it. */
export const StatusList = Type.Object(
  {
    issuer: Type.String({ description: 'MSP ID of the issuing department' }),
    purpose: StatusPurpose,
    encoding: Type.Literal('base64url'),
    length: Type.Integer({ minimum: 0, description: 'Bits, a multiple of 8' }),
    allocated: Type.Integer({ minimum: 0, description: 'Indexes handed out; 0..allocated-1 are in the list' }),
    encodedList: Type.String({ description: 'base64url (no padding) of the raw bits; bit 0 is the most significant bit of the first byte' }),
    updatedAt: Type.String({ description: "Time of the last change, or '' when no bit was ever set" }),
  },
  { additionalProperties: false },
);
export type StatusList = Static<typeof StatusList>;
