/**
 * The gateway as a library, for tools that reuse its parts (bench/, tests): the app factory and
 * what main.ts assembles it from (configuration, authentication, the store, the submit
 * pipeline), and the Fabric pieces (peer connections, identities, a Gateway per identity).
 * `main.ts` is the process that serves it; test fakes are in `@city-ledger/gateway-api/testing`.
 *
 * @example
 * ```ts
 * import { loadConfig, connectPeers, FileKeystore, openGateway } from '@city-ledger/gateway-api';
 * const config = loadConfig({ ...process.env, CITY_GATEWAY_ORG: 'registry' });
 * const [peer] = connectPeers(config.peers, readFileSync(config.tlsCaFile));
 * const identities = new FileKeystore({ mspId: config.org.mspId, clientDir: (user) => config.layout.clientDir(config.org, user) });
 * const gateway = openGateway(peer.client, await identities.get('clerk1'), config.deadlines);
 * ```
 */
export { createApp, type AppDeps } from './app';
export { ApiKeyAuthenticator } from './auth/apiKeys';
export { JwtAuthenticator } from './auth/jwt';
export { ConfigError, loadConfig, type GatewayConfig } from './config';
export type { CallDeadlines } from './fabric/callDeadlines';
export { connectPeers, peerEndpoint, type PeerConnection } from './fabric/connections';
export { FabricLedgerClient } from './fabric/fabricLedgerClient';
export { openGateway } from './fabric/identityGateway';
export { certificateInfo } from './identities/certificate';
export { FabricCaError } from './identities/fabricCaClient';
export { fabricCaEnrollerFor } from './identities/fabricCaEnrollerFor';
export { FileKeystore } from './identities/fileKeystore';
export type { FabricIdentity, IdentityStore } from './identities/identityStore';
export { openDatabase } from './store/database';
export { WritePipeline } from './http/writePipeline';
export type { RetryEvent } from './submit/submitter';
