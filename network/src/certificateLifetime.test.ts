import { certificateLifetime, signingProfiles } from './certificateLifetime';

describe('certificateLifetime', () => {
  it('is unset unless the variable is', () => {
    expect(certificateLifetime({})).toBeUndefined();
    expect(certificateLifetime({ CITY_LEDGER_CERT_LIFETIME: '' })).toBeUndefined();
  });

  it.each(['4m', '90s', '2h'])('takes %s', (value) => expect(certificateLifetime({ CITY_LEDGER_CERT_LIFETIME: value })).toBe(value));

  it.each(['4', '0m', '4 m', '1d', '-4m'])('refuses %p, naming the variable', (value) => {
    expect(() => certificateLifetime({ CITY_LEDGER_CERT_LIFETIME: value })).toThrow(/CITY_LEDGER_CERT_LIFETIME must be a duration/);
  });

  it("sets the CA's enrolment and TLS signing profiles", () => {
    expect(signingProfiles('4m').env).toEqual({ FABRIC_CA_SERVER_SIGNING_DEFAULT_EXPIRY: '4m', FABRIC_CA_SERVER_SIGNING_PROFILES_TLS_EXPIRY: '4m' });
  });
});
