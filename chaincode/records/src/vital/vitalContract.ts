/**
 * Vital records contract (`vital`): birth, death and marriage certificates.
 *
 * Public state: only ID, type, status, issuing department and salted hash (vitalRecord.ts).
 * Personal data: private collections per type (vitalDetails.ts). Verification by anyone:
 * certificate.ts.
 *
 * Who may call what (the Auditor never writes):
 * - registerBirth, registerMarriage: Registry registrar.
 * - registerDeath: Registry registrar or Health officer.
 * - registerVitalRecords (a batch of one type, for loading existing registers): as the type's single registration.
 * - amendVitalRecord, voidVitalRecord: the registering roles of the record's type.
 * - getVitalRecord, getVitalRecordHistory, verify: everyone, the Auditor included.
 * - getVitalRecordPrivate: members of the type's collection (Registry; Health too for deaths).
 * - getDeathCause: Registry and Health.
 *
 * @example
 * ```ts
 * // transient { vital: { salt, details: { childName, bornAt, placeOfBirth, parent1Name } } }
 * await contract.registerBirth(ctx, 'B-2025-0001');
 * ```
 */
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  AmendmentReason,
  Batch,
  BATCH_FIELD,
  certificateHash,
  Id,
  DeathCause,
  HistoryEntry,
  parseJson,
  PresentedCertificate,
  VerifyResult,
  VitalPrivateData,
  VitalRecord,
  VitalType,
  VoidReason,
  validate,
  type VitalAmendment,
  type VitalInput,
} from '@city-ledger/domain';
import {
  CityContract,
  declareComponents,
  emitEvent,
  failedPrecondition,
  forEachRecord,
  getHistory,
  pairWithPrivate,
  putPrivateJson,
  readJson,
  readPrivateJson,
  readTransient,
  readTransientBatch,
  requireAbsent,
  requireDistinct,
  requireId,
  requireGrant,
  requireMsp,
  requireRemit,
  remitHolders,
  txTimestamp,
  writeJson,
} from '@city-ledger/chaincode-common';
import { requireCollectionReader } from '../access';
import { Collection } from '../collections';
import { ANY_VITAL_WRITER_REMITS, VITAL_RULES, VITAL_TRANSIENT_KEY, VITALS_TRANSIENT_KEY } from './vitalDetails';
import { vitalKey } from './vitalRecord';

// What GetMetadata describes for @Returns: the domain's schemas, by name.
declareComponents({
  VitalRecord,
  VitalRecordHistoryEntry: HistoryEntry(VitalRecord),
  VitalPrivateData,
  DeathCause,
  VerifyResult,
});

const KIND = 'vital record';

/**
 * The transaction context of this contract. Declared in this module so that the parameter
 * metadata TypeScript emits for the decorated transactions names the class directly.
 */
class VitalContext extends Context {}

@Info({ title: 'Vital records', description: 'Birth, death and marriage certificates: public salted hashes, private personal data' })
export class VitalRecordsContract extends CityContract {
  constructor() {
    super('vital', [Collection.VitalRecords, Collection.DeathRecords, Collection.DeathCauses]);
  }

  /** A VitalContext for every transaction (the runtime and @Transaction use it to spot the ctx parameter). */
  override createContext(): VitalContext {
    return new VitalContext();
  }

  /** Registers a birth certificate; transient `vital`: `{ salt, details }`. Event `vital.registered`. */
  @Transaction()
  @Returns('VitalRecord')
  async registerBirth(ctx: VitalContext, id: string) {
    return register(ctx, 'BIRTH', id);
  }

  /** Registers a marriage certificate; transient `vital`: `{ salt, details }`. Event `vital.registered`. */
  @Transaction()
  @Returns('VitalRecord')
  async registerMarriage(ctx: VitalContext, id: string) {
    return register(ctx, 'MARRIAGE', id);
  }

  /**
   * Registers a death certificate; transient `vital`: `{ salt, details, causeOfDeath }`.
   * Shared by Registry and Health. Event `vital.registered`.
   */
  @Transaction()
  @Returns('VitalRecord')
  async registerDeath(ctx: VitalContext, id: string) {
    return register(ctx, 'DEATH', id);
  }

  /**
   * Registers up to MAX_BATCH_RECORDS records of one `type` (BIRTH, MARRIAGE or DEATH) in one
   * transaction, each as that type's single registration would: `idsJson` is an array of IDs,
   * transient `vitals` the array of their `{ salt, details[, causeOfDeath] }`, in the same
   * order. All or nothing: the first refused record fails the batch and the error names it
   * (`CONFLICT: records[3]: vital record B-9 already exists`). Event `vitals.registered` lists
   * every record's ID and hash. Returns the number registered.
   */
  @Transaction()
  @Returns('number')
  async registerVitalRecords(ctx: VitalContext, type: string, idsJson: string) {
    requireRemit(ctx, ANY_VITAL_WRITER_REMITS);
    const recordType = validate(VitalType, type, 'type');
    const rule = VITAL_RULES[recordType];
    const caller = requireGrant(ctx, rule.writers);
    const ids = parseJson(Batch(Id), idsJson, BATCH_FIELD);
    const inputs = readTransientBatch(ctx, VITALS_TRANSIENT_KEY, rule.input) as VitalInput[];
    const registrations = pairWithPrivate(ids, inputs, VITALS_TRANSIENT_KEY);
    requireDistinct(ids, KIND);
    const now = txTimestamp(ctx);
    const records = await forEachRecord(registrations, ([id, input]) => registerOne(ctx, recordType, id, input, caller.msp, now));
    emitEvent(ctx, 'vitals.registered', {
      type: recordType,
      issuingDepartment: caller.msp,
      records: records.map((record) => ({ id: record.id, hash: record.hash })),
      txTime: now,
    });
    return records.length;
  }

  /**
   * Replaces a record's personal data (and salt: the citizen gets a new certificate) with the
   * transient `vital` input. `reason`: one of AMENDMENT_REASONS. Status becomes AMENDED.
   * Event `vital.amended`. FAILED_PRECONDITION on a VOID record.
   */
  @Transaction()
  @Returns('VitalRecord')
  async amendVitalRecord(ctx: VitalContext, id: string, reason: string) {
    requireRemit(ctx, ANY_VITAL_WRITER_REMITS);
    const recordId = requireId(id, 'id');
    const why = validate(AmendmentReason, reason, 'reason');
    const current = await readJson<VitalRecord>(ctx, vitalKey(ctx, recordId), KIND);
    const rule = VITAL_RULES[current.type];
    const caller = requireGrant(ctx, rule.writers);
    requireNotVoid(current);
    const input = readTransient(ctx, VITAL_TRANSIENT_KEY, rule.input) as VitalInput;
    const now = txTimestamp(ctx);
    const record: VitalRecord = {
      ...current,
      status: 'AMENDED',
      hash: certificateHash(recordId, current.type, input.salt, input.details),
    };
    await writeJson(ctx, vitalKey(ctx, recordId), record);
    await writePrivate(ctx, record, input, now, { reason: why, at: now, by: caller.msp });
    emitEvent(ctx, 'vital.amended', { id: recordId, type: record.type, reason: why, hash: record.hash, txTime: now });
    return record;
  }

  /**
   * Voids a record (final). `reason`: one of VOID_REASONS. The private data is kept as a legal
   * record. Event `vital.voided`. FAILED_PRECONDITION when already VOID.
   */
  @Transaction()
  @Returns('VitalRecord')
  async voidVitalRecord(ctx: VitalContext, id: string, reason: string) {
    requireRemit(ctx, ANY_VITAL_WRITER_REMITS);
    const recordId = requireId(id, 'id');
    const why = validate(VoidReason, reason, 'reason');
    const current = await readJson<VitalRecord>(ctx, vitalKey(ctx, recordId), KIND);
    requireGrant(ctx, VITAL_RULES[current.type].writers);
    requireNotVoid(current);
    const record: VitalRecord = { ...current, status: 'VOID' };
    await writeJson(ctx, vitalKey(ctx, recordId), record);
    emitEvent(ctx, 'vital.voided', { id: recordId, type: record.type, reason: why, txTime: txTimestamp(ctx) });
    return record;
  }

  /** The public part: ID, type, status, issuing department, salted hash. */
  @Transaction(false)
  @Returns('VitalRecord')
  async getVitalRecord(ctx: VitalContext, id: string) {
    return readJson<VitalRecord>(ctx, vitalKey(ctx, requireId(id, 'id')), KIND);
  }

  /** Every committed version of the public part, newest first. NOT_FOUND when unknown. */
  @Transaction(false)
  @Returns('VitalRecordHistoryEntry[]')
  async getVitalRecordHistory(ctx: VitalContext, id: string) {
    const key = vitalKey(ctx, requireId(id, 'id'));
    await readJson<VitalRecord>(ctx, key, KIND);
    const history: HistoryEntry<VitalRecord>[] = await getHistory<VitalRecord>(ctx, key);
    return history;
  }

  /**
   * The private part (details and salt), for members of the type's collection only:
   * FORBIDDEN for other orgs. Evaluate only.
   */
  @Transaction(false)
  @Returns('VitalPrivateData')
  async getVitalRecordPrivate(ctx: VitalContext, id: string) {
    requireMsp(ctx, remitHolders(ANY_VITAL_WRITER_REMITS));
    const key = vitalKey(ctx, requireId(id, 'id'));
    const record = await readJson<VitalRecord>(ctx, key, KIND);
    const { collection } = VITAL_RULES[record.type];
    requireCollectionReader(ctx, collection);
    return readPrivateJson<VitalPrivateData>(ctx, collection, key, KIND);
  }

  /** Cause of death of a death record, for Registry and Health only. Evaluate only. */
  @Transaction(false)
  @Returns('DeathCause')
  async getDeathCause(ctx: VitalContext, id: string) {
    requireCollectionReader(ctx, Collection.DeathCauses);
    const key = vitalKey(ctx, requireId(id, 'id'));
    const record = await readJson<VitalRecord>(ctx, key, KIND);
    if (record.type !== 'DEATH') {
      throw failedPrecondition(`vital record ${record.id} is a ${record.type} record, not a death record`);
    }
    return readPrivateJson<DeathCause>(ctx, Collection.DeathCauses, key, 'cause of death');
  }

  /**
   * Checks a presented certificate `{ salt, details }` against the record's public salted hash.
   * Works for every org (no private read). See certificateHash in @city-ledger/domain for the design.
   */
  @Transaction(false)
  @Returns('VerifyResult')
  async verify(ctx: VitalContext, id: string, presentedDocument: string) {
    const recordId = requireId(id, 'id');
    const presented = parseJson(PresentedCertificate, presentedDocument, 'presentedDocument');
    const record = await readJson<VitalRecord>(ctx, vitalKey(ctx, recordId), KIND);
    const hash = certificateHash(recordId, record.type, presented.salt, presented.details);
    const answer: VerifyResult = {
      id: recordId,
      type: record.type,
      status: record.status,
      result: hash === record.hash ? 'MATCH' : 'MISMATCH',
    };
    return answer;
  }
}

async function register(ctx: Context, type: VitalType, rawId: string): Promise<VitalRecord> {
  const rule = VITAL_RULES[type];
  const caller = requireGrant(ctx, rule.writers);
  const id = requireId(rawId, 'id');
  const input = readTransient(ctx, VITAL_TRANSIENT_KEY, rule.input) as VitalInput;
  const now = txTimestamp(ctx);
  const record = await registerOne(ctx, type, id, input, caller.msp, now);
  emitEvent(ctx, 'vital.registered', { id, type, issuingDepartment: caller.msp, hash: record.hash, txTime: now });
  return record;
}

/** What registering one record writes, for the single registrations and each record of registerVitalRecords. */
async function registerOne(ctx: Context, type: VitalType, id: string, input: VitalInput, issuingDepartment: string, now: string): Promise<VitalRecord> {
  const key = vitalKey(ctx, id);
  await requireAbsent(ctx, key, KIND);
  const record: VitalRecord = {
    id,
    type,
    status: 'REGISTERED',
    issuingDepartment,
    hash: certificateHash(id, type, input.salt, input.details),
  };
  await writeJson(ctx, key, record);
  await writePrivate(ctx, record, input, now);
  return record;
}

// Blind writes only: a submitted transaction never reads private data, so that endorsing
// peers outside the collection compute the same result.
async function writePrivate(
  ctx: Context,
  record: VitalRecord,
  input: VitalInput,
  now: string,
  amendment?: VitalAmendment,
): Promise<void> {
  const key = vitalKey(ctx, record.id);
  const data: VitalPrivateData = {
    id: record.id,
    type: record.type,
    salt: input.salt,
    details: input.details,
    recordedAt: now,
    lastAmendment: amendment,
  };
  await putPrivateJson(ctx, VITAL_RULES[record.type].collection, key, data);
  if (input.causeOfDeath) {
    const cause: DeathCause = { id: record.id, ...input.causeOfDeath, recordedAt: now };
    await putPrivateJson(ctx, Collection.DeathCauses, key, cause);
  }
}

function requireNotVoid(record: VitalRecord): void {
  if (record.status === 'VOID') {
    throw failedPrecondition(`vital record ${record.id} is VOID`);
  }
}
