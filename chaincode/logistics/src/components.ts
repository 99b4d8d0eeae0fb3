/**
 * What `GetMetadata` describes for the logistics contracts' `@Returns`: the domain's schemas,
 * by name, so the metadata states the same fields, limits and enums the chaincode validates.
 *
 * @example
 * ```ts
 * import './components';   // in each contract module, before its @Returns are read
 * ```
 */
import { declareComponents } from '@city-ledger/chaincode-common';
import { EpcisEvent, MaterialsDelivery, Page, Shipment, SupplierTerms, WasteManifest, WasteManifestVersion } from '@city-ledger/domain';

declareComponents({
  Shipment,
  EpcisEventPage: Page(EpcisEvent),
  MaterialsDelivery,
  MaterialsDeliveryPage: Page(MaterialsDelivery),
  SupplierTerms,
  WasteManifest,
  WasteManifestVersion,
});
