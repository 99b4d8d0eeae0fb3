/**
 * Logistics schemas (logistics chaincode; see chaincode/logistics/README.md and src/epcis.ts,
 * shipments.ts, coldChain.ts, waste.ts, delivery.ts, whose validators these mirror).
 */
import { departmentMsps } from '@city-ledger/domain';
import { Type } from '@sinclair/typebox';
import { CONSORTIUM } from '../consortium';
import { Enum, Id, Page, Text, Timestamp } from './common';

const BIZ_STEPS = ['commissioning', 'packing', 'loading', 'shipping', 'departing', 'transporting', 'arriving', 'unloading', 'receiving', 'accepting', 'inspecting', 'storing', 'holding', 'sensor_reporting', 'void_shipping'] as const;
const DISPOSITIONS = ['active', 'in_progress', 'in_transit', 'container_closed', 'available', 'conformant', 'non_conformant', 'damaged', 'expired', 'recalled', 'returned'] as const;
const WASTE_TYPES = ['mixed_municipal', 'recyclables', 'organic', 'bulky', 'construction', 'hazardous'] as const;
const MAX_KG = 1_000_000;
const CELSIUS = { minimum: -100, maximum: 150 };

export const EpcUrn = Type.String({ pattern: '^urn:epc:id:[a-z]+:[A-Za-z0-9.\\-:%_*]{1,200}$', description: 'An EPC URN, e.g. urn:epc:id:sgtin:0614141.107346.2017' });
export const EpcClassUrn = Type.String({ pattern: '^urn:epc:(?:class|idpat):[a-z]+:[A-Za-z0-9.\\-:%_*]{1,200}$', description: 'An EPC class URN, e.g. urn:epc:class:lgtin:4012345.012345.998877' });
export const LocationUrn = Type.String({ pattern: '^urn:epc:id:sgln:[A-Za-z0-9.\\-%_]{1,200}$', description: 'An SGLN URN, e.g. urn:epc:id:sgln:0614141.00777.0' });
export const TimeZoneOffset = Type.String({ pattern: '^[+-](?:0\\d|1[0-4]):[0-5]\\d$', description: 'e.g. +01:00' });
export const Uom = Type.String({ pattern: '^[A-Z0-9]{2,3}$', description: 'A UN/CEFACT unit code: KGM, LTR, EA' });
export const Department = Enum(departmentMsps(CONSORTIUM), 'MSP ID of a department (from the org files)');

const QuantityElement = Type.Object({ epcClass: EpcClassUrn, quantity: Type.Number({ minimum: 0.000001, maximum: 1e12 }), uom: Type.Optional(Uom) }, { additionalProperties: false });
const TemperatureRange = Type.Object({ minC: Type.Number(CELSIUS), maxC: Type.Number(CELSIUS) }, { additionalProperties: false, description: '°C, inclusive; minC < maxC' });

/** POST /v1/shipments (at least one EPC or quantity). */
export const CreateShipmentBody = Type.Object(
  {
    id: Id,
    epcList: Type.Optional(Type.Array(EpcUrn, { maxItems: 500 })),
    quantityList: Type.Optional(Type.Array(QuantityElement, { maxItems: 100 })),
    readPoint: Type.Optional(LocationUrn),
    bizLocation: Type.Optional(LocationUrn),
    bizStep: Type.Optional(Enum(BIZ_STEPS)),
    disposition: Type.Optional(Enum(DISPOSITIONS)),
    eventTimeZoneOffset: Type.Optional(TimeZoneOffset),
    temperatureRange: Type.Optional(TemperatureRange),
  },
  { additionalProperties: false, anyOf: [{ required: ['epcList'], properties: { epcList: { type: 'array', minItems: 1 } } }, { required: ['quantityList'], properties: { quantityList: { type: 'array', minItems: 1 } } }] },
);

/** The "where" of a move (receive, accept); every field optional. */
export const EventContextBody = Type.Object(
  { readPoint: Type.Optional(LocationUrn), bizLocation: Type.Optional(LocationUrn), eventTimeZoneOffset: Type.Optional(TimeZoneOffset) },
  { additionalProperties: false },
);

export const OfferCustodyBody = Type.Object({ to: Department }, { additionalProperties: false, description: 'to: the receiving department (not the custodian)' });

const SensorReading = Type.Object(
  { sensorId: Id, time: Timestamp, type: Type.Literal('temperature'), value: Type.Number(CELSIUS), uom: Type.Literal('CEL') },
  { additionalProperties: false },
);
export const SensorReadingsBody = Type.Object({ readings: Type.Array(SensorReading, { minItems: 1, maxItems: 500 }) }, { additionalProperties: false });

export const Shipment = Type.Object({
  id: Id,
  status: Enum(['ACTIVE', 'OFFERED', 'RECEIVED', 'CLOSED']),
  custodian: Type.String(),
  origin: Type.String(),
  epcList: Type.Array(Type.String()),
  quantityList: Type.Array(Type.Object({ epcClass: Type.String(), quantity: Type.Number(), uom: Type.Optional(Type.String()) })),
  readPoint: Type.Optional(Type.String()),
  bizLocation: Type.Optional(Type.String()),
  bizStep: Type.String(),
  disposition: Type.String(),
  temperatureRange: Type.Optional(Type.Object({ minC: Type.Number(), maxC: Type.Number() })),
  pendingOffer: Type.Optional(Type.Object({ from: Type.String(), to: Type.String(), offeredAt: Timestamp })),
  flagged: Type.Boolean(),
  firstExcursion: Type.Optional(Type.Object({}, { additionalProperties: true })),
  readings: Type.Object({}, { additionalProperties: true, description: 'count, min, max, excursions' }),
  eventCount: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

/** One EPCIS 2.0 ObjectEvent of a shipment's trace. */
export const EpcisEvent = Type.Object({ type: Type.String(), eventID: Type.String(), shipmentId: Id, seq: Type.Integer(), eventTime: Timestamp }, { additionalProperties: true });
export const EpcisEventPage = Page(EpcisEvent);

/** POST /v1/waste-manifests */
export const RecordCollectionBody = Type.Object(
  { id: Id, wasteType: Enum(WASTE_TYPES), collectionPoint: LocationUrn, collectedKg: Type.Number({ minimum: 0.001, maximum: MAX_KG }), vehicleId: Type.Optional(Id) },
  { additionalProperties: false },
);
export const RecordTransferBody = Type.Object({ facilityId: Id, transferredKg: Type.Number({ minimum: 0.001, maximum: MAX_KG }) }, { additionalProperties: false });
export const RecordProcessingBody = Type.Object(
  { processedKg: Type.Number({ minimum: 0, maximum: MAX_KG }), residueKg: Type.Number({ minimum: 0, maximum: MAX_KG }) },
  { additionalProperties: false },
);

export const WasteManifest = Type.Object({
  id: Id,
  stage: Enum(['COLLECTED', 'TRANSFERRED', 'PROCESSED']),
  wasteType: Enum(WASTE_TYPES),
  collectionPoint: Type.String(),
  vehicleId: Type.Optional(Type.String()),
  collectedKg: Type.Number(),
  collectedAt: Timestamp,
  facilityId: Type.Optional(Type.String()),
  transferredKg: Type.Optional(Type.Number()),
  transferredAt: Type.Optional(Timestamp),
  processedKg: Type.Optional(Type.Number()),
  residueKg: Type.Optional(Type.Number()),
  balanceDeviation: Type.Optional(Type.Number()),
  processedAt: Type.Optional(Timestamp),
  updatedAt: Timestamp,
});
/** Every committed version of a manifest, newest first. */
export const WasteManifestHistory = Type.Array(Type.Object({ txId: Type.String(), timestamp: Type.String(), manifest: WasteManifest }));

const MaterialItem = Type.Object(
  { materialCode: Id, description: Type.Optional(Text(1000)), quantity: Type.Number({ minimum: 0.000001, maximum: 1e9 }), uom: Uom },
  { additionalProperties: false },
);
const SupplierPrice = Type.Object(
  { materialCode: Id, unitPrice: Type.Number({ minimum: 0, maximum: 1e12 }), currency: Type.String({ pattern: '^[A-Z]{3}$' }) },
  { additionalProperties: false },
);
/** Supplier terms: private to Public Works (the gateway adds the salt). */
export const SupplierTermsInput = Type.Object(
  { contractRef: Id, paymentTerms: Type.Optional(Text(1000)), validUntil: Type.Optional(Timestamp), prices: Type.Array(SupplierPrice, { minItems: 1, maxItems: 200 }) },
  { additionalProperties: false, description: 'Private: sent as transient data to Public Works only; the ledger keeps its hash' },
);

/** POST /v1/material-deliveries */
export const RegisterDeliveryBody = Type.Object(
  {
    id: Id,
    permitId: Id,
    supplierId: Id,
    site: Type.Optional(LocationUrn),
    items: Type.Array(MaterialItem, { minItems: 1, maxItems: 200 }),
    supplierTerms: Type.Optional(SupplierTermsInput),
  },
  { additionalProperties: false },
);

export const MaterialsDelivery = Type.Object({
  id: Id,
  permitId: Id,
  permitStatus: Type.String(),
  supplierId: Id,
  site: Type.Optional(Type.String()),
  items: Type.Array(Type.Object({ materialCode: Type.String(), description: Type.Optional(Type.String()), quantity: Type.Number(), uom: Type.String() })),
  registeredBy: Type.String(),
  registeredAt: Timestamp,
  supplierTermsHash: Type.Optional(Type.String()),
});
export const MaterialsDeliveryPage = Page(MaterialsDelivery);

export const SupplierTerms = Type.Object({
  salt: Type.String(),
  contractRef: Type.String(),
  paymentTerms: Type.Optional(Type.String()),
  validUntil: Type.Optional(Timestamp),
  prices: Type.Array(Type.Object({ materialCode: Type.String(), unitPrice: Type.Number(), currency: Type.String() })),
});
