/**
 * Land parcels: the `property` contract of the `records` chaincode.
 *
 * | route | chaincode call | roles |
 * |---|---|---|
 * | `GET /v1/parcels/:id` | evaluate `getParcel(id)` | any |
 * | `GET /v1/parcels/:id/history` | evaluate `getParcelHistory(id)` | any |
 * | `POST /v1/parcels` | submit `registerParcel(parcelJson)`, transient `owner` | clerk, registrar |
 * | `POST /v1/parcels/:id/transfer` | submit `transferParcel(id, newOwnerId)`, transient `owner` | registrar |
 *
 * Owner personal data goes only in the transient map, and endorsement is limited to the
 * members of its collection (`registryPropertyOwners`: Registry), so it never leaves them.
 */
import { Msp, Role } from '@city-ledger/chaincode-common';
import { ANY_ROLE, defineRoute, json, type Resource } from '../http/route';
import { IdParams, Submitted } from '../schemas/common';
import { Parcel, ParcelHistory, RegisterParcelBody, TransferParcelBody } from '../schemas/property';
import { submitted } from './results';

const CHAINCODE = 'records';
const CONTRACT = 'property';
/** Members of `registryPropertyOwners` (chaincode/records/src/collections.ts), where owner data is stored. */
const OWNER_DATA_ORGS: readonly string[] = [Msp.Registry];

export const propertyResource: Resource = {
  name: 'property',
  description: 'Land parcels, their titles and history (records chaincode, property contract)',
  routes: [
    defineRoute({
      method: 'get',
      path: '/v1/parcels/:id',
      operationId: 'getParcel',
      summary: 'The public state of a parcel',
      tags: ['property'],
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The parcel', schema: Parcel },
      handler: async ({ params, principal, ledger }) => ({
        status: 200,
        body: json(await ledger.evaluate(principal, CHAINCODE, CONTRACT, 'getParcel', [params.id])),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/parcels/:id/history',
      operationId: 'getParcelHistory',
      summary: 'Every committed version of a parcel, newest first',
      tags: ['property'],
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The parcel history', schema: ParcelHistory },
      handler: async ({ params, principal, ledger }) => ({
        status: 200,
        body: json(await ledger.evaluate(principal, CHAINCODE, CONTRACT, 'getParcelHistory', [params.id])),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/parcels',
      operationId: 'registerParcel',
      summary: 'Register a parcel and its owner',
      description: 'The owner personal data (`owner`) travels as transient data and is endorsed by Registry peers only.',
      tags: ['property'],
      body: RegisterParcelBody,
      roles: [Role.Clerk, Role.Registrar],
      writes: true,
      response: { status: 201, description: 'The registered parcel', schema: Submitted(Parcel) },
      handler: async ({ body, transact }) => {
        const { owner, ...parcel } = body;
        return transact(
          {
            chaincode: CHAINCODE,
            contract: CONTRACT,
            fn: 'registerParcel',
            args: [JSON.stringify(parcel)],
            transient: { owner: JSON.stringify(owner) },
            endorsingOrganizations: OWNER_DATA_ORGS,
          },
          (outcome) => ({ ...submitted(201, outcome), headers: { Location: `/v1/parcels/${encodeURIComponent(parcel.id)}` } }),
        );
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/parcels/:id/transfer',
      operationId: 'transferParcel',
      summary: 'Transfer the title of a parcel to a new owner',
      description: 'A title transfer is a legal act: registrars only. The new owner personal data travels as transient data.',
      tags: ['property'],
      params: IdParams,
      body: TransferParcelBody,
      roles: [Role.Registrar],
      writes: true,
      response: { status: 200, description: 'The parcel after the transfer', schema: Submitted(Parcel) },
      handler: async ({ params, body, transact }) =>
        transact(
          {
            chaincode: CHAINCODE,
            contract: CONTRACT,
            fn: 'transferParcel',
            args: [params.id, body.newOwnerId],
            transient: { owner: JSON.stringify(body.owner) },
            endorsingOrganizations: OWNER_DATA_ORGS,
          },
          (outcome) => submitted(200, outcome),
        ),
    }),
  ],
};
