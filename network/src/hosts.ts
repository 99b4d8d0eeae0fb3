import { isIP } from 'node:net';

/**
 * Where a node runs: the `host` an org file gives it (a DNS name or an IPv4 address). From it
 * come the address the node listens on, the endpoint others dial and the names in its TLS
 * certificate. Without one, a node runs on this machine's loopback, as the single-machine
 * network does.
 *
 * @example
 * endpoint('10.0.3.2', 7051);                       // '10.0.3.2:7051'
 * listenHost('peer0.registry.city.example');        // '0.0.0.0'
 * tlsHosts('10.0.3.2', 'peer0.registry.city.local'); // ['10.0.3.2', '127.0.0.1', 'localhost', 'peer0.registry.city.local']
 */
export const DEFAULT_HOST = '127.0.0.1';

const LOOPBACK = '127.0.0.1';
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Why a value cannot be a host, or undefined when it can. */
export function hostProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return `must be a DNS name or an IPv4 address, got ${JSON.stringify(value)}`;
  if (isIP(value) === 6) return `must be a DNS name or an IPv4 address (IPv6 is not supported), got ${JSON.stringify(value)}`;
  if (isIP(value) === 4) return value === '0.0.0.0' ? 'must be an address others can dial, not 0.0.0.0' : undefined;
  if (/^[0-9.]+$/.test(value)) return `must be a DNS name or an IPv4 address, got ${JSON.stringify(value)}`;
  if (value.length > 253 || !value.split('.').every((label) => DNS_LABEL.test(label))) {
    return `must be a DNS name or an IPv4 address, got ${JSON.stringify(value)}`;
  }
  return undefined;
}

/**
 * The address a node binds: its own address, or every interface for a DNS name (which may
 * resolve, from others, to an address the machine does not hold, behind NAT for one).
 */
export function listenHost(host: string): string {
  if (host === 'localhost') return LOOPBACK;
  return isIP(host) === 4 ? host : '0.0.0.0';
}

/** What others dial: `host:port`. */
export function endpoint(host: string, port: number): string {
  return `${host}:${port}`;
}

/**
 * The names a node's TLS server certificate holds: its host, loopback (local tools and health
 * checks on its machine) and its name in the consortium (`peer0.registry.city.local`), which
 * clients give as the TLS server name.
 */
export function tlsHosts(host: string, name?: string): string[] {
  return [...new Set([host, LOOPBACK, 'localhost', ...(name === undefined ? [] : [name])])];
}

/** The same names as X.509 subject alternative names: `IP:127.0.0.1`, `DNS:localhost`. */
export function subjectAltNames(hosts: readonly string[]): string {
  return hosts.map((h) => (isIP(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
}
