/**
 * Which addresses a webhook may reach. Deliveries are requests the gateway makes on a
 * client's behalf from inside the city's network, so by default they may not go to loopback,
 * private (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), link-local (169.254/16,
 * fe80::/10, where cloud metadata services live), unspecified or multicast addresses. An
 * operator allow-lists exceptions with `CITY_GATEWAY_WEBHOOK_ALLOW` (host names and CIDRs).
 *
 * The URL is checked when a subscription is created (a literal address), and the RESOLVED
 * addresses before every delivery, so a name that later resolves to a forbidden address (DNS
 * rebinding) is refused too. Redirects are never followed (webhookDispatcher.ts).
 *
 * @example
 * ```ts
 * const targets = new WebhookTargets(parseAllowList('127.0.0.1,hooks.city.local'));
 * targets.urlProblem('https://10.0.0.5/h');                  // 'points at a private address (10.0.0.5) …'
 * await targets.deliveryProblem('https://tax.city.local/h');  // undefined, or why its address is refused
 * ```
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { webhookUrlProblem } from './webhookUrl';

/** Address ranges refused by default, with the word the refusal uses. */
const FORBIDDEN: readonly (readonly [string, number, 'ipv4' | 'ipv6', string])[] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'private (carrier-grade NAT)'],
  ['169.254.0.0', 16, 'ipv4', 'link-local (metadata)'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['fc00::', 7, 'ipv6', 'private'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

export const WEBHOOK_ALLOW_VARIABLE = 'CITY_GATEWAY_WEBHOOK_ALLOW';

/** An operator's exceptions: host names (exact, lower case) and address ranges. */
export interface WebhookAllowList {
  readonly hosts: readonly string[];
  /** `address/prefix` (a bare address is /32 or /128). */
  readonly cidrs: readonly string[];
}

/** Parses `127.0.0.1,10.1.0.0/16,hooks.city.local`; throws a RangeError naming a bad entry. */
export function parseAllowList(text: string | undefined): WebhookAllowList {
  const hosts: string[] = [];
  const cidrs: string[] = [];
  for (const entry of (text ?? '').split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '')) {
    const [address = '', prefix] = entry.replace(/^\[|\](?=\/|$)/g, '').split('/');
    const family = isIP(address);
    if (family === 0) {
      if (prefix !== undefined || !/^[a-z0-9.-]+$/.test(entry)) throw new RangeError(`${JSON.stringify(entry)} is neither a host name nor an address or CIDR`);
      hosts.push(entry);
      continue;
    }
    const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
    if (!/^\d+$/.test(prefix ?? '0') || bits > (family === 4 ? 32 : 128)) throw new RangeError(`${JSON.stringify(entry)} has a bad prefix length`);
    cidrs.push(`${address}/${bits}`);
  }
  return { hosts, cidrs };
}

export class WebhookTargets {
  private readonly forbidden = new Map<string, BlockList>();
  private readonly allowed = new BlockList();
  private readonly allowedHosts: ReadonlySet<string>;

  constructor(
    allow: WebhookAllowList = { hosts: [], cidrs: [] },
    /** All addresses of a host name; injectable for tests. */
    private readonly resolve: (host: string) => Promise<readonly string[]> = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address),
  ) {
    for (const [network, prefix, family, kind] of FORBIDDEN) {
      const list = this.forbidden.get(kind) ?? new BlockList();
      list.addSubnet(network, prefix, family);
      this.forbidden.set(kind, list);
    }
    for (const cidr of allow.cidrs) {
      const [address = '', bits] = cidr.split('/');
      this.allowed.addSubnet(address, Number(bits), isIP(address) === 4 ? 'ipv4' : 'ipv6');
    }
    this.allowedHosts = new Set(allow.hosts);
  }

  /** Why `url` may not be subscribed, or undefined: its form (webhookUrl.ts), then a literal address or `localhost`. */
  urlProblem(url: string): string | undefined {
    const form = webhookUrlProblem(url);
    if (form !== undefined) return form;
    const host = hostOf(url);
    if (this.allowedHosts.has(host)) return undefined;
    if (host === 'localhost' || host.endsWith('.localhost')) return this.refusal(host, '127.0.0.1');
    return isIP(host) !== 0 ? this.addressProblem(host, host) : undefined;
  }

  /** Why a delivery to `url` may not go out now, after resolving its host; undefined when it may. */
  async deliveryProblem(url: string): Promise<string | undefined> {
    const staticProblem = this.urlProblem(url);
    if (staticProblem !== undefined) return staticProblem;
    const host = hostOf(url);
    if (this.allowedHosts.has(host) || isIP(host) !== 0) return undefined;
    let addresses: readonly string[];
    try {
      addresses = await this.resolve(host);
    } catch (err) {
      return `cannot resolve ${host}: ${(err as { code?: string }).code ?? String(err)}`;
    }
    for (const address of addresses) {
      const problem = this.addressProblem(host, address);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }

  private addressProblem(host: string, address: string): string | undefined {
    const plain = unmapped(address);
    const family = isIP(plain) === 4 ? 'ipv4' : 'ipv6';
    if (this.allowed.check(plain, family)) return undefined;
    for (const [kind, list] of this.forbidden) {
      if (list.check(plain, family)) return this.refusal(host, plain, kind);
    }
    return undefined;
  }

  private refusal(host: string, address: string, kind = 'loopback'): string {
    const shown = host === address ? address : `${host} → ${address}`;
    return `points at a ${kind} address (${shown}); webhooks may not reach it unless the operator allows it in ${WEBHOOK_ALLOW_VARIABLE}`;
  }
}

/** The URL's host name, lower case, without IPv6 brackets. */
function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
}

/** `::ffff:10.0.0.1` (or `::ffff:a00:1`, as URL writes it) → `10.0.0.1`: an IPv4-mapped address reaches the IPv4 host. */
function unmapped(address: string): string {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted?.[1]) return dotted[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex?.[1] || !hex[2]) return address;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}
