import { FOUNDING_CONSORTIUM, Msp } from '@city-ledger/chaincode-common/testing';
import { useConsortium } from '@city-ledger/chaincode-common';
// Fixtures first: they load the FakeLedger, which quiets fabric-contract-api logging.
import { citizens, newLedger, personalData, registerCitizen, who } from './testing/fixtures';
import { privateDataHash, sha256Hex, toBytes } from '@city-ledger/chaincode-common';
import type { FakeCaller, FakeLedger } from '@city-ledger/chaincode-common/testing';
import { citizenKey, type Citizen } from './citizen';
/** The founding departments' citizen collections (chaincode/chaincodes.yaml: `{department}Citizens`). */
const CitizenCollection = { Registry: 'registryCitizens', Health: 'healthCitizens', PublicWorks: 'publicWorksCitizens' } as const;

const keyOf = (ledger: FakeLedger, id: string): string => citizenKey(ledger.context(who.auditor), id);

describe('registerCitizen', () => {
  it.each([
    [who.registryClerk, CitizenCollection.Registry],
    [who.registryRegistrar, CitizenCollection.Registry],
    [who.healthOfficer, CitizenCollection.Health],
    [who.publicWorksOfficer, CitizenCollection.PublicWorks],
  ])('stores the public record and the personal data in the department collection (%o)', async (caller, collection) => {
    const ledger = newLedger();
    const { result, event } = await ledger.invoke<Citizen>(citizens, 'registerCitizen', caller, ['CIT-1'], {
      citizen: personalData(),
    });
    const key = keyOf(ledger, 'CIT-1');
    const stored = { citizenId: 'CIT-1', ...personalData() };
    expect(ledger.getPrivateJson(collection, key)).toEqual(stored);
    for (const other of Object.values(CitizenCollection).filter((c) => c !== collection)) {
      expect(ledger.getPrivateJson(other, key)).toBeUndefined();
    }
    const expected = {
      id: 'CIT-1',
      department: caller.msp,
      status: 'ACTIVE',
      registeredAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
      dataHash: sha256Hex(toBytes(stored)),
    };
    expect(result).toEqual(expected);
    expect(ledger.getJson(key)).toEqual(expected);
    // The public hash is Fabric's own hash of the private value.
    const fabricHash = await ledger.transact(who.auditor, (ctx) => privateDataHash(ctx, collection, key));
    expect(fabricHash).toBe(expected.dataHash);
    expect(event).toEqual({
      txId: expect.any(String),
      name: 'citizen.registered',
      payload: { citizenId: 'CIT-1', department: caller.msp, dataHash: expected.dataHash, at: expected.registeredAt },
    });
    // No personal data in public state or the event.
    const publicText = JSON.stringify([ledger.getJson(key), ledger.events]);
    for (const value of Object.values(personalData())) {
      expect(publicText).not.toContain(String(value));
    }
  });

  it.each([
    ['the Auditor', who.auditor, /^FORBIDDEN: regulators are read-only/],
    ['a caller without role', who.registryNoRole, /^FORBIDDEN: caller has no city.role/],
    ['an inspector', who.publicWorksInspector, /^FORBIDDEN: role inspector/],
    ['an unknown org', { msp: 'OtherMSP', role: 'clerk' }, /^FORBIDDEN: organization OtherMSP/],
  ])('refuses %s', async (_name, caller: FakeCaller, message) => {
    const ledger = newLedger();
    const before = ledger.snapshot();
    await expect(
      ledger.invoke(citizens, 'registerCitizen', caller, ['CIT-1'], { citizen: personalData() }),
    ).rejects.toThrow(message);
    expect(ledger.snapshot()).toBe(before);
  });

  it.each([
    ['a bad citizenId', 'a b', { citizen: personalData() }, 'citizenId'],
    ['no transient data', 'CIT-2', undefined, 'transient field citizen'],
    ['transient data that is not JSON', 'CIT-2', { citizen: '{' }, 'citizen'],
    ['an unknown personal field', 'CIT-2', { citizen: personalData({ ssn: '1' }) }, 'citizen.ssn'],
    ['a missing given name', 'CIT-2', { citizen: personalData({ givenName: undefined }) }, 'citizen.givenName'],
    ['a short salt', 'CIT-2', { citizen: personalData({ salt: 'short' }) }, 'citizen.salt'],
    ['an impossible birth date', 'CIT-2', { citizen: personalData({ dateOfBirth: '1990-02-30' }) }, 'citizen.dateOfBirth'],
    ['a birth date with time', 'CIT-2', { citizen: personalData({ dateOfBirth: '1990-02-01T00' }) }, 'citizen.dateOfBirth'],
    ['a future birth date', 'CIT-2', { citizen: personalData({ dateOfBirth: '2025-01-02' }) }, 'citizen.dateOfBirth'],
    ['control characters', 'CIT-2', { citizen: personalData({ address: 'a\u0000b' }) }, 'citizen.address'],
  ])('rejects %s with INVALID_ARGUMENT and changes nothing', async (_name, id, transient, field) => {
    const ledger = newLedger();
    await registerCitizen(ledger, 'CIT-1');
    const before = ledger.snapshot();
    const events = ledger.events.length;
    await expect(ledger.invoke(citizens, 'registerCitizen', who.registryClerk, [id], transient)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining(`INVALID_ARGUMENT: ${field}`),
    });
    expect(ledger.snapshot()).toBe(before);
    expect(ledger.events).toHaveLength(events);
  });

  it('refuses a second registration of the same ID, from any department', async () => {
    const ledger = newLedger();
    await registerCitizen(ledger, 'CIT-1');
    const before = ledger.snapshot();
    await expect(registerCitizen(ledger, 'CIT-1', who.healthOfficer)).rejects.toThrow(
      'CONFLICT: citizen CIT-1 already exists',
    );
    expect(ledger.snapshot()).toBe(before);
  });
});

describe('deactivateCitizen', () => {
  it('marks the citizen INACTIVE and purges the personal data', async () => {
    const ledger = newLedger();
    await registerCitizen(ledger, 'CIT-1');
    const { result, event } = await ledger.invoke<Citizen>(citizens, 'deactivateCitizen', who.registryRegistrar, ['CIT-1']);
    expect(result).toMatchObject({ id: 'CIT-1', status: 'INACTIVE', updatedAt: '2025-01-01T00:00:01.000Z' });
    expect(ledger.getJson(keyOf(ledger, 'CIT-1'))).toEqual(result);
    expect(ledger.getPrivateJson(CitizenCollection.Registry, keyOf(ledger, 'CIT-1'))).toBeUndefined();
    expect(event?.name).toBe('citizen.deactivated');
    expect(event?.payload).toEqual({ citizenId: 'CIT-1', department: Msp.Registry, at: '2025-01-01T00:00:01.000Z' });
  });

  it.each([
    ['another department', who.healthOfficer, 'CIT-1', /^FORBIDDEN: organization HealthMSP/],
    ['the Auditor', who.auditor, 'CIT-1', /^FORBIDDEN: regulators/],
    ['a caller without role', who.registryNoRole, 'CIT-1', /^FORBIDDEN: caller has no/],
    ['an unknown citizen', who.registryClerk, 'CIT-9', 'NOT_FOUND: citizen CIT-9 does not exist'],
    ['a bad ID', who.registryClerk, '', /^INVALID_ARGUMENT: citizenId/],
  ])('refuses %s', async (_name, caller: FakeCaller, id, message) => {
    const ledger = newLedger();
    await registerCitizen(ledger, 'CIT-1');
    const before = ledger.snapshot();
    await expect(ledger.invoke(citizens, 'deactivateCitizen', caller, [id])).rejects.toThrow(message);
    expect(ledger.snapshot()).toBe(before);
  });

  it('is final: a second deactivation is FAILED_PRECONDITION', async () => {
    const ledger = newLedger();
    await registerCitizen(ledger, 'CIT-1');
    await ledger.invoke(citizens, 'deactivateCitizen', who.registryClerk, ['CIT-1']);
    const before = ledger.snapshot();
    await expect(ledger.invoke(citizens, 'deactivateCitizen', who.registryClerk, ['CIT-1'])).rejects.toThrow(
      'FAILED_PRECONDITION: citizen CIT-1 is INACTIVE',
    );
    expect(ledger.snapshot()).toBe(before);
  });
});

describe('getCitizen', () => {
  it('returns the public record to anyone, including the Auditor', async () => {
    const ledger = newLedger();
    await registerCitizen(ledger, 'CIT-1');
    const { result } = await ledger.evaluate<Citizen>(citizens, 'getCitizen', who.auditor, ['CIT-1']);
    expect(result).toMatchObject({ id: 'CIT-1', department: Msp.Registry, status: 'ACTIVE' });
    expect(result).not.toHaveProperty('givenName');
  });

  it('answers NOT_FOUND and INVALID_ARGUMENT', async () => {
    const ledger = newLedger();
    await expect(ledger.evaluate(citizens, 'getCitizen', who.auditor, ['CIT-9'])).rejects.toThrow(
      'NOT_FOUND: citizen CIT-9 does not exist',
    );
    await expect(ledger.evaluate(citizens, 'getCitizen', who.auditor, ['x y'])).rejects.toThrow(/^INVALID_ARGUMENT/);
  });
});

describe('readCitizenPrivate', () => {
  it.each([
    [who.registryClerk, who.registryNoRole],
    [who.healthOfficer, who.healthRegistrar],
    [who.publicWorksOfficer, who.publicWorksInspector],
  ])('returns the personal data to members of the registering department', async (registrar, reader) => {
    const ledger = newLedger();
    await registerCitizen(ledger, 'CIT-1', registrar);
    const { result } = await ledger.evaluate(citizens, 'readCitizenPrivate', reader, ['CIT-1']);
    expect(result).toEqual({ citizenId: 'CIT-1', ...personalData() });
  });

  // Every private read function, every org that is not a member of the collection.
  const privateReads = ['readCitizenPrivate'];
  const cases = privateReads.flatMap((fn) =>
    [
      [who.registryClerk, [who.healthOfficer, who.publicWorksOfficer, who.auditor]],
      [who.healthOfficer, [who.registryRegistrar, who.publicWorksOfficer, who.auditor]],
      [who.publicWorksOfficer, [who.registryClerk, who.healthOfficer, who.auditor]],
    ].flatMap(([registrar, readers]) =>
      (readers as FakeCaller[]).map((reader) => [fn, (registrar as FakeCaller).msp, reader.msp, registrar, reader] as const),
    ),
  );
  it.each(cases)('%s: data of %s is FORBIDDEN to %s', async (fn, _owner, _reader, registrar, reader) => {
    const ledger = newLedger();
    await registerCitizen(ledger, 'CIT-1', registrar as FakeCaller);
    await expect(ledger.evaluate(citizens, fn, reader as FakeCaller, ['CIT-1'])).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('is FORBIDDEN to the Auditor even before looking anything up', async () => {
    await expect(newLedger().evaluate(citizens, 'readCitizenPrivate', who.auditor, ['nope nope'])).rejects.toThrow(
      'FORBIDDEN: organization AuditorMSP is a member of no citizen collection',
    );
  });

  it('serves a departed department\'s citizens to nobody: its collection is owned by no one', async () => {
    const ledger = newLedger();
    await registerCitizen(ledger, 'CIT-1', who.healthOfficer);
    // Health leaves: its citizen collection stays (Fabric never drops one), retired, with the
    // remaining departments as members, as network/src/collections.ts generates it.
    useConsortium({
      orgs: FOUNDING_CONSORTIUM.orgs.filter((o) => o.mspId !== Msp.Health),
      collections: { ...FOUNDING_CONSORTIUM.collections, healthCitizens: { members: [Msp.Registry, Msp.PublicWorks] } },
    });
    try {
      await expect(ledger.evaluate(citizens, 'readCitizenPrivate', who.registryClerk, ['CIT-1'])).rejects.toThrow(
        'FORBIDDEN: citizen CIT-1 was registered by HealthMSP, which is no longer a department of the consortium',
      );
    } finally {
      useConsortium(FOUNDING_CONSORTIUM);
    }
  });

  it('answers NOT_FOUND for unknown citizens and purged data, INVALID_ARGUMENT for bad IDs', async () => {
    const ledger = newLedger();
    await registerCitizen(ledger, 'CIT-1');
    await ledger.invoke(citizens, 'deactivateCitizen', who.registryClerk, ['CIT-1']);
    await expect(ledger.evaluate(citizens, 'readCitizenPrivate', who.registryClerk, ['CIT-1'])).rejects.toThrow(
      'NOT_FOUND: personal data of citizen CIT-1 does not exist',
    );
    await expect(ledger.evaluate(citizens, 'readCitizenPrivate', who.registryClerk, ['CIT-2'])).rejects.toThrow(
      'NOT_FOUND: citizen CIT-2 does not exist',
    );
    await expect(ledger.evaluate(citizens, 'readCitizenPrivate', who.registryClerk, [''])).rejects.toThrow(
      /^INVALID_ARGUMENT: citizenId/,
    );
  });
});
