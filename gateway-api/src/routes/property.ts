/**
 * Land parcels: the `property` contract of the `records` chaincode.
 *
 * | route | chaincode call | roles |
 * |---|---|---|
 * | `GET /v1/parcels/:id` | evaluate `getParcel(id)` | any |
 * | `GET /v1/parcels/:id/history` | evaluate `getParcelHistory(id)` | any |
 * | `POST /v1/parcels` | submit `registerParcel(parcelJson)`, transient `owner` | clerk, registrar |
 * | `POST /v1/parcels/batch` | submit `registerParcels(parcelsJson)`, transient `owners` | clerk, registrar |
 * | `POST /v1/parcels/:id/transfer` | submit `transferParcel(id, newOwnerId)`, transient `owner` | registrar |
 * | `POST /v1/parcels/:id/encumbrances` | submit `addEncumbrance(id, encumbranceJson)` | clerk, registrar |
 * | `GET /v1/parcels/:id/encumbrances/:encumbranceId` | evaluate `getParcel(id)`, one encumbrance | any |
 * | `POST /v1/parcels/:id/encumbrances/:encumbranceId/release` | submit `releaseEncumbrance(id, encumbranceId)` | clerk, registrar |
 * | `GET /v1/owners/:id/parcels` | evaluate `listParcelsByOwner(id, pageSize, bookmark)` | any |
 * | `GET /v1/owners/:id` | evaluate `getOwnerDetails(id)` (private) | any, on a member org's gateway |
 *
 * Owner personal data goes only in the transient map, and endorsement is limited to the
 * members of its collection, so it never leaves them.
 */
import { MAX_BATCH_RECORDS, Role } from '@city-ledger/domain';
import { Type } from '@sinclair/typebox';
import { Problems } from '../errors';
import { ANY_ROLE, defineRoute, type Resource } from '../http/route';
import { IdParams, NestedIdParams, PageQuery, Submitted } from '../schemas/common';
import {
  AddEncumbranceBody,
  Encumbrance,
  Parcel,
  ParcelHistory,
  ParcelPage,
  RegisterParcelBody,
  RegisterParcelsBody,
  StoredOwnerDetails,
  TransferParcelBody,
} from '../schemas/property';
import { contractOf, location, pageArgs } from '../calls/contractCalls';
import { batchRequest } from '../calls/batches';
import { membersOnly, PrivateData } from '../calls/privateData';
import { created, submitted } from '../http/writeResults';

const property = contractOf('records', 'property');
const TAGS = ['property'];
const CLERKS = [Role.Clerk, Role.Registrar];
const EncumbranceParams = NestedIdParams('encumbranceId');

export const propertyResource: Resource = {
  name: 'property',
  description: 'Land parcels, their titles, encumbrances and history (records chaincode, property contract)',
  routes: [
    defineRoute({
      method: 'get',
      path: '/v1/parcels/:id',
      operationId: 'getParcel',
      summary: 'The public state of a parcel',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      anonymous: true,
      writes: false,
      response: { status: 200, description: 'The parcel', schema: Parcel },
      handler: property.evaluate('getParcel', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/parcels/:id/history',
      operationId: 'getParcelHistory',
      summary: 'Every committed version of a parcel, newest first',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      anonymous: true,
      writes: false,
      response: { status: 200, description: 'The parcel history', schema: ParcelHistory },
      handler: property.evaluate('getParcelHistory', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/parcels',
      operationId: 'registerParcel',
      summary: 'Register a parcel and its owner',
      description: 'The owner personal data (`owner`) travels as transient data and is endorsed by the owner collection members only.',
      tags: TAGS,
      body: RegisterParcelBody,
      roles: CLERKS,
      writes: true,
      response: { status: 201, description: 'The registered parcel', schema: Submitted(Parcel) },
      handler: async ({ body, transact }) => {
        const { owner, ...parcel } = body;
        const tx = property.request('registerParcel', [JSON.stringify(parcel)], {
          transient: { owner: JSON.stringify(owner) },
          endorsingOrganizations: PrivateData.propertyOwners,
        });
        return transact(tx, (outcome) => created(outcome, location('parcels', parcel.id)));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/parcels/batch',
      operationId: 'registerParcels',
      summary: 'Register many parcels and their owners in one transaction',
      description:
        `For loading an existing register: 1 to ${MAX_BATCH_RECORDS} registrations as \`POST /v1/parcels\` takes them, each validated, indexed and ` +
        'its owner data kept private exactly as one at a time. All or nothing: a refused record fails the whole batch, and the ' +
        'problem `detail` names its index (`records[3]: parcel P-9 already exists`). 413 `BATCH_TOO_LARGE` over the bound.',
      tags: TAGS,
      body: RegisterParcelsBody,
      roles: CLERKS,
      writes: true,
      response: { status: 200, description: 'The number of parcels registered', schema: Submitted(Type.Integer({ minimum: 1 })) },
      handler: async ({ body, transact }) =>
        transact(batchRequest(property, 'registerParcels', body, { field: 'owner', transientKey: 'owners', orgs: PrivateData.propertyOwners }), (outcome) =>
          submitted(200, outcome),
        ),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/parcels/:id/transfer',
      operationId: 'transferParcel',
      summary: 'Transfer the title of a parcel to a new owner',
      description: 'A title transfer is a legal act: registrars only. The new owner personal data travels as transient data.',
      tags: TAGS,
      params: IdParams,
      body: TransferParcelBody,
      roles: [Role.Registrar],
      writes: true,
      response: { status: 200, description: 'The parcel after the transfer', schema: Submitted(Parcel) },
      handler: async ({ params, body, transact }) => {
        const tx = property.request('transferParcel', [params.id, body.newOwnerId], {
          transient: { owner: JSON.stringify(body.owner) },
          endorsingOrganizations: PrivateData.propertyOwners,
        });
        return transact(tx, (outcome) => submitted(200, outcome));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/parcels/:id/encumbrances',
      operationId: 'addEncumbrance',
      summary: 'Record a lien, mortgage, easement or covenant on a parcel',
      description: 'Active encumbrances run with the land: a transfer keeps them. 409 when the parcel already has an encumbrance with this ID.',
      tags: TAGS,
      params: IdParams,
      body: AddEncumbranceBody,
      roles: CLERKS,
      writes: true,
      response: { status: 201, description: 'The parcel with the new encumbrance', schema: Submitted(Parcel) },
      handler: async ({ params, body, transact }) =>
        transact(property.request('addEncumbrance', [params.id, JSON.stringify(body)]), (outcome) =>
          created(outcome, location('parcels', params.id, 'encumbrances', body.id)),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/parcels/:id/encumbrances/:encumbranceId',
      operationId: 'getEncumbrance',
      summary: 'One encumbrance of a parcel, active or released',
      tags: TAGS,
      params: EncumbranceParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The encumbrance', schema: Encumbrance },
      handler: async (ctx) => {
        const { params } = ctx;
        const parcel = (await property.query(ctx, 'getParcel', [params.id])) as { encumbrances: { id: string }[] };
        const found = parcel.encumbrances.find((e) => e.id === params.encumbranceId);
        if (!found) throw Problems.notFound(`encumbrance ${params.encumbranceId} does not exist on parcel ${params.id}`);
        return { status: 200, body: found };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/parcels/:id/encumbrances/:encumbranceId/release',
      operationId: 'releaseEncumbrance',
      summary: 'Release an active encumbrance',
      description: 'The encumbrance stays on the parcel as RELEASED. 422 when it is already released.',
      tags: TAGS,
      params: EncumbranceParams,
      roles: CLERKS,
      writes: true,
      response: { status: 200, description: 'The parcel after the release', schema: Submitted(Parcel) },
      handler: property.submit('releaseEncumbrance', ({ params }) => [params.id, params.encumbranceId]),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/owners/:id/parcels',
      operationId: 'listParcelsByOwner',
      summary: 'The parcels an owner holds, one page at a time',
      tags: TAGS,
      params: IdParams,
      query: PageQuery,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'One page of parcels', schema: ParcelPage },
      handler: property.evaluate('listParcelsByOwner', ({ params, query }) => [params.id, ...pageArgs(query)]),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/owners/:id',
      operationId: 'getOwnerDetails',
      summary: "An owner's personal data (private)",
      description: 'Only on the gateway of an org in the owner collection (Registry); others get 403 without a ledger call.',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: "The owner's personal data", schema: StoredOwnerDetails },
      handler: property.evaluate('getOwnerDetails', ({ params }) => [params.id], membersOnly(PrivateData.propertyOwners, 'owner details')),
    }),
  ],
};
