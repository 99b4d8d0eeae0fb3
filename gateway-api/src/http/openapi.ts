/**
 * Builds the OpenAPI 3.1 document from the declared routes: the schemas that validate requests
 * are the ones documented (OpenAPI 3.1 schemas are JSON Schema). Served at `/openapi.json`.
 *
 * @example
 * ```ts
 * const doc = openApiDocument(RESOURCES, { title: 'City Ledger gateway (Registry)', version: '0.1.0' });
 * doc.paths['/v1/parcels/{id}'].get.operationId;   // 'getParcel'
 * ```
 */
import type { TSchema } from '@sinclair/typebox';
import { ProblemSchema } from '../schemas/common';
import { TransactionStatus } from '../schemas/transactions';
import { IDEMPOTENCY_KEY } from './idempotency';
import type { Resource, Route } from './route';

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

type JsonObject = Record<string, unknown>;

/** `/v1/parcels/:id` → `/v1/parcels/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** Plain JSON of a TypeBox schema (drops TypeBox's symbol keys). */
function plain(schema: TSchema): JsonObject {
  return JSON.parse(JSON.stringify(schema)) as JsonObject;
}

/** Headers every write accepts (writeRequest.ts). */
const WRITE_HEADERS: JsonObject[] = [
  {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'Repeating a write with the same key and body answers the first answer again (`Idempotency-Replayed: true`) without a second transaction',
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source },
  },
  { name: 'Prefer', in: 'header', required: false, description: '`respond-async`: answer 202 once ordered instead of waiting for the commit', schema: { type: 'string' } },
];

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

function problemResponse(description: string): JsonObject {
  return { description, content: { 'application/problem+json': { schema: PROBLEM_REF } } };
}

function operation(route: Route, resource: Resource): JsonObject {
  const pathParameters = Object.entries(route.params?.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'path',
    required: true,
    schema: plain(schema as TSchema),
  }));
  const required = new Set(route.query?.required ?? []);
  const queryParameters = Object.entries(route.query?.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: plain(schema as TSchema),
  }));
  const parameters: JsonObject[] = [...pathParameters, ...queryParameters];
  if (route.writes) parameters.push(...WRITE_HEADERS);
  const responses: JsonObject = {
    [String(route.response.status)]: { description: route.response.description, content: { 'application/json': { schema: plain(route.response.schema) } } },
    '401': problemResponse('No or bad credentials (UNAUTHENTICATED), or a refused bearer token (INVALID_TOKEN)'),
    '403': problemResponse(route.writes ? 'Wrong role, refused by the chaincode, or a read-only gateway' : 'Wrong role, or refused by the chaincode'),
    '429': problemResponse('The caller\'s request budget is spent; see Retry-After'),
    '500': problemResponse('Internal error'),
    '503': problemResponse('No peer of the organization is reachable'),
    '504': problemResponse('The ledger did not answer in time'),
  };
  if (route.body || route.params || route.query) responses['400'] = problemResponse('Invalid input');
  if (route.body) {
    responses['413'] = problemResponse('Body too large');
    responses['415'] = problemResponse('Body is not JSON');
  }
  if (route.writes) {
    responses['202'] = {
      description: 'With `Prefer: respond-async`: the orderer has the transaction; poll `Location` (`/v1/transactions/{txId}`)',
      content: { 'application/json': { schema: plain(TransactionStatus) } },
    };
    responses['409'] = problemResponse('A conflict (chaincode `CONFLICT`, `MVCC_CONFLICT` after the retries), or `IDEMPOTENCY_IN_PROGRESS`');
    responses['422'] = problemResponse('The object\'s state forbids it (`FAILED_PRECONDITION`), or `IDEMPOTENCY_KEY_REUSED`');
  }
  const roles = route.anonymous === true ? 'anyone, without credentials (the anonymous rate limit applies)' : route.roles.length === 0 ? 'any authenticated caller' : route.roles.join(', ');
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: [route.description, `Roles: ${roles}.`, route.writes ? 'Submits a transaction; refused by a read-only gateway.' : undefined]
      .filter((s) => s !== undefined)
      .join('\n\n'),
    tags: route.tags.length > 0 ? route.tags : [resource.name],
    'x-roles': route.roles,
    'x-writes': route.writes,
    ...(route.anonymous === true ? { 'x-anonymous': true, security: [{}, ...SECURITY] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: plain(route.body) } } } } : {}),
    responses,
  };
}

/** Any one of the gateway's schemes; a route open to anonymous callers adds `{}` (none). */
const SECURITY = [{ apiKey: [] }, { apiKeyAuthorization: [] }, { bearer: [] }];

/** The OpenAPI 3.1 document of every route of `resources`. */
export function openApiDocument(resources: readonly Resource[], info: OpenApiInfo): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const resource of resources) {
    for (const route of resource.routes) {
      const path = openApiPath(route.path);
      paths[path] = { ...paths[path], [route.method]: operation(route, resource) };
    }
  }
  return {
    openapi: '3.1.0',
    info,
    tags: resources.map((r) => ({ name: r.name, description: r.description })),
    security: SECURITY,
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        apiKeyAuthorization: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Authorization: ApiKey <key>' },
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A JWT of the city identity provider (HS256 or RS256); its sub must be mapped on this gateway' },
      },
      schemas: { Problem: plain(ProblemSchema) },
    },
  };
}
