/**
 * Vital records: the `vital` contract of the `records` chaincode. Only the public part is
 * exposed here; verification recomputes the salted hash on the ledger, so every org (the
 * Auditor included) can check a certificate without seeing personal data.
 *
 * | route | chaincode call | roles |
 * |---|---|---|
 * | `GET /v1/vital-records/:id` | evaluate `getVitalRecord(id)` | any |
 * | `POST /v1/vital-records/:id/verify` | evaluate `verify(id, presentedDocument)` | any |
 *
 * `verify` is a POST because the certificate goes in the body, but it only evaluates: it
 * writes nothing and works on a read-only gateway.
 */
import { ANY_ROLE, defineRoute, json, type Resource } from '../http/route';
import { IdParams } from '../schemas/common';
import { VerifyBody, VerifyResult, VitalRecord } from '../schemas/vital';

const CHAINCODE = 'records';
const CONTRACT = 'vital';

export const vitalResource: Resource = {
  name: 'vital',
  description: 'Birth, death and marriage records: public state and certificate verification (records chaincode, vital contract)',
  routes: [
    defineRoute({
      method: 'get',
      path: '/v1/vital-records/:id',
      operationId: 'getVitalRecord',
      summary: 'The public state of a vital record',
      tags: ['vital'],
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The vital record', schema: VitalRecord },
      handler: async ({ params, principal, ledger }) => ({
        status: 200,
        body: json(await ledger.evaluate(principal, CHAINCODE, CONTRACT, 'getVitalRecord', [params.id])),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/vital-records/:id/verify',
      operationId: 'verifyVitalRecord',
      summary: 'Check a presented certificate against the record',
      description: 'Answers MATCH or MISMATCH, with the record status: a VOID record can MATCH, so check the status too.',
      tags: ['vital'],
      params: IdParams,
      body: VerifyBody,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The verification result', schema: VerifyResult },
      handler: async ({ params, body, principal, ledger }) => ({
        status: 200,
        body: json(await ledger.evaluate(principal, CHAINCODE, CONTRACT, 'verify', [params.id, JSON.stringify(body)])),
      }),
    }),
  ],
};
