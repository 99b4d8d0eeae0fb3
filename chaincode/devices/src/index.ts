/**
 * @city-ledger/chaincode-devices: the registry of meters, loggers and sensors with their signing
 * keys, device-signed readings, and the anchors of off-chain telemetry batches. See README.md.
 */
import type { Contract } from 'fabric-contract-api';
import { ReadingsContract } from './readingsContract';
import { DevicesContract } from './registryContract';
import { TelemetryContract } from './telemetryContract';

export { DevicesContract, ReadingsContract, TelemetryContract };

/** Every contract of the chaincode; the first (`devices`) is the default. */
export const contracts: (typeof Contract)[] = [DevicesContract, ReadingsContract, TelemetryContract];
