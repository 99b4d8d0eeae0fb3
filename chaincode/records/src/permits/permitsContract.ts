/**
 * Permits contract (`permits`): the permit state machine of permitLifecycle.ts, a status index
 * kept consistent on every transition, and the applicant's private contact data.
 *
 * Who may call what (the Auditor never writes):
 * - applyForPermit, applyForPermits (a batch, for loading existing registers): Registry clerk (on behalf of a citizen) or Public Works officer.
 * - reviewPermit, approvePermit, rejectPermit, closePermit: Registry registrar.
 * - inspectPermit: Public Works inspector.
 * - getPermit, getPermitHistory, listPermitsByStatus: everyone. `getPermit` is also called by
 *   the logistics chaincode: `invokeChaincode('records', ['permits:getPermit', id], 'city')`.
 * - getPermitApplicant: Registry and Public Works (members of the applicants collection).
 *
 * Endorsement: the chaincode policy requires Registry's peer. From approval on, every write of
 * the permit's key also sets its key-level policy to AND(Registry, Public Works) peers
 * ({@link approvedPermitEndorsers}: the departments holding `permits` or `works`): the
 * inspection is a Public Works act on a Registry record, so it and the closing need both. The `permit~status` index entries are
 * created and deleted, never updated, and keep the chaincode policy.
 *
 * @example
 * ```ts
 * // transient { applicant: { name, phone } }
 * await contract.applyForPermit(ctx, '{"id":"PM-1","kind":"BUILDING","applicantId":"C-1","description":"Garage"}');
 * ```
 */
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  ApplicantInput,
  Batch,
  BATCH_FIELD,
  HistoryEntry,
  InspectionInput,
  Page,
  parseJson,
  Permit,
  PermitApplicant,
  PermitInput,
  PermitStatus,
  RejectionReason,
  validate,
} from '@city-ledger/domain';
import {
  CityContract,
  declareComponents,
  deleteIndex,
  emitEvent,
  forEachRecord,
  getHistory,
  listByIndex,
  pairWithPrivate,
  putIndex,
  putPrivateJson,
  readJson,
  readPrivateJson,
  readTransient,
  readTransientBatch,
  requireAbsent,
  requireDistinct,
  requireId,
  requireKeyEndorsers,
  Remit,
  activeConsortium,
  departmentsWith,
  requireGrant,
  type Grants,
  Role,
  txTimestamp,
  writeJson,
} from '@city-ledger/chaincode-common';
import { requireCollectionReader } from '../access';
import { Collection } from '../collections';
import { parcelKey, type Parcel } from '../property/parcel';
import { APPLICANT_TRANSIENT_KEY, APPLICANTS_TRANSIENT_KEY, PERMIT_STATUS_INDEX, permitKey } from './permit';
import { APPROVED_OR_LATER, transition, type PermitAction } from './permitLifecycle';

// What GetMetadata describes for @Returns: the domain's schemas, by name.
declareComponents({
  Permit,
  PermitPage: Page(Permit),
  PermitHistoryEntry: HistoryEntry(Permit),
  PermitApplicant,
});

/** Who may file an application. */
export const PERMIT_APPLICANTS: Grants = { [Remit.Permits]: [Role.Clerk], [Remit.Works]: [Role.Officer] };
/** Who reviews, decides and closes. */
export const PERMIT_REGISTRARS: Grants = { [Remit.Permits]: [Role.Registrar] };
/** Who inspects sites. */
export const PERMIT_INSPECTORS: Grants = { [Remit.Works]: [Role.Inspector] };
/** The remits whose departments' peers must ALL endorse any change of a permit once it is approved. */
export const APPROVED_PERMIT_REMITS = [Remit.Permits, Remit.Works] as const;

/** Whose peers must ALL endorse any change of an approved permit (key-level policy): every department holding a permit remit. */
export function approvedPermitEndorsers(): string[] {
  return departmentsWith(activeConsortium(), APPROVED_PERMIT_REMITS);
}

/**
 * The transaction context of this contract. Declared in this module so that the parameter
 * metadata TypeScript emits for the decorated transactions names the class directly.
 */
class PermitsContext extends Context {}

@Info({ title: 'Permits', description: 'Permit applications, review, decision, inspection and closure' })
export class PermitsContract extends CityContract {
  constructor() {
    super('permits', [Collection.PermitApplicants]);
  }

  /** A PermitsContext for every transaction (the runtime and @Transaction use it to spot the ctx parameter). */
  override createContext(): PermitsContext {
    return new PermitsContext();
  }

  /**
   * Files an application (status APPLIED). `permitJson`: `{ id, kind, applicantId, parcelId?,
   * description }`; transient `applicant`: `{ name, address?, email?, phone? }`.
   * Event `permit.applied`. CONFLICT when the permit exists; NOT_FOUND for an unknown parcel.
   */
  @Transaction()
  @Returns('Permit')
  async applyForPermit(ctx: PermitsContext, permitJson: string) {
    const caller = requireGrant(ctx, PERMIT_APPLICANTS);
    const input = parseJson(PermitInput, permitJson, 'permit');
    const applicant = readTransient(ctx, APPLICANT_TRANSIENT_KEY, ApplicantInput);
    const now = txTimestamp(ctx);
    const permit = await applyOne(ctx, input, applicant, caller.msp, now);
    emitEvent(ctx, 'permit.applied', { permitId: permit.id, kind: permit.kind, status: permit.status, txTime: now });
    return permit;
  }

  /**
   * Files up to MAX_BATCH_RECORDS applications in one transaction, each as applyForPermit
   * would: `permitsJson` is an array of permit inputs, transient `applicants` the array of
   * their applicants' contact data, in the same order. All or nothing: the first refused
   * record fails the batch and the error names it (`NOT_FOUND: records[3]: parcel P-9 does not
   * exist`). Event `permits.applied` lists every permit. Returns the number filed.
   */
  @Transaction()
  @Returns('number')
  async applyForPermits(ctx: PermitsContext, permitsJson: string) {
    const caller = requireGrant(ctx, PERMIT_APPLICANTS);
    const inputs = parseJson(Batch(PermitInput), permitsJson, BATCH_FIELD);
    const applicants = readTransientBatch(ctx, APPLICANTS_TRANSIENT_KEY, ApplicantInput);
    const applications = pairWithPrivate(inputs, applicants, APPLICANTS_TRANSIENT_KEY);
    requireDistinct(inputs.map((input) => input.id), 'permit');
    const now = txTimestamp(ctx);
    const permits = await forEachRecord(applications, ([input, applicant]) => applyOne(ctx, input, applicant, caller.msp, now));
    emitEvent(ctx, 'permits.applied', { permits: permits.map((p) => ({ permitId: p.id, kind: p.kind })), status: 'APPLIED', txTime: now });
    return permits.length;
  }

  /** APPLIED -> UNDER_REVIEW. Event `permit.reviewed`. */
  @Transaction()
  @Returns('Permit')
  async reviewPermit(ctx: PermitsContext, permitId: string) {
    requireGrant(ctx, PERMIT_REGISTRARS);
    return move(ctx, requireId(permitId, 'permitId'), 'review', 'permit.reviewed', () => ({}));
  }

  /** UNDER_REVIEW -> APPROVED. Event `permit.approved`. */
  @Transaction()
  @Returns('Permit')
  async approvePermit(ctx: PermitsContext, permitId: string) {
    requireGrant(ctx, PERMIT_REGISTRARS);
    return move(ctx, requireId(permitId, 'permitId'), 'approve', 'permit.approved', (now) => ({ approvedAt: now }));
  }

  /** UNDER_REVIEW -> REJECTED (final). `reason` is public: no personal data. Event `permit.rejected`. */
  @Transaction()
  @Returns('Permit')
  async rejectPermit(ctx: PermitsContext, permitId: string, reason: string) {
    requireGrant(ctx, PERMIT_REGISTRARS);
    const id = requireId(permitId, 'permitId');
    const rejectionReason = validate(RejectionReason, reason, 'reason');
    return move(ctx, id, 'reject', 'permit.rejected', () => ({ rejectionReason }));
  }

  /**
   * Records a site inspection of an APPROVED permit. `inspectionJson`: `{ result: PASSED|FAILED,
   * notes? }`. PASSED -> INSPECTION_PASSED; FAILED keeps APPROVED (inspect again later).
   * Event `permit.inspected`.
   */
  @Transaction()
  @Returns('Permit')
  async inspectPermit(ctx: PermitsContext, permitId: string, inspectionJson: string) {
    const caller = requireGrant(ctx, PERMIT_INSPECTORS);
    const id = requireId(permitId, 'permitId');
    const inspection = parseJson(InspectionInput, inspectionJson, 'inspection');
    const action: PermitAction = inspection.result === 'PASSED' ? 'passInspection' : 'failInspection';
    return move(ctx, id, action, 'permit.inspected', (now) => ({
      lastInspection: { ...inspection, inspectedAt: now, inspectedBy: caller.msp },
    }));
  }

  /** INSPECTION_PASSED -> CLOSED. Event `permit.closed`. */
  @Transaction()
  @Returns('Permit')
  async closePermit(ctx: PermitsContext, permitId: string) {
    requireGrant(ctx, PERMIT_REGISTRARS);
    return move(ctx, requireId(permitId, 'permitId'), 'close', 'permit.closed', () => ({}));
  }

  /**
   * The public state of a permit (at least `id` and `status`). Open to every org and to other
   * chaincodes on the channel. NOT_FOUND when unknown.
   */
  @Transaction(false)
  @Returns('Permit')
  async getPermit(ctx: PermitsContext, permitId: string) {
    return readJson<Permit>(ctx, permitKey(ctx, requireId(permitId, 'permitId')), 'permit');
  }

  /** Every committed version of a permit, newest first. NOT_FOUND when unknown. */
  @Transaction(false)
  @Returns('PermitHistoryEntry[]')
  async getPermitHistory(ctx: PermitsContext, permitId: string) {
    const key = permitKey(ctx, requireId(permitId, 'permitId'));
    await readJson<Permit>(ctx, key, 'permit');
    const history: HistoryEntry<Permit>[] = await getHistory<Permit>(ctx, key);
    return history;
  }

  /**
   * One page of the permits in `status`, through the `permit~status` index. `pageSize` 1..100;
   * `bookmark` '' for the first page. Evaluate only (paginated query).
   */
  @Transaction(false)
  @Returns('PermitPage')
  async listPermitsByStatus(ctx: PermitsContext, status: string, pageSize: string, bookmark: string) {
    const wanted = validate(PermitStatus, status, 'status');
    const page: Page<Permit> = await listByIndex<Permit>(ctx, PERMIT_STATUS_INDEX, [wanted], {
      pageSize,
      bookmark,
      primaryKey: (id) => permitKey(ctx, id),
    });
    return page;
  }

  /**
   * The applicant's contact data, for Registry and Public Works only (FORBIDDEN otherwise).
   * NOT_FOUND once purged (blockToLive). Evaluate only.
   */
  @Transaction(false)
  @Returns('PermitApplicant')
  async getPermitApplicant(ctx: PermitsContext, permitId: string) {
    requireCollectionReader(ctx, Collection.PermitApplicants);
    const key = permitKey(ctx, requireId(permitId, 'permitId'));
    return readPrivateJson<PermitApplicant>(ctx, Collection.PermitApplicants, key, 'permit applicant');
  }
}

/**
 * Applies `action` to permit `id`: CONFLICT when the state machine forbids it; otherwise writes
 * the permit with `changes` (and, from APPROVED on, its key-level policy AND(Registry, Public
 * Works)), moves its status index entry and emits one event.
 */

/** What filing one application writes, for applyForPermit and each record of applyForPermits. */
async function applyOne(ctx: Context, input: PermitInput, applicant: ApplicantInput, appliedBy: string, now: string): Promise<Permit> {
  const key = permitKey(ctx, input.id);
  await requireAbsent(ctx, key, 'permit');
  if (input.parcelId !== undefined) {
    await readJson<Parcel>(ctx, parcelKey(ctx, input.parcelId), 'parcel');
  }
  const permit: Permit = { ...input, status: 'APPLIED', appliedBy, createdAt: now, updatedAt: now };
  await writeJson(ctx, key, permit);
  await putIndex(ctx, PERMIT_STATUS_INDEX, [permit.status, permit.id]);
  const contact: PermitApplicant = { permitId: permit.id, ...applicant };
  await putPrivateJson(ctx, Collection.PermitApplicants, key, contact);
  return permit;
}

async function move(
  ctx: Context,
  id: string,
  action: PermitAction,
  eventName: string,
  changes: (now: string) => Partial<Permit>,
): Promise<Permit> {
  const key = permitKey(ctx, id);
  const current = await readJson<Permit>(ctx, key, 'permit');
  const status = transition(current, action);
  const now = txTimestamp(ctx);
  const permit: Permit = { ...current, ...changes(now), status, updatedAt: now };
  await writeJson(ctx, key, permit);
  if (APPROVED_OR_LATER.includes(status)) {
    await requireKeyEndorsers(ctx, key, approvedPermitEndorsers());
  }
  if (status !== current.status) {
    await deleteIndex(ctx, PERMIT_STATUS_INDEX, [current.status, id]);
    await putIndex(ctx, PERMIT_STATUS_INDEX, [status, id]);
  }
  emitEvent(ctx, eventName, { permitId: id, from: current.status, to: status, action, txTime: now });
  return permit;
}
