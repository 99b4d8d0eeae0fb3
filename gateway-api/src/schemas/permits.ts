/** Permit schemas (records chaincode, `permits` contract; src/permits/permit.ts and permitApplicant.ts). */
import { Type } from '@sinclair/typebox';
import { Enum, HistoryEntry, Id, Page, PageQuery, Text, Timestamp } from './common';

export const PermitKind = Enum(['BUILDING', 'DEMOLITION', 'EXCAVATION', 'STREET_USE', 'SIGNAGE']);
export const PermitStatus = Enum(['APPLIED', 'UNDER_REVIEW', 'APPROVED', 'REJECTED', 'INSPECTION_PASSED', 'CLOSED']);
export const InspectionResult = Type.Union([Type.Literal('PASSED'), Type.Literal('FAILED')]);

/** The applicant's contact data: private, kept by Registry and Public Works while the permit is processed. */
export const ApplicantDetails = Type.Object(
  { name: Text(200), address: Type.Optional(Text(500)), email: Type.Optional(Text(254)), phone: Type.Optional(Text(40)) },
  { additionalProperties: false, description: 'Private: sent as transient data, purged after the collection\'s blockToLive' },
);

export const Permit = Type.Object({
  id: Id,
  kind: PermitKind,
  applicantId: Id,
  parcelId: Type.Optional(Id),
  description: Type.String(),
  status: PermitStatus,
  appliedBy: Type.String({ description: 'MSP ID of the filing department' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  approvedAt: Type.Optional(Timestamp),
  rejectionReason: Type.Optional(Type.String()),
  lastInspection: Type.Optional(
    Type.Object({ result: InspectionResult, notes: Type.Optional(Type.String()), inspectedAt: Timestamp, inspectedBy: Type.String() }),
  ),
});

export const PermitHistory = Type.Array(HistoryEntry(Permit));
export const PermitPage = Page(Permit);

/** GET /v1/permits?status=...: the status is required (the chaincode lists by its status index). */
export const PermitListQuery = Type.Object({ status: PermitStatus, ...PageQuery.properties }, { additionalProperties: false });

/** POST /v1/permits */
export const ApplyForPermitBody = Type.Object(
  {
    id: Id,
    kind: PermitKind,
    applicantId: Id,
    parcelId: Type.Optional(Id),
    description: Text(2000, 'Public description of the works: no personal data'),
    applicant: ApplicantDetails,
  },
  { additionalProperties: false },
);

/** POST /v1/permits/:id/reject */
export const RejectPermitBody = Type.Object({ reason: Text(500, 'Public reason: no personal data') }, { additionalProperties: false });

/** POST /v1/permits/:id/inspect */
export const InspectPermitBody = Type.Object({ result: InspectionResult, notes: Type.Optional(Text(1000, 'Public notes')) }, { additionalProperties: false });

/** GET /v1/permits/:id/applicant */
export const StoredApplicant = Type.Object({
  permitId: Id,
  name: Type.String(),
  address: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  phone: Type.Optional(Type.String()),
});
