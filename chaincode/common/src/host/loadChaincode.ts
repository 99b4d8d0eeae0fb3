/**
 * Loads one chaincode as fabric-shim's `server` command does (contract-spi/bootstrap.js: the
 * workspace's package.json `main` and `contracts`, its META-INF metadata if any, then
 * ChaincodeFromContract), isolated from the other chaincodes that the same host process serves.
 * Two things fabric-contract-api and this library keep per process are made per chaincode:
 * the decorator registries on `global` (the `@Object`/declareComponents schemas, `@Info`,
 * `@Default`), emptied before the chaincode's code is required so its GetMetadata serves its own
 * components only (and given back to a second chaincode from the same workspace); and the consortium descriptor, in force (withConsortium) while its contracts
 * are constructed and around each of its transactions.
 *
 * @example
 * ```ts
 * const { chaincode } = await loadChaincode('/repo/chaincode/records', consortium);
 * shim.server(chaincode, options).start();
 * ```
 */
import type { ConsortiumDescriptor } from '@city-ledger/domain';
import type { ChaincodeInterface } from 'fabric-shim';
import { withConsortium } from '../activeConsortium';

interface ContractInfo {
  contracts: unknown[];
  serializers: unknown;
  title: string;
  version: string;
}

interface Bootstrap {
  getInfoFromContract(modulePath: string): ContractInfo;
  getMetadata(modulePath: string): Promise<object>;
}

type ChaincodeFromContract = new (
  contracts: unknown[],
  serializers: unknown,
  metadata: object,
  title: string,
  version: string,
) => ChaincodeInterface & { metadata: { components: { schemas: Record<string, unknown> } } };

/* eslint-disable @typescript-eslint/no-require-imports -- fabric-shim's contract runtime has no typed entry point */
const bootstrap = require('fabric-shim/lib/contract-spi/bootstrap') as Bootstrap;
const ChaincodeFromContract = require('fabric-shim/lib/contract-spi/chaincodefromcontract') as ChaincodeFromContract;
/* eslint-enable @typescript-eslint/no-require-imports */

/** fabric-contract-api's registries on `global`, written by decorators when a chaincode's code is required. */
const GLOBAL_REGISTRIES = ['fabric:objects', 'fabric:info', 'fabric:default'] as const;

interface MetadataReflect {
  getMetadata(key: string, target: object): unknown;
  defineMetadata(key: string, value: unknown, target: object): void;
  deleteMetadata(key: string, target: object): boolean;
}
const reflect = Reflect as unknown as MetadataReflect;

/**
 * The registries as each workspace's code left them when first required. A workspace served
 * twice (a chaincode deployed under a second name) is required once, so its decorators run once:
 * the second load gets the first one's registries back.
 */
const registriesOf = new Map<string, Map<string, unknown>>();

/** Puts the registries of the workspace at `modulePath` on `global`, requiring its code if new. */
function withOwnRegistries(modulePath: string): ContractInfo {
  const known = registriesOf.get(modulePath);
  for (const key of GLOBAL_REGISTRIES) {
    const value = known?.get(key);
    if (value === undefined) reflect.deleteMetadata(key, global);
    else reflect.defineMetadata(key, value, global);
  }
  const info = bootstrap.getInfoFromContract(modulePath);
  if (!known) registriesOf.set(modulePath, new Map(GLOBAL_REGISTRIES.map((key) => [key, reflect.getMetadata(key, global)])));
  return info;
}

/** One loaded chaincode: what the shim serves, and the metadata its GetMetadata answers with. */
export interface LoadedChaincode {
  readonly title: string;
  readonly chaincode: ChaincodeInterface;
  readonly metadata: { readonly components: { readonly schemas: Readonly<Record<string, unknown>> } };
}

/** `chaincode` with `consortium` in force for each of its transactions (and all they await). */
export function inConsortium(chaincode: ChaincodeInterface, consortium: ConsortiumDescriptor): ChaincodeInterface {
  return {
    Init: (stub) => withConsortium(consortium, () => chaincode.Init(stub)),
    Invoke: (stub) => withConsortium(consortium, () => chaincode.Invoke(stub)),
  };
}

/**
 * Loads the chaincode of the workspace at `modulePath` (absolute) with its own descriptor.
 * Throws what fabric-shim or the contracts' constructors throw (a missing `main`, an invalid
 * descriptor). Each chaincode is loaded once per process: its code is required once.
 */
export async function loadChaincode(modulePath: string, consortium: ConsortiumDescriptor): Promise<LoadedChaincode> {
  const fileMetadata = await bootstrap.getMetadata(modulePath);
  // From here on synchronous: no other chaincode's load can interleave with its registries.
  return withConsortium(consortium, () => {
    const { contracts, serializers, title, version } = withOwnRegistries(modulePath);
    const chaincode = new ChaincodeFromContract(contracts, serializers, fileMetadata, title, version);
    return { title, chaincode: inConsortium(chaincode, consortium), metadata: chaincode.metadata };
  });
}
