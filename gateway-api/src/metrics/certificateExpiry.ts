/**
 * `city_certificate_expiry_seconds{org}`: seconds until the soonest expiry among the
 * certificates the gateway holds (its org's CA roots, its TLS certificate, its registrar, the
 * identities in its keystore). Read from disk at each scrape, so a renewal shows at once;
 * negative once a certificate has expired. When the files cannot be read the sample is left
 * out (alert on `absent(...)` too) and `onError` hears why.
 *
 * @example
 * ```ts
 * watchCertificateExpiry(metrics.registry, 'registry', () => soonestExpiry(gatewayCertificateFiles(layout, org, tlsCert)));
 * // city_certificate_expiry_seconds{org="registry"} 31535999.2
 * ```
 */
import { Gauge, type Registry } from 'prom-client';

export const CERTIFICATE_EXPIRY_METRIC = 'city_certificate_expiry_seconds';

export interface CertificateExpiryOptions {
  readonly now?: () => number;
  readonly onError?: (err: Error) => void;
}

export function watchCertificateExpiry(registry: Registry, org: string, soonest: () => Date | undefined, options: CertificateExpiryOptions = {}): Gauge<'org'> {
  const { now = Date.now, onError } = options;
  return new Gauge({
    name: CERTIFICATE_EXPIRY_METRIC,
    help: "Seconds until the soonest expiry among the certificates this gateway's org holds and the gateway reads",
    labelNames: ['org'],
    registers: [registry],
    collect() {
      this.reset();
      let at: Date | undefined;
      try {
        at = soonest();
      } catch (err) {
        onError?.(err as Error);
        return;
      }
      if (at) this.set({ org }, (at.getTime() - now()) / 1000);
    },
  });
}
