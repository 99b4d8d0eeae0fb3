import { Msp, auditor, FakeLedger, healthOfficer, publicWorksOfficer as pwOfficer, registryClerk } from '@city-ledger/chaincode-common/testing';
import { Role } from '@city-ledger/chaincode-common';
import type { EpcisEventPage } from './epcis';
import { ShipmentsContract } from './shipments';
import type { Shipment } from './shipment';

const shipments = new ShipmentsContract();

const SGTIN = 'urn:epc:id:sgtin:0614141.107346.2017';
const LGTIN = 'urn:epc:class:lgtin:4012345.012345.998877';
const DEPOT = 'urn:epc:id:sgln:0614141.00777.0';
const CLINIC = 'urn:epc:id:sgln:0614141.00888.0';

function newShipment(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: 'SH-1',
    epcList: [SGTIN],
    quantityList: [{ epcClass: LGTIN, quantity: 200, uom: 'EA' }],
    readPoint: DEPOT,
    bizLocation: DEPOT,
    ...overrides,
  });
}

async function create(ledger: FakeLedger, who = healthOfficer, overrides: Record<string, unknown> = {}) {
  return ledger.invoke<Shipment>(shipments, 'createShipment', who, [newShipment(overrides)]);
}

describe('shipments: createShipment', () => {
  it('creates an ACTIVE shipment held by the caller and its first EPCIS event (ADD)', async () => {
    const ledger = new FakeLedger();
    const { result, event, timestamp, txId } = await create(ledger, healthOfficer, {
      bizStep: 'packing',
      disposition: 'container_closed',
      eventTimeZoneOffset: '+01:00',
      temperatureRange: { minC: 2, maxC: 8 },
    });
    expect(result).toMatchObject({
      id: 'SH-1',
      status: 'ACTIVE',
      custodian: Msp.Health,
      origin: Msp.Health,
      bizStep: 'packing',
      disposition: 'container_closed',
      temperatureRange: { minC: 2, maxC: 8 },
      flagged: false,
      readings: { count: 0, excursions: 0 },
      eventCount: 1,
      createdAt: timestamp,
    });
    expect(event).toMatchObject({ name: 'ShipmentCreated', payload: { shipmentId: 'SH-1', status: 'ACTIVE', seq: 0 } });
    const trace = await ledger.evaluate<EpcisEventPage>(shipments, 'trace', auditor, ['SH-1', '10', '']);
    expect(trace.result.items).toEqual([
      expect.objectContaining({
        type: 'ObjectEvent',
        eventID: `urn:city-ledger:logistics:event:${txId}`,
        action: 'ADD',
        eventTime: timestamp,
        eventTimeZoneOffset: '+01:00',
        epcList: [SGTIN],
        quantityList: [{ epcClass: LGTIN, quantity: 200, uom: 'EA' }],
        bizStep: 'packing',
        disposition: 'container_closed',
        readPoint: DEPOT,
        bizLocation: DEPOT,
        recordedBy: Msp.Health,
      }),
    ]);
  });

  it('defaults bizStep/disposition to shipping/in_progress and accepts quantities only or EPCs only', async () => {
    const ledger = new FakeLedger();
    const { result } = await create(ledger, registryClerk, { epcList: undefined, readPoint: undefined, bizLocation: undefined });
    expect(result).toMatchObject({ bizStep: 'shipping', disposition: 'in_progress', epcList: [], custodian: Msp.Registry });
    const second = await create(ledger, pwOfficer, { id: 'SH-2', quantityList: undefined });
    expect(second.result.quantityList).toEqual([]);
    const trace = await ledger.evaluate<EpcisEventPage>(shipments, 'trace', auditor, ['SH-1', '10', '']);
    expect(trace.result.items[0]?.eventTimeZoneOffset).toBe('+00:00');
  });

  it('refuses a duplicate ID with CONFLICT', async () => {
    const ledger = new FakeLedger();
    await create(ledger);
    const before = ledger.snapshot();
    await expect(create(ledger)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(ledger.snapshot()).toBe(before);
  });

  it.each([
    ['not JSON', '{'],
    ['unknown field', newShipment({ colour: 'red' })],
    ['bad id', newShipment({ id: '-x' })],
    ['no EPCs and no quantities', newShipment({ epcList: [], quantityList: [] })],
    ['EPC not a URN', newShipment({ epcList: ['0614141.107346.2017'] })],
    ['too many EPCs', newShipment({ epcList: Array.from({ length: 501 }, () => SGTIN) })],
    ['epcClass not a class URN', newShipment({ quantityList: [{ epcClass: SGTIN, quantity: 1 }] })],
    ['zero quantity', newShipment({ quantityList: [{ epcClass: LGTIN, quantity: 0 }] })],
    ['bad uom', newShipment({ quantityList: [{ epcClass: LGTIN, quantity: 1, uom: 'kilos' }] })],
    ['readPoint not SGLN', newShipment({ readPoint: 'warehouse 7' })],
    ['bizLocation not SGLN', newShipment({ bizLocation: SGTIN })],
    ['unknown bizStep', newShipment({ bizStep: 'teleporting' })],
    ['unknown disposition', newShipment({ disposition: 'lost' })],
    ['bad time zone offset', newShipment({ eventTimeZoneOffset: '+25:00' })],
    ['inverted temperature range', newShipment({ temperatureRange: { minC: 8, maxC: 2 } })],
    ['implausible temperature range', newShipment({ temperatureRange: { minC: -500, maxC: 2 } })],
  ])('refuses %s with INVALID_ARGUMENT and changes nothing', async (_, json) => {
    const ledger = new FakeLedger();
    const before = ledger.snapshot();
    await expect(ledger.invoke(shipments, 'createShipment', healthOfficer, [json])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(ledger.snapshot()).toBe(before);
    expect(ledger.events).toHaveLength(0);
  });

  it.each([
    ['a PublicWorks inspector', { msp: Msp.PublicWorks, role: Role.Inspector }],
    ['a Registry registrar', { msp: Msp.Registry, role: Role.Registrar }],
    ['a caller without role', { msp: Msp.Health }],
    ['an unknown org', { msp: 'OtherMSP', role: Role.Officer }],
  ])('refuses %s with FORBIDDEN', async (_, who) => {
    const ledger = new FakeLedger();
    await expect(create(ledger, who)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(ledger.snapshot()).toBe(new FakeLedger().snapshot());
  });
});

describe('shipments: receive and close', () => {
  it('moves ACTIVE -> RECEIVED -> CLOSED with one EPCIS event each', async () => {
    const ledger = new FakeLedger();
    await create(ledger);
    const received = await ledger.invoke<Shipment>(shipments, 'receiveShipment', healthOfficer, [
      'SH-1',
      JSON.stringify({ bizLocation: CLINIC, readPoint: CLINIC, eventTimeZoneOffset: '-05:30' }),
    ]);
    expect(received.result).toMatchObject({ status: 'RECEIVED', bizStep: 'receiving', bizLocation: CLINIC, eventCount: 2 });
    expect(received.event).toMatchObject({ name: 'ShipmentReceived', payload: { status: 'RECEIVED', seq: 1 } });
    const closed = await ledger.invoke<Shipment>(shipments, 'closeShipment', healthOfficer, ['SH-1']);
    expect(closed.result).toMatchObject({ status: 'CLOSED', bizStep: 'storing', disposition: 'available', bizLocation: CLINIC });
    expect(closed.event?.name).toBe('ShipmentClosed');
    const { result } = await ledger.evaluate<EpcisEventPage>(shipments, 'trace', auditor, ['SH-1', '10', '']);
    expect(result.items.map((e) => [e.seq, e.bizStep, e.eventTimeZoneOffset])).toEqual([
      [0, 'shipping', '+00:00'],
      [1, 'receiving', '-05:30'],
      [2, 'storing', '+00:00'],
    ]);
    expect(result.bookmark).toBe('');
  });

  it('refuses illegal transitions with CONFLICT', async () => {
    const ledger = new FakeLedger();
    await create(ledger);
    await expect(ledger.invoke(shipments, 'closeShipment', healthOfficer, ['SH-1'])).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'CONFLICT: shipment SH-1 is ACTIVE; closeShipment needs RECEIVED',
    });
    await ledger.invoke(shipments, 'receiveShipment', healthOfficer, ['SH-1', '']);
    await expect(ledger.invoke(shipments, 'receiveShipment', healthOfficer, ['SH-1', ''])).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await ledger.invoke(shipments, 'closeShipment', healthOfficer, ['SH-1']);
    const before = ledger.snapshot();
    for (const [fn, args] of [
      ['closeShipment', ['SH-1']],
      ['receiveShipment', ['SH-1', '']],
    ] as const) {
      await expect(ledger.invoke(shipments, fn, healthOfficer, [...args])).rejects.toMatchObject({ code: 'CONFLICT' });
    }
    expect(ledger.snapshot()).toBe(before);
  });

  it('lets only the custodian receive or close (FORBIDDEN)', async () => {
    const ledger = new FakeLedger();
    await create(ledger);
    const before = ledger.snapshot();
    await expect(ledger.invoke(shipments, 'receiveShipment', pwOfficer, ['SH-1', ''])).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: `FORBIDDEN: only the custodian ${Msp.Health} may change shipment SH-1`,
    });
    await expect(ledger.invoke(shipments, 'closeShipment', registryClerk, ['SH-1'])).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(ledger.snapshot()).toBe(before);
  });

  it.each([
    ['receiveShipment', ['SH 1', '']],
    ['receiveShipment', ['SH-1', '{']],
    ['receiveShipment', ['SH-1', '{"bizLocation":"here"}']],
    ['receiveShipment', ['SH-1', '{"eventTimeZoneOffset":"CET"}']],
    ['receiveShipment', ['SH-1', '{"disposition":"damaged"}']],
    ['closeShipment', ['']],
  ])('%s(%j) -> INVALID_ARGUMENT, no state change', async (fn, args) => {
    const ledger = new FakeLedger();
    await create(ledger);
    const before = ledger.snapshot();
    await expect(ledger.invoke(shipments, fn, healthOfficer, args)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(ledger.snapshot()).toBe(before);
  });

  it('answers NOT_FOUND for an unknown shipment', async () => {
    const ledger = new FakeLedger();
    await expect(ledger.invoke(shipments, 'receiveShipment', healthOfficer, ['SH-9', ''])).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'NOT_FOUND: shipment SH-9 does not exist',
    });
    await expect(ledger.invoke(shipments, 'closeShipment', healthOfficer, ['SH-9'])).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('shipments: reads', () => {
  it('lets every channel member read a shipment, the Auditor included', async () => {
    const ledger = new FakeLedger();
    await create(ledger);
    for (const who of [auditor, pwOfficer, registryClerk, { msp: Msp.Registry }]) {
      const { result } = await ledger.evaluate<Shipment>(shipments, 'getShipment', who, ['SH-1']);
      expect(result.id).toBe('SH-1');
    }
    await expect(ledger.evaluate(shipments, 'getShipment', auditor, ['SH-2'])).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(ledger.evaluate(shipments, 'getShipment', auditor, ['#'])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('traces the history in order, page by page, and keeps shipments apart', async () => {
    const ledger = new FakeLedger();
    await create(ledger);
    await create(ledger, healthOfficer, { id: 'SH-10' });
    await ledger.invoke(shipments, 'receiveShipment', healthOfficer, ['SH-1', '']);
    await ledger.invoke(shipments, 'closeShipment', healthOfficer, ['SH-1']);
    const first = await ledger.evaluate<EpcisEventPage>(shipments, 'trace', auditor, ['SH-1', '2', '']);
    expect(first.result.items.map((e) => e.seq)).toEqual([0, 1]);
    expect(first.result.bookmark).not.toBe('');
    const second = await ledger.evaluate<EpcisEventPage>(shipments, 'trace', auditor, ['SH-1', '2', first.result.bookmark]);
    expect(second.result.items.map((e) => [e.shipmentId, e.seq])).toEqual([['SH-1', 2]]);
    const other = await ledger.evaluate<EpcisEventPage>(shipments, 'trace', auditor, ['SH-10', '100', '']);
    expect(other.result.items).toHaveLength(1);
  });

  it('validates trace arguments', async () => {
    const ledger = new FakeLedger();
    await create(ledger);
    await expect(ledger.evaluate(shipments, 'trace', auditor, ['SH-9', '10', ''])).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    for (const args of [
      ['SH-1', '0', ''],
      ['SH-1', '101', ''],
      ['SH-1', 'ten', ''],
      ['SH-1', '10', 'bm'],
      ['', '10', ''],
    ]) {
      await expect(ledger.evaluate(shipments, 'trace', auditor, args)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
  });

  it('answers unknown functions with INVALID_ARGUMENT', async () => {
    await expect(new FakeLedger().invoke(shipments, 'deleteShipment', healthOfficer, ['SH-1'])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
