/**
 * Building-material deliveries: the `materials` contract of the `logistics` chaincode. A
 * delivery needs a permit that `records` has approved (and not closed).
 *
 * | route | chaincode call | roles |
 * |---|---|---|
 * | `POST /v1/material-deliveries` | submit `registerDelivery(deliveryJson)`, transient `supplierTerms` | officer, clerk (Public Works) |
 * | `GET /v1/material-deliveries/:id` | evaluate `getDelivery(id)` | any |
 * | `GET /v1/material-deliveries/:id/supplier-terms` | evaluate `getSupplierTerms(id)` (private) | officer, clerk, member orgs' gateways |
 * | `GET /v1/permits/:id/material-deliveries` | evaluate `listDeliveriesByPermit(id, pageSize, bookmark)` | any |
 *
 * Supplier terms (prices) go as transient data with a salt the gateway generates, endorsed by
 * the supplier-terms collection's members only; the ledger keeps their hash.
 */
import { Role } from '@city-ledger/domain';
import { ANY_ROLE, defineRoute, type Resource } from '../http/route';
import { IdParams, PageQuery, Submitted } from '../schemas/common';
import { MaterialsDelivery, MaterialsDeliveryPage, RegisterDeliveryBody, SupplierTerms } from '../schemas/logistics';
import { contractOf, location, pageArgs } from '../calls/contractCalls';
import { membersOnly, PrivateData } from '../calls/privateData';
import { created } from '../http/writeResults';
import { privateDataSalt } from '../calls/salts';

const materials = contractOf('logistics', 'materials');
const TAGS = ['materials'];
const PROCUREMENT = [Role.Officer, Role.Clerk];

export const materialsResource: Resource = {
  name: 'materials',
  description: 'Building-material deliveries linked to approved permits, with private supplier terms (logistics chaincode, materials contract)',
  routes: [
    defineRoute({
      method: 'post',
      path: '/v1/material-deliveries',
      operationId: 'registerDelivery',
      summary: 'Register a delivery of building materials for an approved permit',
      description:
        'The optional `supplierTerms` travel as transient data, endorsed by the supplier-terms collection members only. 404 for an unknown permit, 422 for a permit not APPROVED or INSPECTION_PASSED.',
      tags: TAGS,
      body: RegisterDeliveryBody,
      roles: PROCUREMENT,
      writes: true,
      response: { status: 201, description: 'The public delivery record', schema: Submitted(MaterialsDelivery) },
      handler: async ({ body, transact }) => {
        const { supplierTerms, ...delivery } = body;
        const options = supplierTerms
          ? { transient: { supplierTerms: JSON.stringify({ salt: privateDataSalt(), ...supplierTerms }) }, endorsingOrganizations: PrivateData.supplierTerms }
          : {};
        const tx = materials.request('registerDelivery', [JSON.stringify(delivery)], options);
        return transact(tx, (outcome) => created(outcome, location('material-deliveries', delivery.id)));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/material-deliveries/:id',
      operationId: 'getDelivery',
      summary: 'The public record of a delivery',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The delivery', schema: MaterialsDelivery },
      handler: materials.evaluate('getDelivery', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/material-deliveries/:id/supplier-terms',
      operationId: 'getSupplierTerms',
      summary: 'The supplier terms of a delivery (private)',
      description: 'Public Works officers and clerks only. 404 when the delivery has none.',
      tags: TAGS,
      params: IdParams,
      roles: PROCUREMENT,
      writes: false,
      response: { status: 200, description: 'The supplier terms', schema: SupplierTerms },
      handler: materials.evaluate('getSupplierTerms', ({ params }) => [params.id], membersOnly(PrivateData.supplierTerms, 'supplier terms')),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/permits/:id/material-deliveries',
      operationId: 'listDeliveriesByPermit',
      summary: 'The deliveries for a permit, one page at a time',
      tags: TAGS,
      params: IdParams,
      query: PageQuery,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'One page of deliveries', schema: MaterialsDeliveryPage },
      handler: materials.evaluate('listDeliveriesByPermit', ({ params, query }) => [params.id, ...pageArgs(query)]),
    }),
  ],
};
