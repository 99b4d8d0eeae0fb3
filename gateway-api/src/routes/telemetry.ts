/**
 * The telemetry collector's routes, served by a gateway whose org holds `devices` (main.ts
 * mounts them with the collector): device-signed readings in, inclusion proofs out. Nothing
 * here is a ledger transaction of its own; the collector anchors on its interval, and the
 * anchor's TelemetryBatchAnchored event reaches `GET /v1/events?chaincode=devices`.
 *
 * | route | what | roles |
 * |---|---|---|
 * | `POST /v1/telemetry/readings` | 1..1000 signed readings; each accepted or refused with the chaincode's code | officer, inspector, clerk |
 * | `GET /v1/telemetry/readings/:deviceId/:seq/proof` | the inclusion proof once anchored (422 before) | any |
 */
import { Role, type SignedDeviceReading } from '@city-ledger/domain';
import { ANY_ROLE, defineRoute, type Resource } from '../http/route';
import { AnchoredProof, ReadingParams, TelemetryAccepted, TelemetryReadingsBody } from '../schemas/devices';
import type { TelemetryCollector } from '../telemetry/collector';

const TAGS = ['telemetry'];

export function telemetryResource(collector: TelemetryCollector): Resource {
  return {
    name: 'telemetry',
    description: 'The telemetry collector: device-signed readings kept off-chain and anchored in batches (devices chaincode, telemetry contract)',
    routes: [
      defineRoute({
        method: 'post',
        path: '/v1/telemetry/readings',
        operationId: 'collectReadings',
        summary: 'Hand in device-signed readings (1..1000); they are provable after the next anchor',
        description:
          'Each reading is checked as the chaincode checks one (device registered and ACTIVE, signature of its keyVersion, seq above the last, not from the future) ' +
          'against the registry as cached for up to 30 s; `refused` lists the others with the chaincode’s code.',
        tags: TAGS,
        body: TelemetryReadingsBody,
        roles: [Role.Officer, Role.Inspector, Role.Clerk],
        writes: false,
        response: { status: 200, description: 'How many were kept, and the refusals', schema: TelemetryAccepted },
        handler: async ({ body }) => ({ status: 200, body: await collector.accept(body.readings as SignedDeviceReading[]) }),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/telemetry/readings/:deviceId/:seq/proof',
        operationId: 'getReadingProof',
        summary: 'The inclusion proof of a reading in its anchored batch',
        description: 'Check it with POST /v1/telemetry/proof-checks or `npm run audit -- check-reading`. Before its batch is anchored: 422 FAILED_PRECONDITION.',
        tags: TAGS,
        params: ReadingParams,
        roles: ANY_ROLE,
        writes: false,
        response: { status: 200, description: 'The proof', schema: AnchoredProof },
        handler: async ({ params }) => ({ status: 200, body: collector.proof(params.deviceId, Number(params.seq)) }),
      }),
    ],
  };
}
