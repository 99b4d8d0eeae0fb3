/**
 * Permits (records chaincode, `permits` contract). The applicant is a pseudonymous ID; the
 * applicant's contact data is private and arrives as transient `applicant` input.
 *
 * @example
 * ```ts
 * const input = parseJson(PermitInput, permitJson, 'permit');
 * const inspection = parseJson(InspectionInput, inspectionJson, 'inspection');
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { described, Enum, Id, Text, Timestamp } from '../schemas';

export const PERMIT_KINDS = ['BUILDING', 'DEMOLITION', 'EXCAVATION', 'STREET_USE', 'SIGNAGE'] as const;
export const PermitKind = Enum(PERMIT_KINDS);
export type PermitKind = Static<typeof PermitKind>;

/** Every permit status; the moves between them are the chaincode's state machine. */
export const PERMIT_STATUSES = ['APPLIED', 'UNDER_REVIEW', 'APPROVED', 'REJECTED', 'INSPECTION_PASSED', 'CLOSED'] as const;
export const PermitStatus = Enum(PERMIT_STATUSES);
export type PermitStatus = Static<typeof PermitStatus>;

/** Results of a site inspection. */
export const INSPECTION_RESULTS = ['PASSED', 'FAILED'] as const;
export const InspectionResult = Enum(INSPECTION_RESULTS);
export type InspectionResult = Static<typeof InspectionResult>;

/** The `reason` argument of rejectPermit: public, so no personal data. */
export const RejectionReason = Text(500, { description: 'Public reason: no personal data' });

/** A registrar's rejection (the body of `POST /v1/permits/:id/reject`, the console's reject form). */
export const PermitRejection = Type.Object({ reason: RejectionReason }, { additionalProperties: false });
export type PermitRejection = Static<typeof PermitRejection>;

/** The `permitJson` argument of applyForPermit. */
export const PermitInput = Type.Object(
  {
    id: Id,
    kind: PermitKind,
    applicantId: described(Id, 'Pseudonymous ID of the citizen or company applying'),
    parcelId: Type.Optional(described(Id, 'The parcel the permit concerns, if any (must exist)')),
    description: Text(2000, { description: 'Public description of the works: no personal data' }),
  },
  { additionalProperties: false },
);
export type PermitInput = Static<typeof PermitInput>;

/** The `inspectionJson` argument of inspectPermit. */
export const InspectionInput = Type.Object(
  { result: InspectionResult, notes: Type.Optional(Text(1000, { description: 'Public notes' })) },
  { additionalProperties: false },
);
export type InspectionInput = Static<typeof InspectionInput>;

/** The latest site inspection of a permit. */
export const PermitInspection = Type.Object(
  { ...InspectionInput.properties, inspectedAt: Timestamp, inspectedBy: Type.String({ description: 'MSP ID of the inspecting department' }) },
  { additionalProperties: false },
);
export type PermitInspection = Static<typeof PermitInspection>;

/** A permit's public state. */
export const Permit = Type.Object(
  {
    ...PermitInput.properties,
    status: PermitStatus,
    appliedBy: Type.String({ description: 'MSP ID of the filing department' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    approvedAt: Type.Optional(Timestamp),
    rejectionReason: Type.Optional(RejectionReason),
    lastInspection: Type.Optional(PermitInspection),
  },
  { additionalProperties: false },
);
export type Permit = Static<typeof Permit>;

/** The transient `applicant` input: contact data kept by Registry and Public Works while the permit is processed. */
export const ApplicantInput = Type.Object(
  { name: Text(200), address: Type.Optional(Text(500)), email: Type.Optional(Text(254)), phone: Type.Optional(Text(40)) },
  { additionalProperties: false, description: "Private: sent as transient data, purged after the collection's blockToLive" },
);
export type ApplicantInput = Static<typeof ApplicantInput>;

/** A permit applicant's stored contact data. */
export const PermitApplicant = Type.Object({ permitId: Id, ...ApplicantInput.properties }, { additionalProperties: false });

/** An application as a department's system files it (`POST /v1/permits`, one record of a batch); the applicant goes to the peers as transient data. */
export const PermitApplication = Type.Object({ ...PermitInput.properties, applicant: ApplicantInput }, { additionalProperties: false });
export type PermitApplication = Static<typeof PermitApplication>;
export type PermitApplicant = Static<typeof PermitApplicant>;
