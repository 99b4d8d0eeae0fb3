import { Msp } from '@city-ledger/chaincode-common/testing';
// Key-level endorsement: which department's peer must endorse the next change of each key.
// Fixtures first: they load the FakeLedger, which quiets fabric-contract-api logging.
import { citizens, credentialDoc, credentials, issue, newLedger, registerCitizen, who } from './testing/fixtures';
import type { FakeLedger } from '@city-ledger/chaincode-common/testing';

/** A composite key in the stub's format. */
function key(ledger: FakeLedger, objectType: string, ...attrs: string[]): string {
  return ledger.context(who.auditor).stub.createCompositeKey(objectType, attrs);
}

describe('citizens', () => {
  it('ties a citizen record to the registering department, before and after deactivation', async () => {
    const ledger = newLedger();
    await registerCitizen(ledger, 'CIT-R');
    await registerCitizen(ledger, 'CIT-H', who.healthOfficer);
    expect(ledger.keyEndorsers(key(ledger, 'citizen', 'CIT-R'))).toEqual([Msp.Registry]);
    expect(ledger.keyEndorsers(key(ledger, 'citizen', 'CIT-H'))).toEqual([Msp.Health]);

    await ledger.invoke(citizens, 'deactivateCitizen', who.healthOfficer, ['CIT-H']);
    expect(ledger.keyEndorsers(key(ledger, 'citizen', 'CIT-H'))).toEqual([Msp.Health]);
  });

  it('sets nothing when the registration fails', async () => {
    const ledger = newLedger();
    await expect(ledger.invoke(citizens, 'registerCitizen', who.registryClerk, ['CIT-X'])).rejects.toThrow(/INVALID_ARGUMENT/);
    expect(ledger.keyEndorsers(key(ledger, 'citizen', 'CIT-X'))).toBeUndefined();
  });
});

describe('credentials and status lists', () => {
  async function setup(): Promise<FakeLedger> {
    const ledger = newLedger();
    await registerCitizen(ledger, 'CIT-1');
    return ledger;
  }

  it('ties a credential, its status-list index claim and lists to the issuer org', async () => {
    const ledger = await setup();
    await issue(ledger, credentialDoc('contractorLicence', 'CRED-PW'));
    await issue(ledger, credentialDoc('residency', 'CRED-R'));
    expect(ledger.keyEndorsers(key(ledger, 'credential', 'CRED-PW'))).toEqual([Msp.PublicWorks]);
    expect(ledger.keyEndorsers(key(ledger, 'credential', 'CRED-R'))).toEqual([Msp.Registry]);
    const claim = (msp: string, id: string) => key(ledger, 'statusIndex', msp, String(ledger.getJson<{ statusListIndex: number }>(key(ledger, 'credential', id))?.statusListIndex));
    expect(ledger.keyEndorsers(claim(Msp.PublicWorks, 'CRED-PW'))).toEqual([Msp.PublicWorks]);
    expect(ledger.keyEndorsers(claim(Msp.Registry, 'CRED-R'))).toEqual([Msp.Registry]);
    // The subject index entry is written once and never changed: no key-level policy.
    expect(ledger.keyEndorsers(key(ledger, 'credential~subject', 'CIT-1', 'CRED-R'))).toBeUndefined();
    // Lists are written on the first bit change.
    expect(ledger.keyEndorsers(key(ledger, 'statusList', Msp.PublicWorks, 'suspension'))).toBeUndefined();
  });

  it('keeps the issuer as the only endorser through suspend, reinstate and revoke', async () => {
    const ledger = await setup();
    await issue(ledger, credentialDoc('contractorLicence', 'CRED-PW'));
    const credentialKey = key(ledger, 'credential', 'CRED-PW');
    const suspension = key(ledger, 'statusList', Msp.PublicWorks, 'suspension');
    const revocation = key(ledger, 'statusList', Msp.PublicWorks, 'revocation');

    await ledger.invoke(credentials, 'suspendCredential', who.publicWorksOfficer, ['CRED-PW']);
    expect(ledger.keyEndorsers(credentialKey)).toEqual([Msp.PublicWorks]);
    expect(ledger.keyEndorsers(suspension)).toEqual([Msp.PublicWorks]);
    expect(ledger.keyEndorsers(revocation)).toBeUndefined();

    await ledger.invoke(credentials, 'reinstateCredential', who.publicWorksOfficer, ['CRED-PW']);
    await ledger.invoke(credentials, 'revokeCredential', who.publicWorksOfficer, ['CRED-PW']);
    expect(ledger.keyEndorsers(credentialKey)).toEqual([Msp.PublicWorks]);
    expect(ledger.keyEndorsers(suspension)).toEqual([Msp.PublicWorks]);
    expect(ledger.keyEndorsers(revocation)).toEqual([Msp.PublicWorks]);
  });

  it('changes no policy when another org tries to change the status', async () => {
    const ledger = await setup();
    await issue(ledger, credentialDoc('contractorLicence', 'CRED-PW'));
    const before = ledger.snapshot();
    await expect(ledger.invoke(credentials, 'revokeCredential', who.registryRegistrar, ['CRED-PW'])).rejects.toThrow(/FORBIDDEN/);
    expect(ledger.snapshot()).toBe(before);
  });
});
