import { networkScript } from './support/network';

/**
 * Brings the shared network up once for every integration test file. `up` is
 * idempotent: on a network that is already running it only checks health.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  await networkScript('up');
  process.stdout.write(`\nnetwork up for integration tests in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
}
