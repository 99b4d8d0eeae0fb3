#!/usr/bin/env node
/**
 * Starts one department's gateway: `CITY_GATEWAY_ORG=registry node gateway-api/dist/main.js`.
 * See config.ts for every variable. Any configuration problem (a bad variable, a missing key
 * file, an identity that is not enrolled or whose key is readable by others) is printed and
 * the process exits with status 1 before anything listens.
 */
import { readFileSync } from 'node:fs';
import { createApp } from './app';
import { ApiKeyAuthenticator } from './auth/apiKeys';
import { ConfigError, loadConfig } from './config';
import { connectPeers } from './fabric/connections';
import { FabricLedgerClient } from './fabric/fabricLedgerClient';
import { FileKeystore } from './identities/fileKeystore';
import { IdentityError } from './identities/identityStore';
import { createLogger } from './logger';
import { openDatabase } from './store/database';
import { Submitter } from './submit/submitter';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const apiKeys = ApiKeyAuthenticator.fromFile(config.apiKeysFile);
  const identities = new FileKeystore({ mspId: config.org.mspId, clientDir: (user) => config.layout.clientDir(config.org, user) });
  // Fail now, not on the first request, if a principal's identity is missing or unsafe.
  for (const user of new Set([...apiKeys.users(), config.probeUser])) await identities.get(user);

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
  const submitter = new Submitter({ database, ledger, settings: config.submit, logger });
  submitter.recover();
  const app = createApp({
    settings: { readOnly: config.readOnly, bodyLimitBytes: config.bodyLimitBytes, orgName: config.org.name, mspId: config.org.mspId },
    ledger,
    authenticators: [apiKeys],
    submitter,
    logger,
  });

  const server = app.listen(config.listen.port, config.listen.host, () => {
    logger.info(
      { org: config.org.mspId, listen: `${config.listen.host}:${config.listen.port}`, peers: config.peers.map((p) => p.name), readOnly: config.readOnly, store: config.storeFile },
      'gateway listening',
    );
  });
  server.on('error', (err) => {
    logger.fatal({ err }, 'cannot listen');
    process.exit(1);
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close(() => {
      void submitter
        .close()
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
