/**
 * The public state of a permit and its input. The applicant is a pseudonymous ID; the
 * applicant's contact data is private (permitApplicant.ts).
 *
 * @example
 * ```ts
 * const permit = await readJson<Permit>(ctx, permitKey(ctx, 'PM-1'), 'permit');
 * await putIndex(ctx, PERMIT_STATUS_INDEX, [permit.status, permit.id]);
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { Object as DataType, Property } from 'fabric-contract-api';
import { keyFor, optionalId, optionalText, requireEnum, requireId, requireText, type Shape } from '@city-ledger/chaincode-common';
import type { PermitStatus } from './permitLifecycle';

/** Kinds of permit. */
export type PermitKind = 'BUILDING' | 'DEMOLITION' | 'EXCAVATION' | 'STREET_USE' | 'SIGNAGE';
export const PERMIT_KINDS: readonly PermitKind[] = ['BUILDING', 'DEMOLITION', 'EXCAVATION', 'STREET_USE', 'SIGNAGE'];

/** Results of a site inspection. */
export type InspectionResult = 'PASSED' | 'FAILED';
export const INSPECTION_RESULTS: readonly InspectionResult[] = ['PASSED', 'FAILED'];

/** Index of permits by status: attributes `[status, permitId]`. */
export const PERMIT_STATUS_INDEX = 'permit~status';

/** The latest site inspection of a permit. */
@DataType()
export class PermitInspection {
  @Property('result', 'string')
  result!: InspectionResult;

  /** Public inspection notes (no personal data). */
  @Property('notes', 'string')
  notes?: string;

  @Property('inspectedAt', 'string')
  inspectedAt!: string;

  /** MSP ID of the inspecting department. */
  @Property('inspectedBy', 'string')
  inspectedBy!: string;
}

/** Public state of a permit. */
@DataType()
export class Permit {
  @Property('id', 'string')
  id!: string;

  @Property('kind', 'string')
  kind!: PermitKind;

  /** Pseudonymous ID of the citizen or company applying. */
  @Property('applicantId', 'string')
  applicantId!: string;

  /** The parcel the permit concerns, if any (must exist in the property contract). */
  @Property('parcelId', 'string')
  parcelId?: string;

  /** Public description of the works (no personal data). */
  @Property('description', 'string')
  description!: string;

  @Property('status', 'string')
  status!: PermitStatus;

  /** MSP ID of the department that filed the application. */
  @Property('appliedBy', 'string')
  appliedBy!: string;

  @Property('createdAt', 'string')
  createdAt!: string;

  @Property('updatedAt', 'string')
  updatedAt!: string;

  /** Set when the permit is approved. */
  @Property('approvedAt', 'string')
  approvedAt?: string;

  /** Public reason of a rejection. */
  @Property('rejectionReason', 'string')
  rejectionReason?: string;

  @Property('lastInspection', 'PermitInspection')
  lastInspection?: PermitInspection;
}

/** The `permitJson` argument of applyForPermit. */
export type PermitInput = Pick<Permit, 'id' | 'kind' | 'applicantId' | 'parcelId' | 'description'>;

/** Validation of {@link PermitInput}. */
export const PERMIT_INPUT: Shape<PermitInput> = {
  id: requireId,
  kind: (v, f) => requireEnum(v, f, PERMIT_KINDS),
  applicantId: requireId,
  parcelId: optionalId,
  description: (v, f) => requireText(v, f, { max: 2000 }),
};

/** The `inspectionJson` argument of inspectPermit. */
export type InspectionInput = Pick<PermitInspection, 'result' | 'notes'>;

/** Validation of {@link InspectionInput}. */
export const INSPECTION_INPUT: Shape<InspectionInput> = {
  result: (v, f) => requireEnum(v, f, INSPECTION_RESULTS),
  notes: optionalText,
};

/** World-state key of permit `id`. */
export function permitKey(ctx: Context, id: string): string {
  return keyFor(ctx, 'permit', id);
}
