/**
 * `coldchain` contract: batches of temperature readings for a shipment.
 *
 * Only the custodian records readings, while the shipment is ACTIVE, OFFERED (goods on the
 * road, custody not yet accepted) or RECEIVED; a CLOSED shipment -> CONFLICT. Any reading
 * outside the declared `temperatureRange` flags the shipment (`flagged: true`, the first
 * offending reading kept in `firstExcursion`). The transaction's single event,
 * SensorReadingsRecorded, carries `count`, `excursions`, `flagged` and `newlyFlagged`.
 */
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import './components';
import { CityContract, requireId, requireWriter, type Caller } from '@city-ledger/chaincode-common';
import { parseJson, SignedSensorReadings, type SensorReading } from '@city-ledger/domain';
import { applyReadings, parseReadings, toSensorElement } from './coldChain';
import { acceptSignedReadings } from './signedReadings';
import type { Disposition } from './epcis';
import { shippingMsps, SHIPPING_ROLES } from './roles';
import { loadShipment, requireCustodian, requireStatus, saveWithEvent, type Shipment } from './shipment';

/**
 * The contract's transaction context. Declared in this file so that the decorator metadata
 * (`design:paramtypes`) names it directly: fabric-contract-api recognises the context
 * parameter by `createContext().constructor`.
 */
export class ColdChainContext extends Context {}

@Info({ title: 'Cold chain', description: 'Temperature readings of shipments; out-of-range readings flag them' })
export class ColdChainContract extends CityContract {
  constructor() {
    super('coldchain');
  }

  override createContext(): ColdChainContext {
    return new ColdChainContext();
  }

  /**
   * Records 1..500 readings `[{sensorId, time, type: 'temperature', value, uom: 'CEL'}]`.
   * Event: SensorReadingsRecorded.
   */
  @Transaction()
  @Returns('Shipment')
  async recordSensorReadings(ctx: ColdChainContext, shipmentId: string, readingsJson: string) {
    const who = requireWriter(ctx, shippingMsps(), SHIPPING_ROLES);
    const id = requireId(shipmentId, 'shipmentId');
    return this.record(ctx, who, id, parseReadings(readingsJson), 0);
  }

  /**
   * Records 1..500 readings signed by registered loggers (devices chaincode): `[{reading:
   * {deviceId, seq, takenAt, measurements: {temperatureC}}, keyVersion, signature}]`, each
   * checked as `readings:submitReading` checks one (signedReadings.ts). Event: SensorReadingsRecorded.
   */
  @Transaction()
  @Returns('Shipment')
  async recordSignedSensorReadings(ctx: ColdChainContext, shipmentId: string, signedReadingsJson: string) {
    const who = requireWriter(ctx, shippingMsps(), SHIPPING_ROLES);
    const id = requireId(shipmentId, 'shipmentId');
    const signed = parseJson(SignedSensorReadings, signedReadingsJson, 'readings');
    const shipment = await loadShipment(ctx, id);
    requireCustodian(shipment, who.msp);
    const readings = await acceptSignedReadings(ctx, signed);
    return this.record(ctx, who, id, readings, readings.length);
  }

  private async record(ctx: ColdChainContext, who: Caller, id: string, readings: SensorReading[], signed: number) {
    const shipment = await loadShipment(ctx, id);
    requireCustodian(shipment, who.msp);
    requireStatus(shipment, ['ACTIVE', 'OFFERED', 'RECEIVED'], 'recordSensorReadings');
    const { summary, excursions, firstExcursion } = applyReadings(shipment.readings, shipment.temperatureRange, readings);
    const newlyFlagged = !shipment.flagged && excursions > 0;
    const next: Shipment = {
      ...shipment,
      readings: signed > 0 ? { ...summary, signed: (summary.signed ?? 0) + signed } : summary,
      flagged: shipment.flagged || newlyFlagged,
      firstExcursion: newlyFlagged ? firstExcursion : shipment.firstExcursion,
    };
    return saveWithEvent(ctx, next, who.msp, {
      action: 'OBSERVE',
      bizStep: 'sensor_reporting',
      disposition: shipment.disposition as Disposition,
      sensorElementList: [toSensorElement(readings)],
      chainEvent: 'SensorReadingsRecorded',
      payload: { count: readings.length, signed, excursions, flagged: next.flagged, newlyFlagged },
    });
  }
}
