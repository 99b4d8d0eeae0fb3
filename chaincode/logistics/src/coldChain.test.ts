import { Msp, auditor, FakeLedger, healthOfficer as health, registryClerk as registry } from '@city-ledger/chaincode-common/testing';
import { Role } from '@city-ledger/chaincode-common';
import { applyReadings, MAX_READINGS_PER_BATCH, toSensorElement, type SensorReading } from './coldChain';
import { ColdChainContract } from './coldChainContract';
import { CustodyContract } from './custody';
import type { EpcisEventPage } from './epcis';
import { ShipmentsContract } from './shipments';
import type { Shipment } from './shipment';

const shipments = new ShipmentsContract();
const coldchain = new ColdChainContract();
const custody = new CustodyContract();

function reading(value: number, time = '2025-01-01T00:00:00Z', sensorId = 'T-1'): SensorReading {
  return { sensorId, time, type: 'temperature', value, uom: 'CEL' };
}

async function setup(range: { minC: number; maxC: number } | null = { minC: 2, maxC: 8 }): Promise<FakeLedger> {
  const ledger = new FakeLedger();
  await ledger.invoke(shipments, 'createShipment', health, [
    JSON.stringify({
      id: 'VAX-1',
      quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 500, uom: 'EA' }],
      temperatureRange: range ?? undefined,
    }),
  ]);
  return ledger;
}

function record(ledger: FakeLedger, readings: unknown, who = health) {
  return ledger.invoke<Shipment>(coldchain, 'recordSensorReadings', who, ['VAX-1', JSON.stringify(readings)]);
}

describe('coldchain: recordSensorReadings', () => {
  it('records in-range readings: summary updated, not flagged, EPCIS sensor_reporting event', async () => {
    const ledger = await setup();
    const { result, event } = await record(ledger, [
      reading(4.5, '2025-01-01T00:10:00Z'),
      reading(3, '2025-01-01T00:00:00Z', 'T-2'),
      reading(7.9, '2025-01-01T00:20:00.5Z'),
    ]);
    expect(result).toMatchObject({ flagged: false, readings: { count: 3, min: 3, max: 7.9, excursions: 0 } });
    expect(result.firstExcursion).toBeUndefined();
    expect(event).toMatchObject({
      name: 'SensorReadingsRecorded',
      payload: { shipmentId: 'VAX-1', count: 3, excursions: 0, flagged: false, newlyFlagged: false },
    });
    const { result: trace } = await ledger.evaluate<EpcisEventPage>(shipments, 'trace', auditor, ['VAX-1', '10', '']);
    expect(trace.items[1]).toMatchObject({
      bizStep: 'sensor_reporting',
      disposition: 'in_progress',
      sensorElementList: [
        {
          startTime: '2025-01-01T00:00:00Z',
          endTime: '2025-01-01T00:20:00.5Z',
          sensorReport: [
            { type: 'gs1:Temperature', deviceID: 'T-1', value: 4.5, uom: 'CEL', time: '2025-01-01T00:10:00Z' },
            expect.objectContaining({ deviceID: 'T-2', value: 3 }),
            expect.objectContaining({ value: 7.9 }),
          ],
        },
      ],
    });
  });

  it('flags the shipment on the first out-of-range reading and says so in the single event', async () => {
    const ledger = await setup();
    await record(ledger, [reading(5)]);
    const flagged = await record(ledger, [reading(6), reading(9.5, '2025-01-01T01:00:00Z'), reading(1, '2025-01-01T02:00:00Z')]);
    expect(flagged.result).toMatchObject({
      flagged: true,
      status: 'ACTIVE',
      firstExcursion: reading(9.5, '2025-01-01T01:00:00Z'),
      readings: { count: 4, min: 1, max: 9.5, excursions: 2 },
    });
    expect(flagged.event).toMatchObject({
      name: 'SensorReadingsRecorded',
      payload: { excursions: 2, flagged: true, newlyFlagged: true, count: 3 },
    });
    expect(ledger.events.filter((e) => e.txId === flagged.txId)).toHaveLength(1);
    // Later excursions keep the first one; the flag is never cleared.
    const later = await record(ledger, [reading(-3, '2025-01-02T00:00:00Z')]);
    expect(later.result).toMatchObject({ flagged: true, firstExcursion: reading(9.5, '2025-01-01T01:00:00Z') });
    expect(later.result.readings.excursions).toBe(3);
    expect(later.event?.payload).toMatchObject({ flagged: true, newlyFlagged: false, excursions: 1 });
    const inRange = await record(ledger, [reading(5)]);
    expect(inRange.result.flagged).toBe(true);
  });

  it('never flags a shipment without a temperature range', async () => {
    const ledger = await setup(null);
    const { result } = await record(ledger, [reading(40), reading(-20)]);
    expect(result).toMatchObject({ flagged: false, readings: { count: 2, min: -20, max: 40, excursions: 0 } });
  });

  it('treats the range bounds as allowed', async () => {
    const ledger = await setup();
    const { result } = await record(ledger, [reading(2), reading(8)]);
    expect(result.flagged).toBe(false);
  });

  it('accepts readings while custody is offered and after receipt, not after close (CONFLICT)', async () => {
    const ledger = await setup();
    await ledger.invoke(custody, 'offerCustody', health, ['VAX-1', Msp.Registry]);
    await record(ledger, [reading(5)]);
    await ledger.invoke(custody, 'acceptCustody', registry, ['VAX-1', '']);
    await expect(record(ledger, [reading(5)])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await record(ledger, [reading(5)], registry);
    await ledger.invoke(shipments, 'receiveShipment', registry, ['VAX-1', '']);
    await record(ledger, [reading(5)], registry);
    await ledger.invoke(shipments, 'closeShipment', registry, ['VAX-1']);
    const before = ledger.snapshot();
    await expect(record(ledger, [reading(5)], registry)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'CONFLICT: shipment VAX-1 is CLOSED; recordSensorReadings needs ACTIVE or OFFERED or RECEIVED',
    });
    expect(ledger.snapshot()).toBe(before);
  });

  it('accepts a full batch of 500 readings', async () => {
    const ledger = await setup();
    const { result } = await record(ledger, Array.from({ length: MAX_READINGS_PER_BATCH }, () => reading(5)));
    expect(result.readings.count).toBe(500);
  });

  it.each([
    ['not JSON', '{'],
    ['not an array', '{"value":5}'],
    ['empty batch', '[]'],
    ['too many readings', JSON.stringify(Array.from({ length: 501 }, () => reading(5)))],
    ['missing sensorId', JSON.stringify([{ ...reading(5), sensorId: undefined }])],
    ['bad time', JSON.stringify([{ ...reading(5), time: '2025-01-01 00:00' }])],
    ['non-UTC time', JSON.stringify([{ ...reading(5), time: '2025-01-01T00:00:00+01:00' }])],
    ['wrong type', JSON.stringify([{ ...reading(5), type: 'humidity' }])],
    ['wrong uom', JSON.stringify([{ ...reading(5), uom: 'FAH' }])],
    ['non-numeric value', JSON.stringify([{ ...reading(5), value: 'warm' }])],
    ['implausible value', JSON.stringify([reading(1000)])],
    ['extra field', JSON.stringify([{ ...reading(5), battery: 3 }])],
  ])('refuses %s with INVALID_ARGUMENT and changes nothing', async (_, json) => {
    const ledger = await setup();
    const before = ledger.snapshot();
    await expect(ledger.invoke(coldchain, 'recordSensorReadings', health, ['VAX-1', json])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(ledger.snapshot()).toBe(before);
  });

  it('refuses non-custodians and wrong roles (FORBIDDEN), unknown shipments (NOT_FOUND)', async () => {
    const ledger = await setup();
    const before = ledger.snapshot();
    await expect(record(ledger, [reading(5)], registry)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(record(ledger, [reading(5)], { msp: Msp.Health, role: Role.Inspector })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      ledger.invoke(coldchain, 'recordSensorReadings', health, ['VAX-2', JSON.stringify([reading(5)])]),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      ledger.invoke(coldchain, 'recordSensorReadings', health, ['', JSON.stringify([reading(5)])]),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(ledger.snapshot()).toBe(before);
  });
});

describe('coldChain helpers', () => {
  it('applyReadings keeps the first excursion by input order', () => {
    const out = applyReadings({ count: 0, excursions: 0 }, { minC: 0, maxC: 1 }, [reading(0.5), reading(2), reading(-1)]);
    expect(out).toEqual({
      summary: { count: 3, min: -1, max: 2, excursions: 2 },
      excursions: 2,
      firstExcursion: reading(2),
    });
  });

  it('toSensorElement spans the earliest to the latest reading', () => {
    const element = toSensorElement([
      reading(1, '2025-01-01T00:05:00Z'),
      reading(1, '2025-01-01T00:01:00Z'),
      reading(1, '2025-01-01T00:09:00Z'),
    ]);
    expect([element.startTime, element.endTime]).toEqual(['2025-01-01T00:01:00Z', '2025-01-01T00:09:00Z']);
  });
});
