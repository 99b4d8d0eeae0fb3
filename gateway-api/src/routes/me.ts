/**
 * `GET /v1/me`: who the credentials sent are, for a client (the console's sign-in) to check a
 * key and show what its holder may do. Answers from the principal alone; no ledger call.
 */
import { Type } from '@sinclair/typebox';
import { ANY_ROLE, defineRoute, type Resource } from '../http/route';
import { DEPARTMENTS } from '../schemas/logistics';

const Me = Type.Object(
  {
    id: Type.String({ description: 'The principal\'s name' }),
    roles: Type.Array(Type.String()),
    mspId: Type.String({ description: 'The org of this gateway, which every principal of it belongs to' }),
    departments: Type.Array(Type.String(), { description: "The consortium's departments (org files): the console's choice of a custody offer's receiver" }),
  },
  { additionalProperties: false },
);

export const meResource: Resource = {
  name: 'me',
  description: 'The caller, as the gateway authenticated it',
  routes: [
    defineRoute({
      method: 'get',
      path: '/v1/me',
      operationId: 'getMe',
      tags: ['me'],
      summary: 'The authenticated caller: name, roles and org',
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The caller', schema: Me },
      handler: async ({ principal, mspId }) => ({ status: 200, body: { id: principal.id, roles: [...principal.roles], mspId, departments: [...DEPARTMENTS] } }),
    }),
  ],
};
