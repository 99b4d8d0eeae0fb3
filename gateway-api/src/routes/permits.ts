/**
 * Building permits: the `permits` contract of the `records` chaincode, a state machine
 * APPLIED → UNDER_REVIEW → APPROVED | REJECTED; APPROVED → INSPECTION_PASSED → CLOSED.
 *
 * | route | chaincode call | roles |
 * |---|---|---|
 * | `POST /v1/permits` | submit `applyForPermit(permitJson)`, transient `applicant` | clerk (Registry), officer (Public Works) |
 * | `POST /v1/permits/batch` | submit `applyForPermits(permitsJson)`, transient `applicants` | clerk (Registry), officer (Public Works) |
 * | `GET /v1/permits?status=` | evaluate `listPermitsByStatus(status, pageSize, bookmark)` | any |
 * | `GET /v1/permits/:id`, `.../history` | evaluate `getPermit`, `getPermitHistory` | any |
 * | `GET /v1/permits/:id/applicant` | evaluate `getPermitApplicant` (private) | any, member orgs' gateways |
 * | `POST /v1/permits/:id/review`, `approve`, `reject`, `close` | submit the transition | registrar |
 * | `POST /v1/permits/:id/inspect` | submit `inspectPermit(id, inspectionJson)` | inspector |
 *
 * Illegal moves are the chaincode's 409 CONFLICT. An approved permit's key needs Registry and
 * Public Works peers (key-level policy); Fabric's gateway finds that from the write set.
 */
import { MAX_BATCH_RECORDS, Role } from '@city-ledger/domain';
import { Type } from '@sinclair/typebox';
import { ANY_ROLE, defineRoute, type Resource, type Route } from '../http/route';
import { IdParams, Submitted } from '../schemas/common';
import {
  ApplyForPermitBody,
  ApplyForPermitsBody,
  InspectPermitBody,
  Permit,
  PermitHistory,
  PermitListQuery,
  PermitPage,
  RejectPermitBody,
  StoredApplicant,
} from '../schemas/permits';
import { contractOf, location, pageArgs } from '../calls/contractCalls';
import { batchRequest } from '../calls/batches';
import { membersOnly, PrivateData } from '../calls/privateData';
import { created, submitted } from '../http/writeResults';

const permits = contractOf('records', 'permits');
const TAGS = ['permits'];

/** A transition without input, decided by a registrar. */
function registrarMove(action: string, fn: string, summary: string): Route {
  return defineRoute({
    method: 'post',
    path: `/v1/permits/:id/${action}`,
    operationId: fn,
    summary,
    description: 'Any other move than the state machine allows is 409 CONFLICT.',
    tags: TAGS,
    params: IdParams,
    roles: [Role.Registrar],
    writes: true,
    response: { status: 200, description: 'The permit after the move', schema: Submitted(Permit) },
    handler: permits.submit(fn, ({ params }) => [params.id]),
  });
}

export const permitsResource: Resource = {
  name: 'permits',
  description: 'Building permits: application, review, decision, inspection, closure (records chaincode, permits contract)',
  routes: [
    defineRoute({
      method: 'post',
      path: '/v1/permits',
      operationId: 'applyForPermit',
      summary: 'File a permit application (status APPLIED)',
      description: 'The applicant contact data travels as transient data to Registry and Public Works only. 404 for an unknown `parcelId`.',
      tags: TAGS,
      body: ApplyForPermitBody,
      roles: [Role.Clerk, Role.Officer],
      writes: true,
      response: { status: 201, description: 'The new permit', schema: Submitted(Permit) },
      handler: async ({ body, transact }) => {
        const { applicant, ...permit } = body;
        const tx = permits.request('applyForPermit', [JSON.stringify(permit)], {
          transient: { applicant: JSON.stringify(applicant) },
          endorsingOrganizations: PrivateData.permitApplicants,
        });
        return transact(tx, (outcome) => created(outcome, location('permits', permit.id)));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/permits/batch',
      operationId: 'applyForPermits',
      summary: 'File many permit applications in one transaction (each APPLIED)',
      description:
        `For loading an existing register: 1 to ${MAX_BATCH_RECORDS} applications as \`POST /v1/permits\` takes them, each validated, indexed and ` +
        'its applicant kept private exactly as one at a time. All or nothing: a refused record fails the whole batch, and the problem ' +
        '`detail` names its index (`records[3]: parcel P-9 does not exist`). 413 `BATCH_TOO_LARGE` over the bound.',
      tags: TAGS,
      body: ApplyForPermitsBody,
      roles: [Role.Clerk, Role.Officer],
      writes: true,
      response: { status: 200, description: 'The number of applications filed', schema: Submitted(Type.Integer({ minimum: 1 })) },
      handler: async ({ body, transact }) =>
        transact(batchRequest(permits, 'applyForPermits', body, { field: 'applicant', transientKey: 'applicants', orgs: PrivateData.permitApplicants }), (outcome) =>
          submitted(200, outcome),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/permits',
      operationId: 'listPermitsByStatus',
      summary: 'The permits in one status, one page at a time',
      tags: TAGS,
      query: PermitListQuery,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'One page of permits', schema: PermitPage },
      handler: permits.evaluate('listPermitsByStatus', ({ query }) => [query.status, ...pageArgs(query)]),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/permits/:id',
      operationId: 'getPermit',
      summary: 'The public state of a permit',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The permit', schema: Permit },
      handler: permits.evaluate('getPermit', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/permits/:id/history',
      operationId: 'getPermitHistory',
      summary: 'Every committed version of a permit, newest first',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The permit history', schema: PermitHistory },
      handler: permits.evaluate('getPermitHistory', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/permits/:id/applicant',
      operationId: 'getPermitApplicant',
      summary: "The applicant's contact data (private)",
      description: 'Only on Registry and Public Works gateways. 404 once purged.',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The applicant', schema: StoredApplicant },
      handler: permits.evaluate('getPermitApplicant', ({ params }) => [params.id], membersOnly(PrivateData.permitApplicants, 'permit applicants')),
    }),
    registrarMove('review', 'reviewPermit', 'Start reviewing an application (APPLIED → UNDER_REVIEW)'),
    registrarMove('approve', 'approvePermit', 'Approve a permit under review (UNDER_REVIEW → APPROVED)'),
    defineRoute({
      method: 'post',
      path: '/v1/permits/:id/reject',
      operationId: 'rejectPermit',
      summary: 'Reject a permit under review (final)',
      tags: TAGS,
      params: IdParams,
      body: RejectPermitBody,
      roles: [Role.Registrar],
      writes: true,
      response: { status: 200, description: 'The rejected permit', schema: Submitted(Permit) },
      handler: permits.submit('rejectPermit', ({ params, body }) => [params.id, body.reason]),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/permits/:id/inspect',
      operationId: 'inspectPermit',
      summary: 'Record a site inspection of an approved permit',
      description: 'PASSED → INSPECTION_PASSED; FAILED keeps APPROVED (inspect again later).',
      tags: TAGS,
      params: IdParams,
      body: InspectPermitBody,
      roles: [Role.Inspector],
      writes: true,
      response: { status: 200, description: 'The permit after the inspection', schema: Submitted(Permit) },
      handler: permits.submit('inspectPermit', ({ params, body }) => [params.id, JSON.stringify(body)]),
    }),
    registrarMove('close', 'closePermit', 'Close a permit whose inspection passed (INSPECTION_PASSED → CLOSED)'),
  ],
};
