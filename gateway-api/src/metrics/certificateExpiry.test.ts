import { Registry } from 'prom-client';
import { CERTIFICATE_EXPIRY_METRIC, watchCertificateExpiry } from './certificateExpiry';

describe('city_certificate_expiry_seconds', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');

  it('exposes the seconds until the soonest expiry, labelled by org, read again at each scrape', async () => {
    const registry = new Registry();
    let soonest: Date | undefined = new Date(now + 86_400_000);
    watchCertificateExpiry(registry, 'registry', () => soonest, { now: () => now });
    expect(await registry.metrics()).toContain(`${CERTIFICATE_EXPIRY_METRIC}{org="registry"} 86400`);

    soonest = new Date(now - 60_000); // expired a minute ago
    expect(await registry.metrics()).toContain(`${CERTIFICATE_EXPIRY_METRIC}{org="registry"} -60`);
  });

  it('leaves the sample out when there is no certificate, or reading fails, and says why', async () => {
    const registry = new Registry();
    const errors: string[] = [];
    let soonest: () => Date | undefined = () => undefined;
    watchCertificateExpiry(registry, 'registry', () => soonest(), { now: () => now, onError: (err) => errors.push(err.message) });
    expect(await registry.metrics()).not.toContain('org="registry"');

    soonest = () => new Date(now + 1000);
    expect(await registry.metrics()).toContain('org="registry"} 1');
    soonest = () => {
      throw new Error('cert.pem is not a readable certificate');
    };
    expect(await registry.metrics()).not.toContain('org="registry"');
    expect(errors).toEqual(['cert.pem is not a readable certificate']);
  });
});
