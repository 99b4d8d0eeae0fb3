/**
 * Property-based fuzzing of every route in the gateway's own OpenAPI document, over a real HTTP
 * server (so malformed request lines and oversized headers reach Node's parser as they would in
 * production). Requests are schema-valid or mutated: malformed percent-encoding, JavaScript
 * property names, NUL and lone surrogates, deep nesting, huge numbers, wrong content types,
 * oversized headers and bodies, bad credentials. Pass: never a 5xx; every refusal is
 * `application/problem+json` with a known code and no stack; a refused request submitted nothing.
 * Seeded with a fixed number of runs (FUZZ_RUNS overrides it for a longer local run).
 */
import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc, { type Arbitrary } from 'fast-check';
import { ApiKeyAuthenticator } from '../auth/apiKeys';
import { PROBLEM_CODES } from '../errors';
import { SubscriptionStore } from '../events/subscriptionStore';
import { CA_ERRORS, FabricCaError } from '../identities/fabricCaClient';
import { FileKeystore } from '../identities/fileKeystore';
import { RESOURCES } from '../routes';
import { budgetingResource } from '../routes/budgeting';
import { certificatesResource } from '../routes/certificates';
import { NullifierKey } from '../calls/nullifiers';
import { IDENTITY_ADMIN_ROLE, identitiesResource } from '../routes/identities';
import pino from 'pino';
import { chaincodeFailure, FakeEventSource, FakeLedgerClient, TEST_PRINCIPALS, testApp } from '../testing';
import { TelemetryCollector } from '../telemetry/collector';
import { telemetryResource } from '../routes/telemetry';
import { schemaArbitrary } from '../testing/schemaArbitrary';
import { hardenServer } from './serverLimits';

jest.setTimeout(240_000);

const SEED = 18;
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const BODY_LIMIT = 16 * 1024;

type Schema = Record<string, unknown>;
interface Operation {
  readonly method: string;
  readonly path: string;
  readonly pathParams: readonly { name: string; schema: Schema }[];
  readonly queryParams: readonly { name: string; schema: Schema }[];
  readonly body?: Schema;
  readonly writes: boolean;
}

const JS_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
/** Raw (already encoded) URL pieces: malformed percent-encoding, NUL, a lone surrogate as UTF-8, traversal. */
const RAW_SEGMENTS = ['%', '%zz', '%E0%A4', '%C0%AF', '%00', '%ED%A0%80', '%FF', '..', '%2e%2e', '%2F', 'a%2Fb', '%u0041', '%25', 'x'.repeat(3000), ...JS_NAMES];
const HOSTILE_STRINGS = [...JS_NAMES, '\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\ud83d', '', ' ', '🏛️', 'x'.repeat(5000), '%00', '../../etc/passwd'];

const ADMIN_KEY = 'admin-key';
const PRINCIPALS = { ...TEST_PRINCIPALS, [ADMIN_KEY]: { principal: 'identity-desk', user: 'admin1', roles: [IDENTITY_ADMIN_ROLE] } };

let server: Server;
let base: { host: string; port: number };
let ledger: FakeLedgerClient;
let operations: Operation[];
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fuzz-'));
  const apiKeys = ApiKeyAuthenticator.fromPlainKeys(PRINCIPALS);
  const refuse = async (): Promise<never> => {
    throw new FabricCaError(400, CA_ERRORS.DUPLICATE_IDENTITY, 'identity already registered');
  };
  const keystore = new FileKeystore({ mspId: 'RegistryMSP', clientDir: (user) => path.join(dir, user) });
  // The telemetry collector's routes too, over the same fake ledger (its devices are unknown).
  const fakeLedger = new FakeLedgerClient();
  const collector = new TelemetryCollector({ database: new DatabaseSync(':memory:'), ledger: fakeLedger, logger: pino({ level: 'silent' }), orgName: 'Registry', settings: { user: 'officer1', intervalMs: 60_000 } });
  const built = testApp(
    { bodyLimitBytes: BODY_LIMIT },
    {
      authenticators: [apiKeys],
      ledger: fakeLedger,
      resources: [...RESOURCES, budgetingResource({ nullifiers: NullifierKey.of(Buffer.alloc(32, 7)) }), certificatesResource(async () => []), identitiesResource({ enroller: { register: refuse, enroll: refuse, revoke: refuse }, keystore, apiKeys }), telemetryResource(collector)],
      events: {
        source: new FakeEventSource(),
        chaincodes: ['records', 'identity', 'logistics', 'governance', 'devices'],
        subscriptions: { store: new SubscriptionStore(new DatabaseSync(':memory:')), dispatcher: { sync: () => {}, forget: () => {} } },
      },
    },
  );
  ledger = built.ledger;
  // Reads find nothing (a coded chaincode answer); writes commit with an empty result.
  ledger.otherwise('evaluate', () => {
    throw chaincodeFailure('NOT_FOUND: nothing here');
  });
  ledger.otherwise('submit', () => null);
  server = hardenServer(createServer(built.app));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = { host: '127.0.0.1', port: (server.address() as AddressInfo).port };
  const doc = JSON.parse((await send({ method: 'GET', path: '/openapi.json', headers: {} })).body) as { paths: Record<string, Record<string, Schema>> };
  operations = Object.entries(doc.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const parameters = (op.parameters ?? []) as { name: string; in: string; schema: Schema }[];
      const body = (op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content?.['application/json']?.schema;
      return {
        method: method.toUpperCase(),
        path: template,
        pathParams: parameters.filter((p) => p.in === 'path'),
        queryParams: parameters.filter((p) => p.in === 'query'),
        ...(body ? { body } : {}),
        writes: op['x-writes'] === true,
      };
    }),
  );
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[]>;
  readonly body?: Buffer;
}

interface RawResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** Sends `req` as it is (no client-side normalisation); an event stream is read up to its headers. */
function send(req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const out = httpRequest({ ...base, method: req.method, path: req.path, headers: req.headers, insecureHTTPParser: true }, (res) => {
      const contentType = res.headers['content-type'] ?? '';
      if (contentType.startsWith('text/event-stream')) {
        res.destroy();
        resolve({ status: res.statusCode ?? 0, contentType, body: '' });
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(req.body);
  });
}

/** Percent-encodes every byte of `value` as UTF-8 (a lone surrogate becomes U+FFFD, as on the wire). */
const encode = (value: string) => [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

/** A path or query value: schema-valid, a hostile string (encoded), or raw hostile bytes. */
function valueArbitrary(schema: Schema): Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: schemaArbitrary(schema).map((v) => encode(String(v))) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map(encode) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).map(encode) },
  );
}

/** Replaces some values of a valid body with hostile ones, and adds JavaScript-named keys. */
function mutate(value: unknown, depth = 0): Arbitrary<unknown> {
  const hostileLeaf: Arbitrary<unknown> = fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -0, 0.1, Number('123456789012345678901234567890'), Number.MIN_VALUE),
    fc.constantFrom(null, true, [], {}, [[[]]], { __proto__: { polluted: true } }),
  );
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && depth < 3) {
    const entries = Object.entries(value);
    return fc
      .tuple(
        fc.tuple(...entries.map(([, v]) => fc.oneof({ weight: 3, arbitrary: fc.constant(v) }, { weight: 1, arbitrary: mutate(v, depth + 1) }))),
        fc.option(fc.tuple(fc.constantFrom(...JS_NAMES), hostileLeaf)),
      )
      .map(([values, extra]) => {
        const out: Record<string, unknown> = {};
        entries.forEach(([k], i) => Object.defineProperty(out, k, { value: values[i], enumerable: true, writable: true, configurable: true }));
        if (extra) Object.defineProperty(out, extra[0], { value: extra[1], enumerable: true, writable: true, configurable: true });
        return out;
      });
  }
  return hostileLeaf;
}

/** Body bytes that no JSON serializer produces: broken JSON, deep nesting, huge literals, lone surrogate escapes. */
const RAW_BODIES: readonly string[] = [
  '',
  '{',
  'null',
  '[]',
  '"x"',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '{"id":"\\ud800"}',
  '{"id":"a\\u0000b"}',
  '{"areaM2":1e999999}',
  `{"areaM2":${'9'.repeat(5000)}}`,
  `${'['.repeat(100_00)}${']'.repeat(100_00)}`,
  `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
  '\u00ef\u00bb\u00bf{}',
  '{"a":1,"a":2}',
  'x'.repeat(BODY_LIMIT + 10),
  `{"x":"${'y'.repeat(BODY_LIMIT)}"}`,
];

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/problem+json',
  'application/*',
  'json',
  ';;;',
  undefined,
];

const CREDENTIALS: readonly Record<string, string | string[]>[] = [
  {},
  { 'X-Api-Key': 'wrong' },
  { 'X-Api-Key': '' },
  { 'X-Api-Key': ['clerk-key', 'auditor-key'] },
  ...JS_NAMES.map((name) => ({ 'X-Api-Key': name })),
  { Authorization: 'ApiKey' },
  { Authorization: 'ApiKey clerk-key extra' },
  { Authorization: 'ApiKey __proto__' },
  { Authorization: 'Bearer' },
  { Authorization: 'Bearer a.b.c' },
  { Authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJjbGVyazEifQ.' },
  { Authorization: 'Basic Y2xlcms6a2V5' },
  { Authorization: 'bearer ' + 'x'.repeat(4000) },
  { Authorization: '\u00ff\u00fe' },
  { 'X-Api-Key': 'clerk-key', Authorization: 'Bearer a.b.c' },
];

const validKey = fc.constantFrom(...Object.keys(PRINCIPALS)).map((key) => ({ 'X-Api-Key': key }));

const extraHeaders: Arbitrary<Record<string, string>> = fc.record(
  {
    'Idempotency-Key': fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), fc.constantFrom(...JS_NAMES, '', 'x'.repeat(300), 'ä')),
    Prefer: fc.constantFrom('respond-async', 'respond-async, wait=1', 'return=minimal', '__proto__', ''),
    'Content-Encoding': fc.constantFrom('gzip', 'br', 'identity', 'x-unknown'),
  },
  { requiredKeys: [] },
);

function requestArbitrary(op: Operation): Arbitrary<RawRequest> {
  const pathArb = fc.tuple(...op.pathParams.map((p) => valueArbitrary(p.schema))).map((values) => {
    let result = op.path;
    op.pathParams.forEach((p, i) => (result = result.replace(`{${p.name}}`, values[i] ?? '')));
    return result;
  });
  const queryArb = fc
    .tuple(
      fc.subarray([...op.queryParams]).chain((params) => fc.tuple(...params.map((p) => valueArbitrary(p.schema).map((v) => `${p.name}=${v}`)))),
      fc.option(fc.constantFrom('__proto__=1', 'constructor[prototype]=1', 'pageSize=1&pageSize=2', '%=%', 'a=%E0%A4', '&&&', 'toString', 'hasOwnProperty=x')),
    )
    .map(([pairs, extra]) => {
      const all = [...pairs, ...(extra ? [extra] : [])];
      return all.length > 0 ? `?${all.join('&')}` : '';
    });
  const bodyArb: Arbitrary<string | undefined> = op.body
    ? fc.oneof(
        { weight: 4, arbitrary: schemaArbitrary(op.body).map((b) => JSON.stringify(b)) },
        { weight: 3, arbitrary: schemaArbitrary(op.body).chain((b) => mutate(b)).map((b) => JSON.stringify(b) ?? 'null') },
        { weight: 2, arbitrary: fc.constantFrom(...RAW_BODIES) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
    : fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('{}', ...RAW_BODIES.slice(0, 4)) });
  const contentTypeArb = op.body
    ? fc.oneof({ weight: 4, arbitrary: fc.constant('application/json') }, { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) })
    : fc.constantFrom(...CONTENT_TYPES);
  const credentialsArb = fc.oneof({ weight: 4, arbitrary: validKey }, { weight: 1, arbitrary: fc.constantFrom(...CREDENTIALS) });
  return fc
    .record({
      path: pathArb,
      query: queryArb,
      body: bodyArb,
      contentType: contentTypeArb,
      credentials: credentialsArb,
      extra: fc.option(extraHeaders, { freq: 2 }),
      huge: fc.oneof(
        { weight: 30, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom({ 'X-Big': 'x'.repeat(20_000) }, { Cookie: 'y'.repeat(70_000) }) },
      ),
    })
    .map(({ path: p, query, body, contentType, credentials, extra, huge }) => {
      const headers: Record<string, string | string[]> = { ...credentials, ...(extra ?? {}), ...(huge ?? {}) };
      if (contentType !== undefined) headers['Content-Type'] = contentType;
      // Framed, so the body is not read as a second request (Node sends DELETE bodies unframed).
      if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body, 'utf8'));
      return { method: op.method, path: `${p}${query}`, headers, ...(body !== undefined ? { body: Buffer.from(body, 'utf8') } : {}) };
    });
}

const STACK = /\n\s+at |node_modules|\.[jt]s:\d+|TypeError|ReferenceError|SyntaxError/;

/** The pass criteria for one request; returns what was wrong, or undefined. */
function violation(res: RawResponse, submitsBefore: number): string | undefined {
  if (res.status >= 500) return `answered ${res.status}: ${res.body.slice(0, 300)}`;
  if (res.status < 400) return undefined;
  if (!res.contentType.startsWith('application/problem+json')) return `refused with ${res.contentType || 'no content type'}: ${res.body.slice(0, 200)}`;
  let body: { code?: string; status?: number };
  try {
    body = JSON.parse(res.body) as typeof body;
  } catch {
    return `refused with a body that is not JSON: ${res.body.slice(0, 200)}`;
  }
  if (body.code === undefined || !(body.code in PROBLEM_CODES)) return `refused with an unknown code ${String(body.code)}`;
  if (body.status !== res.status) return `problem status ${String(body.status)} differs from ${res.status}`;
  if (STACK.test(res.body)) return `refusal shows internals: ${res.body.slice(0, 300)}`;
  if (ledger.submits().length !== submitsBefore) return `refused (${res.status} ${res.body.slice(0, 200)}), but a transaction was endorsed`;
  return undefined;
}

describe('hostile input on every route of the OpenAPI document', () => {
  it('never answers 5xx, refuses with coded problems, and submits nothing it refused', async () => {
    expect(operations.length).toBeGreaterThan(40);
    const statuses = new Map<number, number>();
    let sent = 0;
    const anyRequest = fc.constantFrom(...operations).chain((op) => requestArbitrary(op).map((req) => ({ op, req })));
    await fc.assert(
      fc.asyncProperty(anyRequest, async ({ req }) => {
        const before = ledger.submits().length;
        const res = await send(req);
        sent += 1;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const wrong = violation(res, before);
        if (wrong) throw new Error(`${req.method} ${req.path.slice(0, 200)} → ${wrong}`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    const accepted = [...statuses].filter(([status]) => status < 300 || status === 404).reduce((n, [, count]) => n + count, 0);
    console.log(`hostile-input fuzz: ${sent} requests over ${operations.length} operations (seed ${SEED}); answers by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
    // Schema-valid requests must reach the ledger (answered 2xx, or 404 by the fake chaincode): a fuzzer refused at the door tests nothing.
    expect(accepted).toBeGreaterThan(RUNS / 20);
  });
});
