/**
 * Citizens: the `citizens` contract of the `identity` chaincode.
 *
 * | route | chaincode call | roles |
 * |---|---|---|
 * | `POST /v1/citizens` | submit `registerCitizen(id)`, transient `citizen` | clerk, registrar, officer |
 * | `GET /v1/citizens/:id` | evaluate `getCitizen(id)` | any |
 * | `GET /v1/citizens/:id/personal-data` | evaluate `readCitizenPrivate(id)` (private) | any, department gateways |
 * | `POST /v1/citizens/:id/deactivate` | submit `deactivateCitizen(id)` | clerk, registrar, officer |
 * | `GET /v1/citizens/:id/credentials` | evaluate `credentials:listCredentialsBySubject(id, pageSize, bookmark)` | any |
 *
 * The personal data goes in the caller's own department collection, so it travels as transient
 * data to that collection's members only (this gateway's org). The gateway adds the random
 * `salt` that makes the public `dataHash` unguessable; members read it back with the data.
 */
import { Role } from '@city-ledger/domain';
import { ANY_ROLE, defineRoute, type Resource } from '../http/route';
import { IdParams, PageQuery, Submitted } from '../schemas/common';
import { Citizen, CitizenPersonalData, CredentialPage, RegisterCitizenBody } from '../schemas/identity';
import { contractOf, location, pageArgs } from '../calls/contractCalls';
import { citizenDataOrgs, requireMember } from '../calls/privateData';
import { created } from '../http/writeResults';
import { privateDataSalt } from '../calls/salts';

const citizens = contractOf('identity', 'citizens');
const credentials = contractOf('identity', 'credentials');
const TAGS = ['citizens'];
const WRITERS = [Role.Clerk, Role.Registrar, Role.Officer];

export const citizensResource: Resource = {
  name: 'citizens',
  description: 'Pseudonymous citizen records; personal data in each department\'s private collection (identity chaincode, citizens contract)',
  routes: [
    defineRoute({
      method: 'post',
      path: '/v1/citizens',
      operationId: 'registerCitizen',
      summary: 'Register a citizen for this department',
      description: 'The personal data travels as transient data to this department\'s peers only; the gateway adds a random salt. 409 when the ID is taken in any department.',
      tags: TAGS,
      body: RegisterCitizenBody,
      roles: WRITERS,
      writes: true,
      response: { status: 201, description: 'The public citizen record', schema: Submitted(Citizen) },
      handler: async ({ body, mspId, transact }) => {
        const { id, ...personal } = body;
        const orgs = citizenDataOrgs(mspId);
        requireMember(mspId, orgs, 'citizens\' personal data');
        const tx = citizens.request('registerCitizen', [id], {
          transient: { citizen: JSON.stringify({ salt: privateDataSalt(), ...personal }) },
          endorsingOrganizations: orgs,
        });
        return transact(tx, (outcome) => created(outcome, location('citizens', id)));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/citizens/:id',
      operationId: 'getCitizen',
      summary: 'The public record of a citizen',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The citizen', schema: Citizen },
      handler: citizens.evaluate('getCitizen', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/citizens/:id/personal-data',
      operationId: 'getCitizenPersonalData',
      summary: 'A citizen\'s personal data (private)',
      description: 'Only for the registering department; other departments get 403 from the chaincode, the Auditor\'s gateway at the route.',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The personal data', schema: CitizenPersonalData },
      handler: citizens.evaluate('readCitizenPrivate', ({ params }) => [params.id], ({ mspId }) => requireMember(mspId, citizenDataOrgs(mspId), "citizens' personal data")),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/citizens/:id/deactivate',
      operationId: 'deactivateCitizen',
      summary: 'Deactivate a citizen and purge the personal data (final)',
      description: 'Only the registering department. The public record and hash stay; 422 when already inactive.',
      tags: TAGS,
      params: IdParams,
      roles: WRITERS,
      writes: true,
      response: { status: 200, description: 'The deactivated citizen', schema: Submitted(Citizen) },
      handler: citizens.submit('deactivateCitizen', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/citizens/:id/credentials',
      operationId: 'listCitizenCredentials',
      summary: 'The credentials issued to a citizen, one page at a time',
      tags: TAGS,
      params: IdParams,
      query: PageQuery,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'One page of credentials', schema: CredentialPage },
      handler: credentials.evaluate('listCredentialsBySubject', ({ params, query }) => [params.id, ...pageArgs(query)]),
    }),
  ],
};
