/**
 * Vital records: the `vital` contract of the `records` chaincode.
 *
 * | route | chaincode call | roles |
 * |---|---|---|
 * | `POST /v1/vital-records` | submit `registerBirth` / `registerMarriage` / `registerDeath(id)`, transient `vital` | registrar (births, marriages); registrar, officer (deaths) |
 * | `POST /v1/vital-records/batch` | submit `registerVitalRecords(type, idsJson)`, transient `vitals` | as the records' type |
 * | `GET /v1/vital-records/:id` | evaluate `getVitalRecord(id)` | any |
 * | `GET /v1/vital-records/:id/history` | evaluate `getVitalRecordHistory(id)` | any |
 * | `POST /v1/vital-records/:id/amend` | submit `amendVitalRecord(id, reason)`, transient `vital` | registrar, officer |
 * | `POST /v1/vital-records/:id/void` | submit `voidVitalRecord(id, reason)` | registrar, officer |
 * | `POST /v1/vital-records/:id/verify` | evaluate `verify(id, presentedDocument)` | any |
 * | `GET /v1/vital-records/:id/certificate` | evaluate `getVitalRecordPrivate(id)` (private) | any, member orgs' gateways |
 * | `GET /v1/vital-records/:id/cause-of-death` | evaluate `getDeathCause(id)` (private) | any, member orgs' gateways |
 *
 * **Salts.** The chaincode hashes `salt + details` into the public record and needs the salt
 * from the client (it has no randomness). The gateway generates it (calls/salts.ts) for every
 * registration and amendment, never takes one from the caller (a weak or reused salt would let
 * anyone confirm guessed names against the public hash), and answers it once, as
 * `certificate.salt`, to the caller who registered: the chaincode only lets collection members
 * register, so that caller is a member. It is then printed on the certificate, and readable
 * again through `GET .../certificate` by members.
 *
 * **Endorsement.** The details go to the members of the type's collection only: births and
 * marriages to `registryVitalRecords`, deaths to `registryHealthDeathRecords`. An amendment
 * first reads the record's public type to pick the collection, so a caller cannot send a
 * birth's details to Health by claiming it is a death.
 *
 * `verify` is a POST because the certificate goes in the body, but it only evaluates: it
 * writes nothing and works on a read-only gateway.
 */
import { batchField, MAX_BATCH_RECORDS, Role } from '@city-ledger/domain';
import type { Static } from '@sinclair/typebox';
import { Problems } from '../errors';
import { hasRole } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import type { SubmitOutcome } from '../fabric/ledgerClient';
import { ANY_ROLE, defineRoute, type Resource, type RouteResult } from '../http/route';
import { IdParams, Submitted } from '../schemas/common';
import {
  AmendVitalBody,
  RegisterVitalBody,
  RegisterVitalsBody,
  StoredCauseOfDeath,
  VerifyBody,
  VerifyResult,
  VitalCertificate,
  VitalRecord,
  VitalRecordHistory,
  VitalBatchResult,
  VitalWriteResult,
  VoidVitalBody,
  type VitalType,
} from '../schemas/vital';
import { contractOf, location } from '../calls/contractCalls';
import { membersOnly, PrivateData } from '../calls/privateData';
import { submitted } from '../http/writeResults';
import { certificateSalt } from '../calls/salts';

const vital = contractOf('records', 'vital');
const TAGS = ['vital'];
type Type = Static<typeof VitalType>;

/** Per record type: the registering function, the roles that may write it, the orgs that hold its details. */
const RULES: Readonly<Record<Type, { fn: string; roles: readonly string[]; orgs: readonly string[] }>> = {
  BIRTH: { fn: 'registerBirth', roles: [Role.Registrar], orgs: PrivateData.vitalRecords },
  MARRIAGE: { fn: 'registerMarriage', roles: [Role.Registrar], orgs: PrivateData.vitalRecords },
  DEATH: { fn: 'registerDeath', roles: [Role.Registrar, Role.Officer], orgs: PrivateData.deathRecords },
};
const ANY_WRITER = [...new Set(Object.values(RULES).flatMap((r) => r.roles))];
const CERTIFICATE_ORGS = [...new Set([...PrivateData.vitalRecords, ...PrivateData.deathRecords])];

/** The rule of `type`, when the caller has one of its roles (403 otherwise). */
function writerRule(principal: Principal, type: Type): (typeof RULES)[Type] {
  const rule = RULES[type];
  if (!hasRole(principal, rule.roles)) throw Problems.forbidden(`registering a ${type} record needs one of the roles: ${rule.roles.join(', ')}`);
  return rule;
}

/** The transient `vital` input of one registration: its salt, details and a death's cause. */
function privateInput(registration: Static<typeof RegisterVitalBody>, salt: string): Record<string, unknown> {
  return { salt, details: registration.details, ...('causeOfDeath' in registration ? { causeOfDeath: registration.causeOfDeath } : {}) };
}

/** A committed registration or amendment, with the salt for the certificate. */
function withSalt(status: 200 | 201, outcome: SubmitOutcome, salt: string): RouteResult {
  const answer = submitted(status, outcome);
  return { ...answer, body: { ...(answer.body as object), certificate: { salt } } };
}

export const vitalResource: Resource = {
  name: 'vital',
  description: 'Birth, death and marriage records: public salted hashes, private certificates, verification (records chaincode, vital contract)',
  routes: [
    defineRoute({
      method: 'post',
      path: '/v1/vital-records',
      operationId: 'registerVitalRecord',
      summary: 'Register a birth, marriage or death',
      description:
        'The details (and a death\'s cause) travel as transient data to the members of the type\'s collection only. The gateway generates the certificate salt and answers it once in `certificate.salt`.',
      tags: TAGS,
      body: RegisterVitalBody,
      roles: ANY_WRITER,
      writes: true,
      response: { status: 201, description: 'The registered record and the certificate salt', schema: VitalWriteResult },
      handler: async ({ body, principal, transact }) => {
        const rule = writerRule(principal, body.type);
        const salt = certificateSalt();
        const tx = vital.request(rule.fn, [body.id], { transient: { vital: JSON.stringify(privateInput(body, salt)) }, endorsingOrganizations: rule.orgs });
        return transact(tx, (outcome) => ({ ...withSalt(201, outcome, salt), headers: { Location: location('vital-records', body.id) } }));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/vital-records/batch',
      operationId: 'registerVitalRecords',
      summary: 'Register many births, marriages or deaths of one type in one transaction',
      description:
        `For loading an existing register: 1 to ${MAX_BATCH_RECORDS} registrations as \`POST /v1/vital-records\` takes them, all of one type, each ` +
        'validated and its details kept private exactly as one at a time; the gateway generates every certificate salt and answers them in ' +
        '`certificates`. All or nothing: a refused record fails the whole batch, and the problem `detail` names its index ' +
        '(`records[3]: vital record B-9 already exists`). 413 `BATCH_TOO_LARGE` over the bound.',
      tags: TAGS,
      body: RegisterVitalsBody,
      roles: ANY_WRITER,
      writes: true,
      response: { status: 200, description: 'The number of records registered and their certificate salts', schema: VitalBatchResult },
      handler: async ({ body, principal, transact }) => {
        const type = body[0]?.type ?? 'BIRTH';
        const other = body.findIndex((record) => record.type !== type);
        if (other >= 0) throw Problems.invalidArgument(`${batchField(other)}.type must be ${type}, like records[0]: a batch holds one type`);
        const rule = writerRule(principal, type);
        const salts = body.map(() => certificateSalt());
        const tx = vital.request('registerVitalRecords', [type, JSON.stringify(body.map((record) => record.id))], {
          transient: { vitals: JSON.stringify(body.map((record, i) => privateInput(record, salts[i] as string))) },
          endorsingOrganizations: rule.orgs,
        });
        return transact(tx, (outcome) => {
          const answer = submitted(200, outcome);
          return { ...answer, body: { ...(answer.body as object), certificates: body.map((record, i) => ({ id: record.id, salt: salts[i] })) } };
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/vital-records/:id',
      operationId: 'getVitalRecord',
      summary: 'The public state of a vital record',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The vital record', schema: VitalRecord },
      handler: vital.evaluate('getVitalRecord', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/vital-records/:id/history',
      operationId: 'getVitalRecordHistory',
      summary: 'Every committed version of a vital record\'s public state, newest first',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The history', schema: VitalRecordHistory },
      handler: vital.evaluate('getVitalRecordHistory', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/vital-records/:id/amend',
      operationId: 'amendVitalRecord',
      summary: 'Replace a record\'s details (the citizen gets a new certificate)',
      description:
        'Send the full new details of the record\'s type (and `causeOfDeath` for a death). The gateway reads the record\'s type to send the details to that collection\'s members only, and generates a new salt. 422 on a VOID record.',
      tags: TAGS,
      params: IdParams,
      body: AmendVitalBody,
      roles: ANY_WRITER,
      writes: true,
      response: { status: 200, description: 'The amended record and the new certificate salt', schema: VitalWriteResult },
      handler: async (ctx) => {
        const { params, body, transact } = ctx;
        const record = (await vital.query(ctx, 'getVitalRecord', [params.id])) as { type: Type };
        const { reason, ...privateInput } = body;
        const salt = certificateSalt();
        const tx = vital.request('amendVitalRecord', [params.id, reason], {
          transient: { vital: JSON.stringify({ salt, ...privateInput }) },
          endorsingOrganizations: RULES[record.type].orgs,
        });
        return transact(tx, (outcome) => withSalt(200, outcome, salt));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/vital-records/:id/void',
      operationId: 'voidVitalRecord',
      summary: 'Void a record (final)',
      description: 'The private data is kept as a legal record. 422 when already VOID.',
      tags: TAGS,
      params: IdParams,
      body: VoidVitalBody,
      roles: ANY_WRITER,
      writes: true,
      response: { status: 200, description: 'The voided record', schema: Submitted(VitalRecord) },
      handler: vital.submit('voidVitalRecord', ({ params, body }) => [params.id, body.reason]),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/vital-records/:id/verify',
      operationId: 'verifyVitalRecord',
      summary: 'Check a presented certificate against the record',
      description: 'Answers MATCH or MISMATCH, with the record status: a VOID record can MATCH, so check the status too.',
      tags: TAGS,
      params: IdParams,
      body: VerifyBody,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The verification result', schema: VerifyResult },
      handler: vital.evaluate('verify', ({ params, body }) => [params.id, JSON.stringify(body)]),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/vital-records/:id/certificate',
      operationId: 'getVitalCertificate',
      summary: 'The private certificate: details and salt',
      description: 'Only on the gateway of a member org of the record type\'s collection (Registry; Health too for deaths).',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The certificate', schema: VitalCertificate },
      handler: vital.evaluate('getVitalRecordPrivate', ({ params }) => [params.id], membersOnly(CERTIFICATE_ORGS, 'vital record details')),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/vital-records/:id/cause-of-death',
      operationId: 'getDeathCause',
      summary: 'The cause and manner of a death (private medical data)',
      description: 'Only on Registry and Health gateways. 422 for a record that is not a death.',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The cause of death', schema: StoredCauseOfDeath },
      handler: vital.evaluate('getDeathCause', ({ params }) => [params.id], membersOnly(PrivateData.deathCauses, 'causes of death')),
    }),
  ],
};
