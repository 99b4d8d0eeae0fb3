/**
 * Which gateway to call and as whom. By default the org's own gateway from its org file
 * (`https://localhost:<gatewayPort>`, its TLS CA from the runtime) and the API key `up.sh`
 * issued to the user (`<runtime>/gateway/<org>/keys/<user>.key`); `--gateway`, `--cacert` and
 * `CITY_LEDGER_API_KEY` point elsewhere, e.g. at a city's production gateway. The runtime and
 * org folders are the ones `network/print-env.sh` prints (declared once, in network/lib/common.sh).
 *
 * @example
 * ```ts
 * const target = gatewayTarget({ org: 'registry', user: 'clerk1' });   // { url, ca, apiKey }
 * ```
 */
import { loadConsortium, RuntimeLayout } from '@city-ledger/network';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ImportError } from './errors';
import type { GatewayTarget } from './gatewayClient';

export interface TargetOptions {
  readonly org: string;
  readonly user: string;
  readonly gateway?: string;
  readonly cacert?: string;
}

/** The runtime and org folders the network scripts use. */
export function networkFolders(): { runtime: string; orgs: string } {
  const script = path.resolve(__dirname, '..', '..', 'network', 'print-env.sh');
  let printed: string;
  try {
    printed = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    throw new ImportError('UNREADABLE', `cannot read the network settings from ${script}: ${(err as Error).message}`);
  }
  const setting = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(printed)?.[1];
  const runtime = setting('RUNTIME_DIR');
  const orgs = setting('ORGS_DIR');
  if (!runtime || !orgs) throw new ImportError('UNREADABLE', `${script} printed no RUNTIME_DIR or ORGS_DIR`);
  return { runtime, orgs };
}

function readSecret(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    throw new ImportError('UNREADABLE', `cannot read ${what} ${file}`);
  }
}

/** The gateway, its TLS root and the caller's API key. */
export function gatewayTarget(options: TargetOptions): GatewayTarget {
  const folders = networkFolders();
  const org = loadConsortium(folders.orgs).orgs.find((o) => o.key === options.org);
  if (!org) throw new ImportError('USAGE', `--org ${options.org} is not an org of ${folders.orgs}`);
  const layout = new RuntimeLayout(folders.runtime);
  const apiKey = process.env.CITY_LEDGER_API_KEY ?? readSecret(path.join(layout.gatewayDir(org), 'keys', `${options.user}.key`), `the API key of ${options.user}:`);
  return {
    url: options.gateway ?? `https://localhost:${org.gatewayPort}`,
    ca: Buffer.from(readSecret(options.cacert ?? layout.tlsCaFile(org), 'the TLS root')),
    apiKey,
  };
}
