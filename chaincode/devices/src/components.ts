/**
 * What `GetMetadata` describes for the devices contracts' `@Returns`: the domain's schemas, by
 * name, so the metadata states the same fields, limits and enums the chaincode validates.
 *
 * @example
 * ```ts
 * import './components';   // in each contract module, before its @Returns are read
 * ```
 */
import { declareComponents } from '@city-ledger/chaincode-common';
import { Device, SignedDeviceReading, TelemetryBatch } from '@city-ledger/domain';

declareComponents({ Device, SignedDeviceReading, TelemetryBatch });
