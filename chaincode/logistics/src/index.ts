/**
 * @city-ledger/chaincode-logistics: shipments (GS1 EPCIS-shaped), custody handover, cold-chain
 * readings, waste-collection manifests and building-material deliveries. See README.md.
 */
import type { Contract } from 'fabric-contract-api';
import { ColdChainContract } from './coldChainContract';
import { CustodyContract } from './custody';
import { MaterialsContract } from './materials';
import { ShipmentsContract } from './shipments';
import { WasteContract } from './waste';

export { ColdChainContract, CustodyContract, MaterialsContract, ShipmentsContract, WasteContract };

/** Every contract of the chaincode; the first (`shipments`) is the default. */
export const contracts: (typeof Contract)[] = [
  ShipmentsContract,
  CustodyContract,
  ColdChainContract,
  WasteContract,
  MaterialsContract,
];
