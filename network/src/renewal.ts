/**
 * What `renew` (network/renew.sh) re-enrols for one org: every certificate of the org's
 * inventory ({@link certificateInventory}) that expires within the threshold, grouped by what
 * re-enrols it and restarts with it. The CA roots and the CAs' own TLS certificates are not
 * re-enrolled (a root is replaced by a channel config update of the org's MSP, not by its CA);
 * they are listed as `warn` lines, as are identities the gateway enrolled, which the gateway
 * re-enrols itself (gateway-api/src/identities).
 *
 * @example
 * renewalPlan(certificateInventory(layout, registry), parseThreshold('30d'));
 * // [{ action: 'node', owner: 'peer0', notAfter: 2026-12-01T00:04:00.000Z }, { action: 'client', owner: 'admin', ... }]
 * renewalLines(plan); // ['node peer0 2026-12-01T00:04:00.000Z', 'client admin 2026-12-01T00:04:00.000Z']
 */
import type { CertificateEntry, CertificateKind } from './certificateInventory';

/** How renew.sh re-enrols a certificate; `warn` is for those it leaves alone. */
export type RenewalAction = 'registrar' | 'client' | 'monitoring-tls' | 'node' | 'gateway-tls' | 'chaincode-tls' | 'warn';

const ACTIONS: Record<CertificateKind, RenewalAction> = {
  'ca-root': 'warn',
  'tlsca-root': 'warn',
  'ca-server-tls': 'warn',
  'gateway-identity': 'warn',
  registrar: 'registrar',
  admin: 'client',
  user: 'client',
  'client-tls': 'client',
  'monitoring-tls': 'monitoring-tls',
  'node-enrolment': 'node',
  'node-tls': 'node',
  'gateway-tls': 'gateway-tls',
  'chaincode-server-tls': 'chaincode-tls',
};

/** The order renew.sh works in: registrars and the admin before what their signatures change. */
const ORDER: readonly RenewalAction[] = ['registrar', 'client', 'monitoring-tls', 'chaincode-tls', 'gateway-tls', 'node', 'warn'];

export interface RenewalStep {
  readonly action: RenewalAction;
  /** The node, client, registrar or chaincode; for `warn`, the certificate's path. */
  readonly owner: string;
  /** The soonest expiry among the step's certificates. */
  readonly notAfter: Date;
}

/** A threshold that does not parse: the message says what would. */
export class ThresholdError extends Error {
  readonly code = 'BAD_THRESHOLD';
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `30d`, `12h`, `10m` or `90s`, in milliseconds. */
export function parseThreshold(text: string): number {
  const match = /^([0-9]+)([smhd])$/.exec(text);
  if (!match) throw new ThresholdError(`BAD_THRESHOLD: a threshold is a number and a unit (s, m, h or d), like 30d; got '${text}'`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** One step per node, client, registrar or chaincode whose certificates expire before now + within. */
export function renewalPlan(entries: readonly CertificateEntry[], withinMs: number, now = new Date()): RenewalStep[] {
  const deadline = now.getTime() + withinMs;
  const steps = new Map<string, RenewalStep>();
  for (const entry of entries) {
    if (entry.notAfter.getTime() > deadline) continue;
    const action = ACTIONS[entry.kind];
    const owner = action === 'warn' || entry.owner === undefined ? entry.path : entry.owner;
    const key = `${action} ${owner}`;
    const known = steps.get(key);
    if (!known || entry.notAfter < known.notAfter) steps.set(key, { action, owner, notAfter: entry.notAfter });
  }
  return [...steps.values()].sort((a, b) => ORDER.indexOf(a.action) - ORDER.indexOf(b.action) || a.notAfter.getTime() - b.notAfter.getTime() || a.owner.localeCompare(b.owner));
}

/** `ACTION OWNER NOT_AFTER` lines, for renew.sh to read. */
export function renewalLines(plan: readonly RenewalStep[]): string[] {
  return plan.map((step) => `${step.action} ${step.owner} ${step.notAfter.toISOString()}`);
}
