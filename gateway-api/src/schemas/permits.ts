/**
 * Permit request and answer schemas (records chaincode, `permits` contract). Every record and
 * field is the domain's (@city-ledger/domain, records/permits); request bodies compose them.
 */
import { Type } from '@sinclair/typebox';
import { Batch, HistoryEntry, InspectionInput, Page, Permit, PermitApplicant, PermitApplication, PermitRejection, PermitStatus } from '@city-ledger/domain';
import { PageQuery } from './common';

export { InspectionResult, Permit, PermitKind, PermitStatus } from '@city-ledger/domain';

export const PermitHistory = Type.Array(HistoryEntry(Permit));
export const PermitPage = Page(Permit);

/** GET /v1/permits?status=...: the status is required (the chaincode lists by its status index). */
export const PermitListQuery = Type.Object({ status: PermitStatus, ...PageQuery.properties }, { additionalProperties: false });

/** POST /v1/permits: the permit input plus the applicant's contact data (sent as transient `applicant`). */
export const ApplyForPermitBody = PermitApplication;

/** POST /v1/permits/batch: applications as POST /v1/permits takes them, one transaction for all. */
export const ApplyForPermitsBody = Batch(PermitApplication);

/** POST /v1/permits/:id/reject */
export const RejectPermitBody = PermitRejection;

/** POST /v1/permits/:id/inspect */
export const InspectPermitBody = InspectionInput;

/** GET /v1/permits/:id/applicant */
export const StoredApplicant = PermitApplicant;
