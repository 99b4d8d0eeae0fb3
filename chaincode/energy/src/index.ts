/**
 * @city-ledger/chaincode-energy: the neighbourhood energy market settled from device-signed
 * meter readings, the city energy credit it settles in, and carbon credits. See README.md.
 */
import type { Contract } from 'fabric-contract-api';
import { CarbonContract } from './carbon';
import { CreditsContract } from './credits';
import { MarketContract } from './market';

export { CarbonContract, CreditsContract, MarketContract };

/** Every contract of the chaincode; the first (`market`) is the default. */
export const contracts: (typeof Contract)[] = [MarketContract, CreditsContract, CarbonContract];
