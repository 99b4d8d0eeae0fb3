/**
 * Logistics schemas (logistics chaincode). Every record and request is declared once, in
 * @city-ledger/domain (logistics/*); this module only shapes the HTTP requests and answers
 * from them.
 */
import {
  CollectionInput,
  custodyOfferInput,
  DeliveryInput,
  departmentMsps,
  Enum,
  EpcisEvent,
  EventContextInput,
  MaterialsDelivery,
  ProcessingInput,
  SensorReadings,
  SignedSensorReadings,
  Shipment,
  ShipmentInput,
  SupplierTerms,
  SupplierTermsFields,
  TransferInput,
  WasteManifest,
  WasteManifestVersion,
} from '@city-ledger/domain';
import { Type } from '@sinclair/typebox';
import { CONSORTIUM } from '../consortium';
import { Page } from './common';

export { EpcisEvent, MaterialsDelivery, Shipment, SupplierTerms, WasteManifest };

/** The consortium's departments (org files): who may receive custody, as `GET /v1/me` tells the console. */
export const DEPARTMENTS: readonly string[] = departmentMsps(CONSORTIUM);

export const Department = Enum(DEPARTMENTS, 'MSP ID of a department (from the org files)');

/** POST /v1/shipments (at least one EPC or quantity). */
export const CreateShipmentBody = Type.Object(ShipmentInput.properties, {
  additionalProperties: false,
  anyOf: [
    { required: ['epcList'], properties: { epcList: { type: 'array', minItems: 1 } } },
    { required: ['quantityList'], properties: { quantityList: { type: 'array', minItems: 1 } } },
  ],
});

/** The "where" of a move (receive, accept); every field optional. */
export const EventContextBody = EventContextInput;

export const OfferCustodyBody = custodyOfferInput(DEPARTMENTS);

export const SensorReadingsBody = Type.Object({ readings: SensorReadings }, { additionalProperties: false });

export const SignedSensorReadingsBody = Type.Object({ readings: SignedSensorReadings }, { additionalProperties: false });

export const EpcisEventPage = Page(EpcisEvent);

/** POST /v1/waste-manifests */
export const RecordCollectionBody = CollectionInput;
export const RecordTransferBody = TransferInput;
export const RecordProcessingBody = ProcessingInput;

/** Every committed version of a manifest, newest first. */
export const WasteManifestHistory = Type.Array(WasteManifestVersion);

/** Supplier terms: private to Public Works (the gateway adds the salt). */
export const SupplierTermsInput = SupplierTermsFields;

/** POST /v1/material-deliveries */
export const RegisterDeliveryBody = Type.Object(
  { ...DeliveryInput.properties, supplierTerms: Type.Optional(SupplierTermsFields) },
  { additionalProperties: false },
);

export const MaterialsDeliveryPage = Page(MaterialsDelivery);
