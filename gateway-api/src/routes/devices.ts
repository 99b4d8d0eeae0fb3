/**
 * Devices: the `devices`, `readings` and `telemetry` contracts of the `devices` chaincode, and
 * the check of a reading's inclusion proof against the anchored root (any gateway, the
 * Auditor's included: it only reads the ledger).
 *
 * | route | chaincode call | roles |
 * |---|---|---|
 * | `POST /v1/devices` | submit `devices:registerDevice(deviceJson)` | officer (a department holding `devices`) |
 * | `GET /v1/devices/:id`, `.../history` | evaluate `getDevice`, `getDeviceHistory` | any |
 * | `POST /v1/devices/:id/suspend`, `/reactivate`, `/retire` | submit `suspendDevice`, `reactivateDevice`, `retireDevice` | officer |
 * | `POST /v1/devices/:id/key-rotations` | submit `rotateDeviceKey(id, rotationJson)` | officer |
 * | `POST /v1/device-readings` | submit `readings:submitReading(signedReadingJson)` | officer, inspector, clerk |
 * | `GET /v1/devices/:id/readings?from&to` | evaluate `readings:getReadings(id, from, to)` | any |
 * | `GET /v1/telemetry/batches/:id` | evaluate `telemetry:getBatch` | any |
 * | `POST /v1/telemetry/proof-checks` | evaluate `getBatch` and `getDevice`, then the domain's `checkReadingProof` | any |
 */
import { checkReadingProof, Role, type Device, type ReadingProof, type TelemetryBatch } from '@city-ledger/domain';
import { ANY_ROLE, defineRoute, type Resource, type Route } from '../http/route';
import { IdParams, Submitted } from '../schemas/common';
import {
  Device as DeviceSchema,
  DeviceHistory,
  DeviceReadings,
  ProofCheck,
  ProofCheckBody,
  ReadingRangeQuery,
  RegisterDeviceBody,
  RotateKeyBody,
  SignedDeviceReading,
  TelemetryBatch as TelemetryBatchSchema,
} from '../schemas/devices';
import { contractOf, location } from '../calls/contractCalls';
import { created } from '../http/writeResults';

const devices = contractOf('devices', 'devices');
const readings = contractOf('devices', 'readings');
const telemetry = contractOf('devices', 'telemetry');
const TAGS = ['devices'];
const OFFICERS = [Role.Officer];

/** A status change without input. */
function statusMove(action: string, fn: string, summary: string): Route {
  return defineRoute({
    method: 'post',
    path: `/v1/devices/:id/${action}`,
    operationId: fn,
    summary,
    description: 'A move the status machine does not allow is 422 FAILED_PRECONDITION.',
    tags: TAGS,
    params: IdParams,
    roles: OFFICERS,
    writes: true,
    response: { status: 200, description: 'The device after the move', schema: Submitted(DeviceSchema) },
    handler: devices.submit(fn, ({ params }) => [params.id]),
  });
}

export const devicesResource: Resource = {
  name: 'devices',
  description: 'Meters, loggers and sensors, their signed readings and telemetry anchors (devices chaincode)',
  routes: [
    defineRoute({
      method: 'post',
      path: '/v1/devices',
      operationId: 'registerDevice',
      summary: 'Register a device with its P-256 public key',
      tags: TAGS,
      body: RegisterDeviceBody,
      roles: OFFICERS,
      writes: true,
      response: { status: 201, description: 'The new device (key version 1)', schema: Submitted(DeviceSchema) },
      handler: async ({ body, transact }) =>
        transact(devices.request('registerDevice', [JSON.stringify(body)]), (outcome) => created(outcome, location('devices', body.id))),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/devices/:id',
      operationId: 'getDevice',
      summary: 'A device, with every key version',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The device', schema: DeviceSchema },
      handler: devices.evaluate('getDevice', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/devices/:id/history',
      operationId: 'getDeviceHistory',
      summary: 'Every committed version of a device, newest first',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The device history', schema: DeviceHistory },
      handler: devices.evaluate('getDeviceHistory', ({ params }) => [params.id]),
    }),
    statusMove('suspend', 'suspendDevice', 'Suspend a device (ACTIVE → SUSPENDED): its readings are refused'),
    statusMove('reactivate', 'reactivateDevice', 'Reactivate a device (SUSPENDED → ACTIVE)'),
    statusMove('retire', 'retireDevice', 'Retire a device for good'),
    defineRoute({
      method: 'post',
      path: '/v1/devices/:id/key-rotations',
      operationId: 'rotateDeviceKey',
      summary: 'Replace the device’s key; the old version keeps verifying readings taken before now',
      tags: TAGS,
      params: IdParams,
      body: RotateKeyBody,
      roles: OFFICERS,
      writes: true,
      response: { status: 200, description: 'The device with its new key version', schema: Submitted(DeviceSchema) },
      handler: devices.submit('rotateDeviceKey', ({ params, body }) => [params.id, JSON.stringify(body)]),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/device-readings',
      operationId: 'submitDeviceReading',
      summary: 'Record one device-signed reading on the ledger',
      description:
        'Refused: an unknown device (404), a suspended or retired one (422), a signature that is not the registered key’s of its keyVersion (403), ' +
        'a seq not above the last or a time before it (409), a reading from the future (400). High-rate telemetry goes to POST /v1/telemetry/readings.',
      tags: TAGS,
      body: SignedDeviceReading,
      roles: [Role.Officer, Role.Inspector, Role.Clerk],
      writes: true,
      response: { status: 200, description: 'The recorded reading', schema: Submitted(SignedDeviceReading) },
      handler: readings.submit('submitReading', ({ body }) => [JSON.stringify(body)]),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/devices/:id/readings',
      operationId: 'getDeviceReadings',
      summary: 'A device’s on-ledger readings taken at from <= takenAt < to (at most 31 days), oldest first',
      tags: TAGS,
      params: IdParams,
      query: ReadingRangeQuery,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The readings', schema: DeviceReadings },
      handler: readings.evaluate('getReadings', ({ params, query }) => [params.id, query.from, query.to]),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/telemetry/batches/:id',
      operationId: 'getTelemetryBatch',
      summary: 'An anchored telemetry batch: Merkle root, count, per-device ranges',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The batch', schema: TelemetryBatchSchema },
      handler: telemetry.evaluate('getBatch', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/telemetry/proof-checks',
      operationId: 'checkReadingProof',
      summary: 'Check a reading’s inclusion proof against the root anchored on the ledger, and its signature against the registry',
      tags: TAGS,
      body: ProofCheckBody,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'MATCH or MISMATCH, and which check failed', schema: ProofCheck },
      handler: async (ctx) => {
        const proof = ctx.body as ReadingProof;
        const batch = (await telemetry.query(ctx, 'getBatch', [proof.batchId])) as TelemetryBatch;
        const device = (await devices.query(ctx, 'getDevice', [proof.signedReading.reading.deviceId])) as Device;
        return { status: 200, body: checkReadingProof(proof, batch, device) };
      },
    }),
  ],
};
