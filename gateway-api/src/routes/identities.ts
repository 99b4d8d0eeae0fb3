/**
 * Admin routes on the org's Fabric identities: each city system gets its own identity,
 * registered and enrolled at the org's CA with its `city.role`, and an API key that acts as it.
 *
 * | route | what it does |
 * |---|---|
 * | `POST /v1/admin/identities` | register (type client, `city.role`) + enroll (key made here, 0600) + a new API key, shown once |
 * | `GET /v1/admin/identities/:name` | the identity's certificate, role and API key holders |
 * | `DELETE /v1/admin/identities/:name` | revoke at the CA (with a reason), delete the key, withdraw its API keys |
 *
 * Only principals with the gateway role `identity-admin` may call them (a role of the API key,
 * not a `city.role`: it gives no power at the chaincode). They manage only identities this
 * gateway enrolled; those the network scripts issued (`admin`, the org file's users) answer
 * 404 here. A read-only (regulator) gateway refuses the writes with 403 `READ_ONLY`.
 *
 * @example
 * ```ts
 * createApp({ ..., resources: [...RESOURCES, identitiesResource({ enroller, keystore, apiKeys })] });
 * ```
 */
import { HttpProblem, Problems } from '../errors';
import { defineRoute, type Resource } from '../http/route';
import { certificateInfo } from '../identities/certificate';
import type { FileKeystore } from '../identities/fileKeystore';
import type { IdentityEnroller } from '../identities/identityStore';
import type { ApiKeyAuthenticator } from '../auth/apiKeys';
import { CreatedIdentity, CreateIdentityBody, Identity, IdentityParams, RevokedIdentity, RevokeIdentityBody } from '../schemas/identities';
import { ROLE_ATTRIBUTE } from '@city-ledger/domain';

/** The gateway role that may manage identities. */
export const IDENTITY_ADMIN_ROLE = 'identity-admin';

export interface IdentityAdminDeps {
  readonly enroller: IdentityEnroller;
  /** The keystore the ledger client reads identities from; enrolled identities are written there. */
  readonly keystore: Pick<FileKeystore, 'exists' | 'record' | 'get'>;
  readonly apiKeys: Pick<ApiKeyAuthenticator, 'issue' | 'revokeUser' | 'entriesOf'>;
}

export function identitiesResource(deps: IdentityAdminDeps): Resource {
  /** Names with an admin operation under way: a second one at the same time is a conflict. */
  const busy = new Set<string>();
  const exclusively = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    if (busy.has(name)) throw new HttpProblem('CONFLICT', `identity ${name} is being changed by another request`);
    busy.add(name);
    try {
      return await work();
    } finally {
      busy.delete(name);
    }
  };

  /** The identity as the routes show it; 404 unless this gateway enrolled it. */
  const describe = async (name: string) => {
    const record = await deps.keystore.record(name);
    if (!record) throw Problems.notFound(`no identity ${name} enrolled by this gateway`);
    const certificate = certificateInfo((await deps.keystore.get(name)).credentials);
    return { name, enrollmentId: record.enrollmentId, role: certificate.attrs[ROLE_ATTRIBUTE] ?? '', enrolledAt: record.enrolledAt, certificate };
  };

  return {
    name: 'identities',
    description: "Admin: the org's Fabric identities, registered, enrolled and revoked at its CA",
    routes: [
      defineRoute({
        method: 'post',
        path: '/v1/admin/identities',
        operationId: 'createIdentity',
        summary: 'Register and enroll a new identity with a city role, and issue its API key',
        tags: ['admin'],
        body: CreateIdentityBody,
        roles: [IDENTITY_ADMIN_ROLE],
        writes: true,
        response: { status: 201, description: 'The enrolled identity and its API key (shown only now)', schema: CreatedIdentity },
        handler: async ({ body, log }) =>
          exclusively(body.name, async () => {
            if (await deps.keystore.exists(body.name)) throw new HttpProblem('CONFLICT', `identity ${body.name} already exists`);
            const secret = await deps.enroller.register({ user: body.name, role: body.role });
            await deps.enroller.enroll(body.name, secret);
            const principal = body.principal ?? body.name;
            const apiKey = await deps.apiKeys.issue({ principal, user: body.name, roles: [body.role] });
            log.info({ identity: body.name, role: body.role, keyHolder: principal }, 'identity enrolled');
            return {
              status: 201,
              headers: { Location: `/v1/admin/identities/${body.name}` },
              body: { ...(await describe(body.name)), principal, apiKey },
            };
          }),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/admin/identities/:name',
        operationId: 'getIdentity',
        summary: 'An identity this gateway enrolled: its certificate, role and API key holders',
        tags: ['admin'],
        params: IdentityParams,
        roles: [IDENTITY_ADMIN_ROLE],
        writes: false,
        response: { status: 200, description: 'The identity', schema: Identity },
        handler: async ({ params }) => ({
          status: 200,
          body: {
            ...(await describe(params.name)),
            principals: deps.apiKeys.entriesOf(params.name).map((e) => ({ principal: e.principal, roles: e.roles })),
          },
        }),
      }),
      defineRoute({
        method: 'delete',
        path: '/v1/admin/identities/:name',
        operationId: 'revokeIdentity',
        summary: 'Revoke an identity at the CA, delete its key and withdraw its API keys',
        description: 'The body names the RFC 5280 reason, e.g. `{"reason": "keyCompromise"}`.',
        tags: ['admin'],
        params: IdentityParams,
        body: RevokeIdentityBody,
        roles: [IDENTITY_ADMIN_ROLE],
        writes: true,
        response: { status: 200, description: 'The identity is revoked', schema: RevokedIdentity },
        handler: async ({ params, body, log }) =>
          exclusively(params.name, async () => {
            const record = await deps.keystore.record(params.name);
            if (!record) throw Problems.notFound(`no identity ${params.name} enrolled by this gateway`);
            // API keys first: from now on no request acts as this identity, even if the CA fails.
            const apiKeysRemoved = await deps.apiKeys.revokeUser(params.name);
            await deps.enroller.revoke(params.name, body.reason);
            log.info({ identity: params.name, reason: body.reason, apiKeysRemoved }, 'identity revoked');
            return { status: 200, body: { name: params.name, enrollmentId: record.enrollmentId, reason: body.reason, apiKeysRemoved } };
          }),
      }),
    ],
  };
}
