/**
 * Waste-collection manifests: the `waste` contract of the `logistics` chaincode. Stages
 * COLLECTED → TRANSFERRED → PROCESSED (out of order: 409); a broken mass balance is 422.
 *
 * | route | chaincode call | roles |
 * |---|---|---|
 * | `POST /v1/waste-manifests` | submit `recordCollection(manifestJson)` | officer (Public Works) |
 * | `GET /v1/waste-manifests/:id`, `.../history` | evaluate `getManifest`, `getManifestHistory` | any |
 * | `POST /v1/waste-manifests/:id/transfer` | submit `recordTransfer(id, transferJson)` | officer |
 * | `POST /v1/waste-manifests/:id/process` | submit `recordProcessing(id, processingJson)` | officer |
 */
import { Role } from '@city-ledger/domain';
import { ANY_ROLE, defineRoute, type Resource } from '../http/route';
import { IdParams, Submitted } from '../schemas/common';
import { RecordCollectionBody, RecordProcessingBody, RecordTransferBody, WasteManifest, WasteManifestHistory } from '../schemas/logistics';
import { contractOf, location } from '../calls/contractCalls';
import { created } from '../http/writeResults';

const waste = contractOf('logistics', 'waste');
const TAGS = ['waste'];
const OFFICERS = [Role.Officer];

export const wasteResource: Resource = {
  name: 'waste',
  description: 'Waste-collection manifests with mass balance (logistics chaincode, waste contract)',
  routes: [
    defineRoute({
      method: 'post',
      path: '/v1/waste-manifests',
      operationId: 'recordWasteCollection',
      summary: 'Record a waste collection (a new manifest, COLLECTED)',
      tags: TAGS,
      body: RecordCollectionBody,
      roles: OFFICERS,
      writes: true,
      response: { status: 201, description: 'The new manifest', schema: Submitted(WasteManifest) },
      handler: async ({ body, transact }) =>
        transact(waste.request('recordCollection', [JSON.stringify(body)]), (outcome) => created(outcome, location('waste-manifests', body.id))),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/waste-manifests/:id',
      operationId: 'getWasteManifest',
      summary: 'The current state of a manifest',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The manifest', schema: WasteManifest },
      handler: waste.evaluate('getManifest', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/waste-manifests/:id/history',
      operationId: 'getWasteManifestHistory',
      summary: 'Every committed version of a manifest, newest first',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The manifest history', schema: WasteManifestHistory },
      handler: waste.evaluate('getManifestHistory', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/waste-manifests/:id/transfer',
      operationId: 'recordWasteTransfer',
      summary: 'Record the transfer to a facility (COLLECTED → TRANSFERRED)',
      description: 'The transferred weight may not exceed the collected one by more than 2 % (422).',
      tags: TAGS,
      params: IdParams,
      body: RecordTransferBody,
      roles: OFFICERS,
      writes: true,
      response: { status: 200, description: 'The manifest after the transfer', schema: Submitted(WasteManifest) },
      handler: waste.submit('recordTransfer', ({ params, body }) => [params.id, JSON.stringify(body)]),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/waste-manifests/:id/process',
      operationId: 'recordWasteProcessing',
      summary: 'Record the processing (TRANSFERRED → PROCESSED)',
      description: 'processed + residue must equal the transferred weight within 2 % (422 otherwise).',
      tags: TAGS,
      params: IdParams,
      body: RecordProcessingBody,
      roles: OFFICERS,
      writes: true,
      response: { status: 200, description: 'The processed manifest', schema: Submitted(WasteManifest) },
      handler: waste.submit('recordProcessing', ({ params, body }) => [params.id, JSON.stringify(body)]),
    }),
  ],
};
