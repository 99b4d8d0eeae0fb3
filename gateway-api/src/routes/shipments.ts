/**
 * Shipments, custody handover and cold chain: the `shipments`, `custody` and `coldchain`
 * contracts of the `logistics` chaincode. Only the custodian department moves a shipment;
 * custody moves when the receiving department accepts.
 *
 * | route | chaincode call | roles |
 * |---|---|---|
 * | `POST /v1/shipments` | submit `shipments:createShipment(shipmentJson)` | officer, clerk |
 * | `GET /v1/shipments/:id` | evaluate `getShipment(id)` | any |
 * | `GET /v1/shipments/:id/events` | evaluate `trace(id, pageSize, bookmark)` (EPCIS events, oldest first) | any |
 * | `POST /v1/shipments/:id/receive`, `close` | submit `receiveShipment(id, contextJson)`, `closeShipment(id)` | officer, clerk |
 * | `POST /v1/shipments/:id/custody-offer` | submit `custody:offerCustody(id, toMsp)` | officer, clerk |
 * | `DELETE /v1/shipments/:id/custody-offer` | submit `custody:withdrawCustodyOffer(id)` | officer, clerk |
 * | `POST /v1/shipments/:id/custody-offer/accept` | submit `custody:acceptCustody(id, contextJson)` | officer, clerk |
 * | `POST /v1/shipments/:id/sensor-readings` | submit `coldchain:recordSensorReadings(id, readingsJson)` | officer, clerk |
 * | `POST /v1/shipments/:id/signed-sensor-readings` | submit `coldchain:recordSignedSensorReadings(id, signedReadingsJson)` | officer, clerk |
 *
 * Key-level policies (custodian, and the receiver while an offer is pending) are found by
 * Fabric's gateway from the write set; nothing here is private.
 */
import { Role } from '@city-ledger/domain';
import { ANY_ROLE, defineRoute, type Resource } from '../http/route';
import { IdParams, PageQuery, Submitted } from '../schemas/common';
import { CreateShipmentBody, EpcisEventPage, EventContextBody, OfferCustodyBody, SensorReadingsBody, Shipment, SignedSensorReadingsBody } from '../schemas/logistics';
import { contractOf, location, pageArgs } from '../calls/contractCalls';
import { created } from '../http/writeResults';

const shipments = contractOf('logistics', 'shipments');
const custody = contractOf('logistics', 'custody');
const coldchain = contractOf('logistics', 'coldchain');
const TAGS = ['shipments'];
const SHIPPERS = [Role.Officer, Role.Clerk];
const ShipmentAfter = (what: string) => ({ status: 200, description: `The shipment after ${what}`, schema: Submitted(Shipment) });

/** The chaincode's context argument: `''` for none. */
function contextArg(body: object): string {
  return Object.keys(body).length === 0 ? '' : JSON.stringify(body);
}

export const shipmentsResource: Resource = {
  name: 'shipments',
  description: 'GS1 EPCIS-shaped shipments, custody handover between departments and cold-chain readings (logistics chaincode)',
  routes: [
    defineRoute({
      method: 'post',
      path: '/v1/shipments',
      operationId: 'createShipment',
      summary: 'Create a shipment held by this department',
      description: 'At least one EPC or quantity. A `temperatureRange` makes out-of-range sensor readings flag the shipment.',
      tags: TAGS,
      body: CreateShipmentBody,
      roles: SHIPPERS,
      writes: true,
      response: { status: 201, description: 'The new shipment', schema: Submitted(Shipment) },
      handler: async ({ body, transact }) =>
        transact(shipments.request('createShipment', [JSON.stringify(body)]), (outcome) => created(outcome, location('shipments', body.id))),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/shipments/:id',
      operationId: 'getShipment',
      summary: 'The current state of a shipment',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The shipment', schema: Shipment },
      handler: shipments.evaluate('getShipment', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/shipments/:id/events',
      operationId: 'traceShipment',
      summary: 'The EPCIS events of a shipment, oldest first, one page at a time',
      tags: TAGS,
      params: IdParams,
      query: PageQuery,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'One page of EPCIS ObjectEvents', schema: EpcisEventPage },
      handler: shipments.evaluate('trace', ({ params, query }) => [params.id, ...pageArgs(query)]),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/shipments/:id/receive',
      operationId: 'receiveShipment',
      summary: 'Receive a shipment (ACTIVE → RECEIVED)',
      description: 'The custodian only. Send `{}` or where it was received.',
      tags: TAGS,
      params: IdParams,
      body: EventContextBody,
      roles: SHIPPERS,
      writes: true,
      response: ShipmentAfter('receipt'),
      handler: shipments.submit('receiveShipment', ({ params, body }) => [params.id, contextArg(body)]),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/shipments/:id/close',
      operationId: 'closeShipment',
      summary: 'Close a received shipment (RECEIVED → CLOSED)',
      tags: TAGS,
      params: IdParams,
      roles: SHIPPERS,
      writes: true,
      response: ShipmentAfter('closing'),
      handler: shipments.submit('closeShipment', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/shipments/:id/custody-offer',
      operationId: 'offerCustody',
      summary: 'Offer custody to another department (ACTIVE → OFFERED)',
      description: 'The custodian only. Custody moves when the receiving department accepts.',
      tags: TAGS,
      params: IdParams,
      body: OfferCustodyBody,
      roles: SHIPPERS,
      writes: true,
      response: ShipmentAfter('the offer'),
      handler: custody.submit('offerCustody', ({ params, body }) => [params.id, body.to]),
    }),
    defineRoute({
      method: 'delete',
      path: '/v1/shipments/:id/custody-offer',
      operationId: 'withdrawCustodyOffer',
      summary: 'Withdraw a pending custody offer (OFFERED → ACTIVE)',
      tags: TAGS,
      params: IdParams,
      roles: SHIPPERS,
      writes: true,
      response: ShipmentAfter('the withdrawal'),
      handler: custody.submit('withdrawCustodyOffer', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/shipments/:id/custody-offer/accept',
      operationId: 'acceptCustody',
      summary: 'Accept custody offered to this department',
      description: 'The receiving department only; it becomes the custodian. Send `{}` or where it was accepted.',
      tags: TAGS,
      params: IdParams,
      body: EventContextBody,
      roles: SHIPPERS,
      writes: true,
      response: ShipmentAfter('the handover'),
      handler: custody.submit('acceptCustody', ({ params, body }) => [params.id, contextArg(body)]),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/shipments/:id/sensor-readings',
      operationId: 'recordSensorReadings',
      summary: 'Record a batch of cold-chain temperature readings',
      description: 'The custodian only; 1-500 readings. A reading outside the shipment\'s range flags it for good.',
      tags: TAGS,
      params: IdParams,
      body: SensorReadingsBody,
      roles: SHIPPERS,
      writes: true,
      response: ShipmentAfter('the readings'),
      handler: coldchain.submit('recordSensorReadings', ({ params, body }) => [params.id, JSON.stringify(body.readings)]),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/shipments/:id/signed-sensor-readings',
      operationId: 'recordSignedSensorReadings',
      summary: 'Record cold-chain readings signed by registered loggers (measurements.temperatureC)',
      description:
        'The custodian relays 1-500 readings; each is checked as POST /v1/device-readings checks one (unknown logger 404, suspended or retired 422, ' +
        'bad signature 403, replayed seq 409, from the future 400). The shipment counts them in readings.signed.',
      tags: TAGS,
      params: IdParams,
      body: SignedSensorReadingsBody,
      roles: SHIPPERS,
      writes: true,
      response: ShipmentAfter('the readings'),
      handler: coldchain.submit('recordSignedSensorReadings', ({ params, body }) => [params.id, JSON.stringify(body.readings)]),
    }),
  ],
};
