/**
 * Carbon credits (energy chaincode, `carbon` contract): verified emission reductions, credits
 * issued against them (one credit is one tonne CO2e, never more than verified), transfers
 * between departments and retirement, once. Totals per department and vintage year are public.
 *
 * @example
 * ```ts
 * const reduction = parseJson(ReductionInput, raw, 'reduction');   // INVALID_ARGUMENT: reduction.evidenceHash must be a SHA-256 hash ...
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { described, Enum, HexHash, Id, Text, Timestamp, withMessage } from '../schemas';

/** Most tonnes one reduction or one lot may carry. */
export const MAX_TONNES = 100_000_000;

const Tonnes = withMessage(
  Type.Integer({ minimum: 1, maximum: MAX_TONNES, description: 'Whole tonnes CO2e: one credit each' }),
  `must be a whole number of tonnes from 1 to ${MAX_TONNES}`,
);

/** The vintage: the year the emissions were reduced. */
export const VintageYear = withMessage(Type.Integer({ minimum: 2000, maximum: 2100, description: 'The year the reduction happened' }), 'must be a year from 2000 to 2100');

/** ACTIVE: held and transferable; RETIRED: counted against emissions, for good. */
export const CREDIT_STATUSES = ['ACTIVE', 'RETIRED'] as const;
export type CreditStatus = (typeof CREDIT_STATUSES)[number];

/** The `reductionJson` argument of recordReduction. */
export const ReductionInput = Type.Object(
  {
    id: Id,
    department: described(Type.String({ minLength: 1, maxLength: 128 }), 'MSP ID of the department that achieved the reduction; its credits are issued to it'),
    year: VintageYear,
    tonnes: described(Tonnes, 'Verified reduction, whole tonnes CO2e'),
    description: Text(1000),
    evidenceHash: described(HexHash, 'SHA-256 of the verification report'),
  },
  { additionalProperties: false },
);
export type ReductionInput = Static<typeof ReductionInput>;

/** A verified emission reduction. */
export const EmissionReduction = Type.Object(
  {
    ...ReductionInput.properties,
    issuedTonnes: Type.Integer({ minimum: 0, description: 'Credits issued against it so far; never more than tonnes' }),
    verifiedBy: Type.String({ description: 'MSP ID of the environment department that verified it' }),
    verifiedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type EmissionReduction = Static<typeof EmissionReduction>;

/** The `issueJson` argument of issueCredits: a lot of credits against one reduction. */
export const IssueInput = Type.Object({ id: described(Id, 'The lot’s ID'), reductionId: Id, tonnes: Tonnes }, { additionalProperties: false });
export type IssueInput = Static<typeof IssueInput>;

/** A lot of carbon credits. */
export const CarbonCredit = Type.Object(
  {
    id: Id,
    reductionId: Id,
    year: VintageYear,
    tonnes: Tonnes,
    holder: Type.String({ description: 'MSP ID of the holding department' }),
    status: Enum(CREDIT_STATUSES),
    issuedBy: Type.String(),
    issuedAt: Timestamp,
    retiredBy: Type.Optional(Type.String()),
    retiredAt: Type.Optional(Timestamp),
    retirementReason: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type CarbonCredit = Static<typeof CarbonCredit>;

/** The `retirementJson` argument of retireCredit. */
export const RetirementInput = Type.Object({ reason: Text(500, 'What the retired tonnes offset') }, { additionalProperties: false });
export type RetirementInput = Static<typeof RetirementInput>;

/** Public totals of one department and vintage year, whole tonnes. */
export const CarbonTotals = Type.Object(
  {
    department: Type.String(),
    year: VintageYear,
    issuedTonnes: Type.Integer({ minimum: 0, description: 'Issued to the department' }),
    transferredTonnes: Type.Integer({ minimum: 0, description: 'Transferred by the department to another' }),
    retiredTonnes: Type.Integer({ minimum: 0, description: 'Retired by the department' }),
  },
  { additionalProperties: false },
);
export type CarbonTotals = Static<typeof CarbonTotals>;
