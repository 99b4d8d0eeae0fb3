import { networkScript } from './support/network';

/**
 * Stops every node after the run unless CITY_LEDGER_KEEP_NETWORK=1 (handy
 * while developing: the next run then starts in seconds). Data stays.
 */
export default async function globalTeardown(): Promise<void> {
  if (process.env.CITY_LEDGER_KEEP_NETWORK === '1') return;
  await networkScript('down');
}
