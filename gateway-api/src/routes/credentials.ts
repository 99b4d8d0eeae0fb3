/**
 * Credentials and status lists: the `credentials` and `statusLists` contracts of the `identity`
 * chaincode.
 *
 * | route | chaincode call | roles |
 * |---|---|---|
 * | `POST /v1/credentials` | submit `issueCredential(id)`, transient `credential` | the issuing roles (registrar, officer) |
 * | `GET /v1/credentials/:id` | evaluate `getCredential(id)` | any |
 * | `POST /v1/credentials/:id/suspend`, `reinstate`, `revoke` | submit the status change | the issuing roles |
 * | `POST /v1/credentials/verify` | evaluate `verify(presentedCredential)` | any, read-only gateways too |
 * | `GET /v1/status-lists/:issuer/:purpose` | evaluate `statusLists:getStatusList(issuer, purpose)` | any |
 *
 * The whole document travels as transient data, endorsed by the peers of the type's issuer
 * (the chaincode's issuance table), so the claims reach no other org. Which org and role may
 * issue which type is the chaincode's table too; the route checks the roles it allows.
 */
import { CREDENTIAL_TYPES, ISSUANCE_RULES } from '@city-ledger/domain';
import { ANY_ROLE, defineRoute, type Resource, type Route } from '../http/route';
import { IdParams, Submitted } from '../schemas/common';
import { Credential, CredentialDocument, PresentedCredential, StatusList, StatusListParams, VerificationResult } from '../schemas/identity';
import { contractOf, location } from '../calls/contractCalls';
import { credentialIssuerOrgs } from '../calls/privateData';
import { created } from '../http/writeResults';

const credentials = contractOf('identity', 'credentials');
const statusLists = contractOf('identity', 'statusLists');
const TAGS = ['credentials'];
/** Every role that may issue some credential type (the chaincode then checks the type's org and roles). */
const ISSUERS = [...new Set(CREDENTIAL_TYPES.flatMap((type) => ISSUANCE_RULES[type].roles))];

/** A status change by the issuer. */
function statusChange(action: string, fn: string, summary: string): Route {
  return defineRoute({
    method: 'post',
    path: `/v1/credentials/:id/${action}`,
    operationId: fn,
    summary,
    description: 'Only the issuing org, with a role that may issue the type. Flips the credential\'s bit in the issuer\'s status list. 422 for a move the status does not allow.',
    tags: TAGS,
    params: IdParams,
    roles: ISSUERS,
    writes: true,
    response: { status: 200, description: 'The credential after the change', schema: Submitted(Credential) },
    handler: credentials.submit(fn, ({ params }) => [params.id]),
  });
}

export const credentialsResource: Resource = {
  name: 'credentials',
  description: 'Department-issued credentials, their status lists and verification (identity chaincode, credentials and statusLists contracts)',
  routes: [
    defineRoute({
      method: 'post',
      path: '/v1/credentials',
      operationId: 'issueCredential',
      summary: 'Issue a credential',
      description:
        'The document travels as transient data to the type\'s issuer only; the ledger keeps its hash, schema, subject, validity and status. The holder must keep the document exactly as sent: it is what `verify` checks.',
      tags: TAGS,
      body: CredentialDocument,
      roles: ISSUERS,
      writes: true,
      response: { status: 201, description: 'The public credential record', schema: Submitted(Credential) },
      handler: async ({ body, mspId, transact }) => {
        const tx = credentials.request('issueCredential', [body.id], {
          transient: { credential: JSON.stringify(body) },
          endorsingOrganizations: credentialIssuerOrgs(body.type, mspId),
        });
        return transact(tx, (outcome) => created(outcome, location('credentials', body.id)));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/credentials/verify',
      operationId: 'verifyCredential',
      summary: 'Verify a presented credential',
      description: 'VALID, REVOKED, SUSPENDED, EXPIRED, TAMPERED (the document differs from the issued one) or UNKNOWN. Only reads: allowed on a read-only gateway.',
      tags: TAGS,
      body: PresentedCredential,
      roles: ANY_ROLE,
      anonymous: true,
      writes: false,
      response: { status: 200, description: 'The verdict', schema: VerificationResult },
      handler: credentials.evaluate('verify', ({ body }) => [JSON.stringify(body)]),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/credentials/:id',
      operationId: 'getCredential',
      summary: 'The public record of a credential',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The credential', schema: Credential },
      handler: credentials.evaluate('getCredential', ({ params }) => [params.id]),
    }),
    statusChange('suspend', 'suspendCredential', 'Suspend an active credential'),
    statusChange('reinstate', 'reinstateCredential', 'Reinstate a suspended credential'),
    statusChange('revoke', 'revokeCredential', 'Revoke a credential (final)'),
    defineRoute({
      method: 'get',
      path: '/v1/status-lists/:issuer/:purpose',
      operationId: 'getStatusList',
      summary: 'An issuer\'s revocation or suspension status list',
      description: 'In the spirit of W3C Bitstring Status List: bit `statusListIndex` of a credential is set when it is revoked (or suspended).',
      tags: TAGS,
      params: StatusListParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The status list', schema: StatusList },
      handler: statusLists.evaluate('getStatusList', ({ params }) => [params.issuer, params.purpose]),
    }),
  ],
};
