/**
 * Status lists (identity chaincode, `statusLists` contract), in the spirit of W3C Bitstring
 * Status List: per issuing department, one list per purpose, of {@link STATUS_LIST_CAPACITY} bits.
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

/**
 * Bits in every status list: W3C's minimum for herd privacy (2^17), 16 KiB raw, about 22 kB
 * as a verifier downloads it. Indexes are drawn at random in it (identity chaincode
 * statusList.ts), so issuances start to fail FAILED_PRECONDITION (no free index near the
 * drawn one) at about two thirds full, some 85,000 credentials of one issuer, and one in five
 * does at 90 %. Raising it is a chaincode upgrade that keeps every issued index valid: lists
 * only grow.
 */
export const STATUS_LIST_CAPACITY = 131_072;

/** A status list as verifiers download it. */
export const StatusList = Type.Object(
  {
    issuer: Type.String({ description: 'MSP ID of the issuing department' }),
    purpose: StatusPurpose,
    encoding: Type.Literal('base64url'),
    length: Type.Integer({ minimum: 0, description: `Bits: the list capacity (${STATUS_LIST_CAPACITY}), a multiple of 8; every statusListIndex of the issuer is below it` }),
    encodedList: Type.String({ description: 'base64url (no padding) of the raw bits; bit 0 is the most significant bit of the first byte' }),
    updatedAt: Type.String({ description: "Time of the last change, or '' when no bit was ever set" }),
  },
  { additionalProperties: false },
);
export type StatusList = Static<typeof StatusList>;
