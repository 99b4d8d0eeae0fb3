/**
 * Each domain's main flow over HTTPS, through the gateways `up` started: every call goes to an
 * org's own gateway with one of its org-file users' API keys, so the chaincode sees the real
 * caller. Private fields must never reach a non-member, and the Auditor reads what departments
 * wrote through its own read-only gateway.
 */
import { Msp } from '@city-ledger/chaincode-common/testing';
import { randomBytes } from 'node:crypto';
import { gatewayAs, type GatewayResponse } from './support/http';

// The ledger is shared across runs, so every ID carries this run's suffix.
const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

const registryClerk = gatewayAs('registry', 'clerk1');
const registryRegistrar = gatewayAs('registry', 'registrar1');
const healthOfficer = gatewayAs('health', 'officer1');
const worksOfficer = gatewayAs('publicworks', 'officer1');
const worksInspector = gatewayAs('publicworks', 'inspector1');
const auditor = gatewayAs('auditor', 'auditor1');

/** Asserts a committed write: its status, the transaction, and returns the chaincode's result. */
function committed(res: GatewayResponse, status: number) {
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { txId: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  expect(res.body.blockNumber).toBeGreaterThan(0);
  return res.body.result;
}

/** Asserts none of `secrets` appears anywhere in an answer. */
function withoutSecrets(res: GatewayResponse, secrets: readonly string[]) {
  for (const secret of secrets) expect(res.text).not.toContain(secret);
}

describe('vital records', () => {
  const id = `V-${run}`;
  const details = { childName: `Grace ${run}`, bornAt: '2026-01-02T03:04:05Z', placeOfBirth: 'City General', parent1Name: 'Mary Hopper' };
  const secrets = [details.childName, details.parent1Name];
  let salt: string;

  test('a Registry clerk may not register a birth: 403, nothing written', async () => {
    const res = await registryClerk('POST', '/v1/vital-records', { body: { id: `${id}-clerk`, type: 'BIRTH', details } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect((await registryClerk('GET', `/v1/vital-records/${id}-clerk`)).status).toBe(404);
  });

  test('a registrar registers a birth; the answer carries the generated salt once, no details', async () => {
    const res = await registryRegistrar('POST', '/v1/vital-records', { body: { id, type: 'BIRTH', details } });
    expect(committed(res, 201)).toMatchObject({ id, type: 'BIRTH', status: 'REGISTERED', issuingDepartment: Msp.Registry });
    expect(res.headers.location).toBe(`/v1/vital-records/${id}`);
    salt = res.body.certificate.salt;
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
    withoutSecrets(res, secrets);
  });

  test('the public record holds only a hash: no salt, no details, on any gateway', async () => {
    for (const reader of [registryClerk, healthOfficer, auditor]) {
      const res = await reader('GET', `/v1/vital-records/${id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, status: 'REGISTERED', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      withoutSecrets(res, [...secrets, salt]);
    }
  });

  test('the presented certificate verifies with its salt (also at the Auditor), and a forged one does not', async () => {
    const match = await auditor('POST', `/v1/vital-records/${id}/verify`, { body: { salt, details } });
    expect(match.status).toBe(200);
    expect(match.body).toMatchObject({ id, status: 'REGISTERED', result: 'MATCH' });
    const forged = await healthOfficer('POST', `/v1/vital-records/${id}/verify`, { body: { salt, details: { ...details, childName: 'Someone Else' } } });
    expect(forged.body.result).toBe('MISMATCH');
  });

  test('the certificate is readable on the Registry gateway only', async () => {
    const member = await registryClerk('GET', `/v1/vital-records/${id}/certificate`);
    expect(member.status).toBe(200);
    expect(member.body).toMatchObject({ id, salt, details: { childName: details.childName } });
    for (const outsider of [healthOfficer, auditor]) {
      const res = await outsider('GET', `/v1/vital-records/${id}/certificate`);
      expect(res.status).toBe(403);
      withoutSecrets(res, [...secrets, salt]);
    }
  });

  test('an amendment issues a new salt: the new certificate matches, the old one no longer does', async () => {
    const amended = { ...details, childName: `Grace B. ${run}` };
    const res = await registryRegistrar('POST', `/v1/vital-records/${id}/amend`, { body: { reason: 'CLERICAL_ERROR', details: amended } });
    expect(committed(res, 200)).toMatchObject({ id, status: 'AMENDED' });
    const newSalt: string = res.body.certificate.salt;
    expect(newSalt).not.toBe(salt);
    expect((await registryClerk('POST', `/v1/vital-records/${id}/verify`, { body: { salt: newSalt, details: amended } })).body.result).toBe('MATCH');
    expect((await registryClerk('POST', `/v1/vital-records/${id}/verify`, { body: { salt, details } })).body.result).toBe('MISMATCH');
  });

  test('voiding is final: the history shows three versions, a second void is 422', async () => {
    committed(await registryRegistrar('POST', `/v1/vital-records/${id}/void`, { body: { reason: 'REGISTERED_IN_ERROR' } }), 200);
    const history = await auditor('GET', `/v1/vital-records/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.map((h: { value: { status: string } }) => h.value.status)).toEqual(['VOID', 'AMENDED', 'REGISTERED']);
    const again = await registryRegistrar('POST', `/v1/vital-records/${id}/void`, { body: { reason: 'DUPLICATE' } });
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('FAILED_PRECONDITION');
  });
});

describe('a death registered by Health', () => {
  const id = `D-${run}`;
  const details = { deceasedName: `Alan ${run}`, diedAt: '2026-02-03T04:05:06Z', placeOfDeath: 'City General' };
  const causeOfDeath = { cause: `Condition ${run}`, manner: 'NATURAL', certifiedBy: 'Dr. Who' };
  const secrets = [details.deceasedName, causeOfDeath.cause];

  test('a Health officer registers it; the answer and the public record carry no details or cause', async () => {
    const res = await healthOfficer('POST', '/v1/vital-records', { body: { id, type: 'DEATH', details, causeOfDeath } });
    expect(committed(res, 201)).toMatchObject({ id, type: 'DEATH', status: 'REGISTERED', issuingDepartment: Msp.Health });
    withoutSecrets(res, secrets);
    const read = await auditor('GET', `/v1/vital-records/${id}`);
    expect(read.status).toBe(200);
    withoutSecrets(read, [...secrets, res.body.certificate.salt]);
  });

  test('Registry reads the cause of death Health wrote; Public Works and the Auditor cannot', async () => {
    const member = await registryClerk('GET', `/v1/vital-records/${id}/cause-of-death`);
    expect(member.status).toBe(200);
    expect(member.body).toMatchObject({ id, cause: causeOfDeath.cause, manner: 'NATURAL' });
    for (const outsider of [worksOfficer, auditor]) {
      const res = await outsider('GET', `/v1/vital-records/${id}/cause-of-death`);
      expect(res.status).toBe(403);
      withoutSecrets(res, secrets);
    }
  });
});

describe('building permits', () => {
  const id = `PERMIT-${run}`;
  const applicant = { name: `Bob Builder ${run}`, email: `bob-${run}@example.org`, phone: '+1 555 0100' };

  test('Public Works files an application; the applicant travels privately', async () => {
    const res = await worksOfficer('POST', '/v1/permits', {
      body: { id, kind: 'BUILDING', applicantId: `CIT-${run}`, description: 'Two-storey extension', applicant },
    });
    expect(committed(res, 201)).toMatchObject({ id, status: 'APPLIED', appliedBy: Msp.PublicWorks });
    withoutSecrets(res, [applicant.name, applicant.email]);
  });

  test('an inspector cannot inspect before approval: 409, the permit unchanged', async () => {
    const res = await worksInspector('POST', `/v1/permits/${id}/inspect`, { body: { result: 'PASSED' } });
    expect(res.status).toBe(409);
    expect((await registryClerk('GET', `/v1/permits/${id}`)).body.status).toBe('APPLIED');
  });

  test('a Registry registrar reviews and approves it; a Public Works inspector passes it', async () => {
    expect(committed(await registryRegistrar('POST', `/v1/permits/${id}/review`), 200).status).toBe('UNDER_REVIEW');
    const approved = committed(await registryRegistrar('POST', `/v1/permits/${id}/approve`), 200);
    expect(approved.status).toBe('APPROVED');
    expect(approved.approvedAt).toEqual(expect.any(String));
    const inspected = committed(await worksInspector('POST', `/v1/permits/${id}/inspect`, { body: { result: 'PASSED', notes: 'Footings fine' } }), 200);
    expect(inspected).toMatchObject({ status: 'INSPECTION_PASSED', lastInspection: { result: 'PASSED', inspectedBy: Msp.PublicWorks } });
  });

  test('the Auditor reads the permit and its history, never the applicant', async () => {
    const read = await auditor('GET', `/v1/permits/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('INSPECTION_PASSED');
    const history = await auditor('GET', `/v1/permits/${id}/history`);
    expect(history.body.map((h: { value: { status: string } }) => h.value.status)).toEqual(['INSPECTION_PASSED', 'APPROVED', 'UNDER_REVIEW', 'APPLIED']);
    const applicantRead = await auditor('GET', `/v1/permits/${id}/applicant`);
    expect(applicantRead.status).toBe(403);
    for (const res of [read, history, applicantRead]) withoutSecrets(res, [applicant.name, applicant.email]);
  });

  test('the applicant is readable by the member orgs (Registry), not by Health', async () => {
    const member = await registryClerk('GET', `/v1/permits/${id}/applicant`);
    expect(member.status).toBe(200);
    expect(member.body).toMatchObject({ permitId: id, name: applicant.name, email: applicant.email });
    const outsider = await healthOfficer('GET', `/v1/permits/${id}/applicant`);
    expect(outsider.status).toBe(403);
    withoutSecrets(outsider, [applicant.name]);
  });
});

describe('citizens and credentials', () => {
  const citizenId = `CIT-${run}`;
  const person = { givenName: `Ada-${run}`, familyName: 'Lovelace', dateOfBirth: '1990-12-10', address: '12 Analytical Way' };
  // A residency credential: Registry registrars issue that type (ISSUANCE_RULES in domain/src/identity/issuance.ts).
  const schema = { id: 'https://schemas.city-ledger.example/credentials/residency', version: '1.0' };
  const validity = { validFrom: '2026-01-01T00:00:00Z', validUntil: '2030-01-01T00:00:00Z' };
  const credential = { id: `CRED-${run}`, type: 'residency', schema, subject: citizenId, issuer: Msp.Registry, ...validity, claims: { district: `North-${run}` } };
  const verify = async () => {
    const res = await auditor('POST', '/v1/credentials/verify', { body: credential });
    expect(res.status).toBe(200);
    withoutSecrets(res, [person.givenName]);
    return res.body.status as string;
  };

  test('a Registry clerk registers a citizen: only a hash of the personal data is public', async () => {
    const res = await registryClerk('POST', '/v1/citizens', { body: { id: citizenId, ...person } });
    expect(committed(res, 201)).toMatchObject({ id: citizenId, department: Msp.Registry, status: 'ACTIVE', dataHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    withoutSecrets(res, [person.givenName, person.address]);
    const read = await auditor('GET', `/v1/citizens/${citizenId}`);
    expect(read.status).toBe(200);
    withoutSecrets(read, [person.givenName, person.address]);
  });

  test('the personal data stays with the registering department', async () => {
    const own = await registryClerk('GET', `/v1/citizens/${citizenId}/personal-data`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ citizenId, givenName: person.givenName, address: person.address });
    for (const outsider of [healthOfficer, auditor]) {
      const res = await outsider('GET', `/v1/citizens/${citizenId}/personal-data`);
      expect(res.status).toBe(403);
      withoutSecrets(res, [person.givenName, person.address]);
    }
  });

  test('Health cannot issue a residency credential (the chaincode\'s issuance table): 403, nothing written', async () => {
    const res = await healthOfficer('POST', '/v1/credentials', { body: { ...credential, id: `${credential.id}-health` } });
    expect(res.status).toBe(403);
    expect((await registryClerk('GET', `/v1/credentials/${credential.id}-health`)).status).toBe(404);
  });

  test('a Registry registrar issues it; the claims stay off the ledger; it verifies VALID', async () => {
    const res = await registryRegistrar('POST', '/v1/credentials', { body: credential });
    expect(committed(res, 201)).toMatchObject({ id: credential.id, status: 'ACTIVE', subject: citizenId, issuer: { msp: Msp.Registry } });
    const read = await auditor('GET', `/v1/credentials/${credential.id}`);
    expect(read.status).toBe(200);
    for (const r of [res, read]) withoutSecrets(r, [credential.claims.district]);
    expect(await verify()).toBe('VALID');
    const tampered = await auditor('POST', '/v1/credentials/verify', { body: { ...credential, claims: { district: 'South' } } });
    expect(tampered.body.status).toBe('TAMPERED');
  });

  test('suspend, reinstate and revoke show in verification', async () => {
    expect(committed(await registryRegistrar('POST', `/v1/credentials/${credential.id}/suspend`), 200).status).toBe('SUSPENDED');
    expect(await verify()).toBe('SUSPENDED');
    expect(committed(await registryRegistrar('POST', `/v1/credentials/${credential.id}/reinstate`), 200).status).toBe('ACTIVE');
    expect(await verify()).toBe('VALID');
    expect(committed(await registryRegistrar('POST', `/v1/credentials/${credential.id}/revoke`), 200).status).toBe('REVOKED');
    expect(await verify()).toBe('REVOKED');
    const again = await registryRegistrar('POST', `/v1/credentials/${credential.id}/reinstate`);
    expect(again.status).toBe(422);
  });

  test('the subject\'s credentials list it', async () => {
    const res = await healthOfficer('GET', `/v1/citizens/${citizenId}/credentials`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([credential.id]);
  });
});

describe('shipments: custody and cold chain', () => {
  const id = `SHIP-${run}`;

  test('Health ships vaccines with a temperature range', async () => {
    const res = await healthOfficer('POST', '/v1/shipments', {
      body: { id, quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 200, uom: 'EA' }], temperatureRange: { minC: 2, maxC: 8 } },
    });
    expect(committed(res, 201)).toMatchObject({ id, status: 'ACTIVE', custodian: Msp.Health, origin: Msp.Health, flagged: false });
  });

  test('a reading outside the range flags the shipment', async () => {
    const now = Date.now();
    const readings = [
      { sensorId: `S-${run}`, time: new Date(now - 2_000).toISOString(), type: 'temperature', value: 5, uom: 'CEL' },
      { sensorId: `S-${run}`, time: new Date(now - 1_000).toISOString(), type: 'temperature', value: 11.5, uom: 'CEL' },
    ];
    committed(await healthOfficer('POST', `/v1/shipments/${id}/sensor-readings`, { body: { readings } }), 200);
    const read = await auditor('GET', `/v1/shipments/${id}`);
    expect(read.body).toMatchObject({ flagged: true, readings: { count: 2, excursions: 1, min: 5, max: 11.5 } });
  });

  test('only the custodian offers custody: Registry offering it is refused', async () => {
    const res = await registryClerk('POST', `/v1/shipments/${id}/custody-offer`, { body: { to: Msp.PublicWorks } });
    expect(res.status).toBe(403);
    expect((await auditor('GET', `/v1/shipments/${id}`)).body.status).toBe('ACTIVE');
  });

  test('Health offers custody to Registry, which accepts: Registry becomes the custodian', async () => {
    const offered = committed(await healthOfficer('POST', `/v1/shipments/${id}/custody-offer`, { body: { to: Msp.Registry } }), 200);
    expect(offered).toMatchObject({ status: 'OFFERED', pendingOffer: { from: Msp.Health, to: Msp.Registry } });
    const accepted = committed(await registryClerk('POST', `/v1/shipments/${id}/custody-offer/accept`, { body: {} }), 200);
    expect(accepted).toMatchObject({ status: 'ACTIVE', custodian: Msp.Registry });
    expect(accepted.pendingOffer).toBeUndefined();
  });

  test('the Auditor reads the EPCIS trace, oldest first', async () => {
    const res = await auditor('GET', `/v1/shipments/${id}/events`);
    expect(res.status).toBe(200);
    const seqs = res.body.items.map((e: { seq: number }) => e.seq);
    expect(seqs.length).toBeGreaterThanOrEqual(3);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    for (const event of res.body.items) expect(event.shipmentId).toBe(id);
  });
});

describe('waste manifests', () => {
  const id = `WM-${run}`;

  test('a Registry clerk cannot record a collection: 403, nothing written', async () => {
    const res = await registryClerk('POST', '/v1/waste-manifests', {
      body: { id: `${id}-x`, wasteType: 'organic', collectionPoint: 'urn:epc:id:sgln:0614141.00777.0', collectedKg: 10 },
    });
    expect(res.status).toBe(403);
    expect((await auditor('GET', `/v1/waste-manifests/${id}-x`)).status).toBe(404);
  });

  test('Public Works collects, transfers and processes; the Auditor sees every stage', async () => {
    const collected = await worksOfficer('POST', '/v1/waste-manifests', {
      body: { id, wasteType: 'recyclables', collectionPoint: 'urn:epc:id:sgln:0614141.00777.0', collectedKg: 1000, vehicleId: `TRUCK-${run}` },
    });
    expect(committed(collected, 201)).toMatchObject({ id, stage: 'COLLECTED', collectedKg: 1000 });
    const skipped = await worksOfficer('POST', `/v1/waste-manifests/${id}/process`, { body: { processedKg: 900, residueKg: 90 } });
    expect(skipped.status).toBe(409);
    const transferred = committed(await worksOfficer('POST', `/v1/waste-manifests/${id}/transfer`, { body: { facilityId: 'MRF-1', transferredKg: 990 } }), 200);
    expect(transferred).toMatchObject({ stage: 'TRANSFERRED', facilityId: 'MRF-1', transferredKg: 990 });
    const unbalanced = await worksOfficer('POST', `/v1/waste-manifests/${id}/process`, { body: { processedKg: 500, residueKg: 10 } });
    expect(unbalanced.status).toBe(422);
    const processed = committed(await worksOfficer('POST', `/v1/waste-manifests/${id}/process`, { body: { processedKg: 900, residueKg: 90 } }), 200);
    expect(processed).toMatchObject({ stage: 'PROCESSED', processedKg: 900, residueKg: 90 });

    const history = await auditor('GET', `/v1/waste-manifests/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.map((h: { manifest: { stage: string } }) => h.manifest.stage)).toEqual(['PROCESSED', 'TRANSFERRED', 'COLLECTED']);
  });
});
