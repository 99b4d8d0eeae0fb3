#!/usr/bin/env node
/**
 * Starts one department's gateway: `CITY_GATEWAY_ORG=registry node gateway-api/dist/main.js`.
 * See config.ts for every variable. Any configuration problem (a bad variable, a missing key
 * file, an identity that is not enrolled or whose key is readable by others) is printed and
 * the process exits with status 1 before anything listens.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { gatewayCertificateFiles, soonestExpiry } from '@city-ledger/network';
import { createApp } from './app';
import { ApiKeyAuthenticator } from './auth/apiKeys';
import type { Authenticator } from './auth/authenticator';
import { JwtAuthenticator } from './auth/jwt';
import { ConfigError, loadConfig } from './config';
import { connectPeers } from './fabric/connections';
import { FabricLedgerClient } from './fabric/fabricLedgerClient';
import { RateLimiter } from './http/rateLimit';
import { hardenServer, serverOptions } from './http/serverLimits';
import { WritePipeline } from './http/writePipeline';
import { fabricCaEnrollerFor } from './identities/fabricCaEnrollerFor';
import { FileKeystore } from './identities/fileKeystore';
import { startIdentityRenewal } from './identities/identityRenewal';
import { IdentityError } from './identities/identityStore';
import { WebhookDispatcher } from './events/webhookDispatcher';
import { WebhookTargets } from './events/webhookTargets';
import { SubscriptionStore } from './events/subscriptionStore';
import { FabricEventSource } from './fabric/fabricEventSource';
import { createLogger } from './logger';
import { GatewayMetrics } from './metrics/metrics';
import { InstrumentedLedgerClient } from './metrics/instrumentedLedger';
import { metricsApp } from './metrics/metricsApp';
import { watchCertificateExpiry } from './metrics/certificateExpiry';
import { RESOURCES } from './routes';
import { identitiesResource } from './routes/identities';
import { budgetingResource } from './routes/budgeting';
import { certificatesResource } from './routes/certificates';
import { peerCertificateReader } from './calls/peerCertificates';
import { NullifierKey } from './calls/nullifiers';
import { telemetryResource } from './routes/telemetry';
import { TelemetryCollector } from './telemetry/collector';
import { openDatabase } from './store/database';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const apiKeys = ApiKeyAuthenticator.fromFile(config.apiKeysFile);
  const jwt = config.jwt ? JwtAuthenticator.fromConfig(config.jwt) : undefined;
  const authenticators: Authenticator[] = jwt ? [apiKeys, jwt] : [apiKeys];
  const identities = new FileKeystore({ mspId: config.org.mspId, clientDir: (user) => config.layout.clientDir(config.org, user) });
  // Fail now, not on the first request, if a principal's identity is missing or unsafe.
  for (const user of new Set([...apiKeys.users(), ...(jwt?.users() ?? []), config.probeUser, ...(config.publicUser ? [config.publicUser] : []), ...(config.telemetry ? [config.telemetry.user] : [])])) await identities.get(user);
  const metricsListen = config.metrics;
  const metrics = metricsListen ? new GatewayMetrics() : undefined;
  if (metrics) {
    const held = () => soonestExpiry(gatewayCertificateFiles(config.layout, config.org, config.tls.certFile));
    watchCertificateExpiry(metrics.registry, config.org.key, held, { onError: (err) => logger.warn({ err }, 'certificate expiry unreadable') });
  }
  // Identities the admin routes enrolled are re-enrolled before they expire (identityRenewal.ts).
  const enroller = fabricCaEnrollerFor(config, identities);
  startIdentityRenewal({
    keystore: identities,
    enroller,
    onRenewed: (user) => logger.info({ user }, 'identity re-enrolled before its certificate expires'),
    onError: (user, err) => logger.warn({ user, err }, 'identity could not be re-enrolled; it is tried again in a minute'),
  });
  const rateLimiter = config.rateLimitPerMinute > 0 ? new RateLimiter(config.rateLimitPerMinute) : undefined;
  const addressLimiter = config.addressRateLimitPerMinute > 0 ? new RateLimiter(config.addressRateLimitPerMinute) : undefined;
  const publicLimiter = config.publicRateLimitPerMinute > 0 ? new RateLimiter(config.publicRateLimitPerMinute) : undefined;

  const peers = connectPeers(config.peers, readFileSync(config.tlsCaFile));
  const ledger = new FabricLedgerClient({
    channel: config.channel,
    peers,
    identities,
    deadlines: config.deadlines,
    probeUser: config.probeUser,
    logger,
  });
  // One store for every module that keeps state; each creates its own tables in it.
  const database = openDatabase(config.storeFile);
  // Writes are timed and their conflict retries counted like every other ledger call.
  const submitter = new WritePipeline({
    database,
    ledger: metrics ? new InstrumentedLedgerClient(ledger, metrics) : ledger,
    settings: config.submit,
    logger,
    onRetry: metrics ? (e) => metrics.recordRetry(e.reason.toLowerCase()) : undefined,
  });
  submitter.recover();
  // Chaincode events: the SSE stream and webhooks read blocks as the caller (or the subscription's owner).
  const eventSource = new FabricEventSource({ channel: config.channel, peers, identities, logger });
  const subscriptions = new SubscriptionStore(database);
  const targets = new WebhookTargets(config.webhookAllow);
  const dispatcher = new WebhookDispatcher({ store: subscriptions, source: eventSource, logger, targets });
  // The telemetry collector keeps readings in the same store and anchors them as its officer.
  const collector = config.telemetry
    ? new TelemetryCollector({ database, ledger, logger, orgName: config.org.name, settings: config.telemetry })
    : undefined;
  const app = createApp({
    settings: {
      readOnly: config.readOnly,
      bodyLimitBytes: config.bodyLimitBytes,
      orgName: config.org.name,
      mspId: config.org.mspId,
      channel: config.channel,
      publicUser: config.publicUser,
      consoleDir: config.consoleDir,
    },
    ledger,
    authenticators,
    submitter,
    logger,
    metrics,
    rateLimiter,
    addressLimiter,
    publicLimiter,
    events: { source: eventSource, chaincodes: config.chaincodes, subscriptions: { store: subscriptions, dispatcher, targets } },
    // Admin routes write new identities into the keystore the ledger reads, and their API keys into the key file.
    resources: [
      ...RESOURCES,
      budgetingResource({ nullifiers: NullifierKey.loadOrCreate(config.nullifierKeyFile) }),
      certificatesResource(peerCertificateReader(config.peers, readFileSync(config.tlsCaFile))),
      identitiesResource({ enroller, keystore: identities, apiKeys }),
      ...(collector ? [telemetryResource(collector)] : []),
    ],
  });

  // HTTPS only, /metrics included: the certificate comes from the org's TLS CA, like its peers'.
  const tls = { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) };
  // Slow or oversized clients are cut off (serverLimits.ts), with a coded problem where possible.
  const server = hardenServer(createServer({ ...tls, ...serverOptions() }, app));
  server.listen(config.listen.port, config.listen.host, () => {
    logger.info(
      { org: config.org.mspId, listen: `https://${config.listen.host}:${config.listen.port}`, peers: config.peers.map((p) => p.name), readOnly: config.readOnly, store: config.storeFile },
      'gateway listening',
    );
    dispatcher.start();
    collector?.start();
  });
  const metricsServer =
    metrics && metricsListen
      ? hardenServer(createServer({ ...tls, ...serverOptions() }, metricsApp(metrics, logger))).listen(metricsListen.port, metricsListen.host, () => {
          logger.info({ listen: `https://${metricsListen.host}:${metricsListen.port}` }, 'metrics listening');
        })
      : undefined;
  for (const listener of [server, metricsServer]) {
    listener?.on('error', (err) => {
      logger.fatal({ err }, 'cannot listen');
      process.exit(1);
    });
  }

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    metricsServer?.close();
    server.close(() => {
      void dispatcher
        .stop()
        .then(() => collector?.stop())
        .then(() => submitter.close())
        .then(() => ledger.close())
        .finally(() => {
          for (const peer of peers) peer.client.close();
          database.close();
          process.exit(0);
        });
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof IdentityError;
  console.error(`gateway-api: ${known ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
