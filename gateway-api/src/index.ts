/**
 * The gateway as a library, for tools that reuse its parts (bench/, tests): the app factory,
 * the configuration, and the Fabric connection pieces. `main.ts` is the process that serves it.
 *
 * @example
 * ```ts
 * import { loadConfig, connectPeers, FileKeystore } from '@city-ledger/gateway-api';
 * const config = loadConfig({ ...process.env, CITY_GATEWAY_ORG: 'registry' });
 * ```
 */
export { createApp, type AppDeps } from './app';
export { ConfigError, loadConfig, type GatewayConfig } from './config';
export { connectPeers, type PeerConnection } from './fabric/connections';
export { FileKeystore } from './identities/fileKeystore';
export type { FabricIdentity, IdentityStore } from './identities/identityStore';
