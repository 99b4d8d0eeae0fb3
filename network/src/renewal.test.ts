import type { CertificateEntry } from './certificateInventory';
import { parseThreshold, renewalLines, renewalPlan, ThresholdError } from './renewal';

const now = new Date('2026-12-01T00:00:00Z');
const DAY = 86_400_000;
const entry = (kind: CertificateEntry['kind'], owner: string | undefined, days: number): CertificateEntry => ({
  kind,
  ...(owner === undefined ? {} : { owner }),
  path: `orgs/registry/${kind}/${owner ?? 'ca'}.pem`,
  subject: `CN=${owner ?? kind}`,
  notAfter: new Date(now.getTime() + days * DAY),
  daysLeft: days,
});

describe('parseThreshold', () => {
  it.each([
    ['30d', 30 * DAY],
    ['12h', 12 * 3_600_000],
    ['10m', 600_000],
    ['90s', 90_000],
  ])('reads %s', (text, ms) => expect(parseThreshold(text)).toBe(ms));

  it.each(['30', 'd', '1w', '-1d', '1.5h', ''])('refuses %p with a stable code', (text) => {
    expect(() => parseThreshold(text)).toThrow(ThresholdError);
    expect(() => parseThreshold(text)).toThrow(/like 30d/);
  });
});

describe('renewalPlan', () => {
  const inventory = [
    entry('node-tls', 'orderer0', 2),
    entry('node-enrolment', 'orderer0', 3),
    entry('node-tls', 'peer0', 40),
    entry('admin', 'admin', 5),
    entry('client-tls', 'admin', 5),
    entry('monitoring-tls', 'monitoring', 6),
    entry('registrar', 'ca', 1),
    entry('chaincode-server-tls', 'records', -1),
    entry('gateway-tls', undefined, 4),
    entry('tlsca-root', undefined, 10),
    entry('gateway-identity', 'permit-portal', 1),
  ];

  it('takes what expires within the threshold, expired included, one step per owner, registrars and clients first', () => {
    const plan = renewalPlan(inventory, parseThreshold('30d'), now);
    expect(plan.map((s) => `${s.action} ${s.owner}`)).toEqual([
      'registrar ca',
      'client admin',
      'monitoring-tls monitoring',
      'chaincode-tls records',
      'gateway-tls orgs/registry/gateway-tls/ca.pem',
      'node orderer0',
      'warn orgs/registry/gateway-identity/permit-portal.pem',
      'warn orgs/registry/tlsca-root/ca.pem',
    ]);
    // A node's step carries its soonest expiry (its TLS certificate's here).
    expect(plan.find((s) => s.owner === 'orderer0')?.notAfter).toEqual(new Date(now.getTime() + 2 * DAY));
  });

  it('leaves what expires later alone', () => {
    expect(renewalPlan(inventory, parseThreshold('1d'), now).map((s) => s.owner)).toEqual(['ca', 'records', 'orgs/registry/gateway-identity/permit-portal.pem']);
    expect(renewalPlan([entry('node-tls', 'peer0', 40)], parseThreshold('30d'), now)).toEqual([]);
  });

  it('prints one line per step for renew.sh', () => {
    expect(renewalLines(renewalPlan([entry('node-tls', 'peer0', 1)], parseThreshold('2d'), now))).toEqual(['node peer0 2026-12-02T00:00:00.000Z']);
  });
});
