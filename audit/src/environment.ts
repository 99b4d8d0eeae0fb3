/**
 * Finds the network the way the Bash scripts do: `network/print-env.sh` prints the runtime
 * folder, the org files' folder and the channel (honouring CITY_LEDGER_RUNTIME and
 * CITY_LEDGER_ORGS), so these are declared once, in network/lib/common.sh.
 *
 * @example
 * ```ts
 * const env = networkEnvironment(); // { consortium, layout, channel: 'city' }
 * ```
 */
import { loadConsortium, RuntimeLayout } from '@city-ledger/network';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { AuditError } from './errors';
import { AuditEnvironment } from './peerSession';

const PRINT_ENV = path.resolve(__dirname, '..', '..', 'network', 'print-env.sh');

export function networkEnvironment(): AuditEnvironment {
  let vars: Map<string, string>;
  try {
    const out = execFileSync('bash', [PRINT_ENV], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    vars = new Map(out.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? '').trim();
    throw new AuditError('UNAVAILABLE', `cannot read the network's settings (${PRINT_ENV}): ${stderr || (err as Error).message}`);
  }
  const [runtime, orgs, channel] = ['RUNTIME_DIR', 'ORGS_DIR', 'CHANNEL_NAME'].map((name) => vars.get(name));
  if (!runtime || !orgs || !channel) throw new AuditError('UNAVAILABLE', `${PRINT_ENV} did not print RUNTIME_DIR, ORGS_DIR and CHANNEL_NAME`);
  try {
    return { consortium: loadConsortium(orgs), layout: new RuntimeLayout(runtime), channel };
  } catch (err) {
    throw new AuditError('UNREADABLE', (err as Error).message);
  }
}
