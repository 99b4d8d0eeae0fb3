/**
 * Short-lived certificates, for a test runtime only: with `CITY_LEDGER_CERT_LIFETIME=4m` in the
 * environment of the scripts, each org's CAs sign enrolment and TLS certificates (the signing
 * profiles `default` and `tls`) that expire that long after they are issued, so that a test can
 * watch them expire. The CA roots and the CAs' own TLS certificates keep their long lives: only
 * what `renew` re-enrols is short-lived. Unset, Fabric CA's defaults stand (a year).
 *
 * Fabric CA backdates notBefore by five minutes but counts the expiry from the moment it signs,
 * so a `4m` certificate is usable for four minutes.
 *
 * @example
 * certificateLifetime({ CITY_LEDGER_CERT_LIFETIME: '4m' }); // '4m'
 * signingProfiles('4m').env; // { FABRIC_CA_SERVER_SIGNING_DEFAULT_EXPIRY: '4m', FABRIC_CA_SERVER_SIGNING_PROFILES_TLS_EXPIRY: '4m' }
 */
import type { EnvSection } from './nodeEnvironments';

export const CERT_LIFETIME_ENV = 'CITY_LEDGER_CERT_LIFETIME';

/** A Go duration of whole seconds, minutes or hours, as Fabric CA's `expiry` reads it. */
const LIFETIME = /^[1-9][0-9]*[smh]$/;

/** The lifetime set in `env`, or undefined; anything but `<n>s|m|h` is an error naming the variable. */
export function certificateLifetime(env: NodeJS.ProcessEnv): string | undefined {
  const value = env[CERT_LIFETIME_ENV];
  if (value === undefined || value === '') return undefined;
  if (!LIFETIME.test(value)) throw new Error(`${CERT_LIFETIME_ENV} must be a duration like 4m, 90s or 2h, got '${value}'`);
  return value;
}

/** The CA settings that make its enrolment and TLS profiles sign certificates of that lifetime. */
export function signingProfiles(lifetime: string): EnvSection {
  return {
    why: `${CERT_LIFETIME_ENV} (a test runtime): enrolment and TLS certificates expire after ${lifetime}.`,
    env: { FABRIC_CA_SERVER_SIGNING_DEFAULT_EXPIRY: lifetime, FABRIC_CA_SERVER_SIGNING_PROFILES_TLS_EXPIRY: lifetime },
  };
}
