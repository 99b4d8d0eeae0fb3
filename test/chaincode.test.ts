import { StatusCode } from '@hyperledger/fabric-gateway';
import { canonicalJson, sha256Hex } from '@city-ledger/chaincode-common';
import { randomBytes } from 'node:crypto';
import { ClientSession, connectAs, json, transient } from './support/gateway';
import { registerParcel, transferParcel } from './support/parcels';
import { failureOf } from './support/errors';
import { networkEnv, networkScript, peerHeight } from './support/network';

/**
 * A submit waits for the submitting org's peers to commit; the Auditor's peer may get the block
 * a moment later. Waits (up to 10 s) until it is as high as every department's first peer.
 */
async function auditorCaughtUp(): Promise<void> {
  const target = Math.max(...(await Promise.all(['registry', 'health', 'publicworks'].map((org) => peerHeight(org, 'peer0')))));
  for (let i = 0; i < 40 && (await peerHeight('auditor', 'peer0')) < target; i++) await new Promise((resolve) => setTimeout(resolve, 250));
}

// Every run adds new records to the same ledger, so IDs carry a run suffix.
const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

let registrar: ClientSession;
let healthOfficer: ClientSession;
let worksOfficer: ClientSession;
let auditor: ClientSession;

beforeAll(async () => {
  registrar = await connectAs('registry', 'registrar1');
  healthOfficer = await connectAs('health', 'officer1');
  worksOfficer = await connectAs('publicworks', 'officer1');
  auditor = await connectAs('auditor', 'auditor1');
});
afterAll(() => [registrar, healthOfficer, worksOfficer, auditor].forEach((s) => s.close()));

describe('identity on the real network', () => {
  const citizenId = `CIT-${run}`;
  const personal = { salt: randomBytes(16).toString('base64url'), givenName: 'Ada', familyName: 'Byron', dateOfBirth: '1990-12-10', address: '1 Main St' };
  const credential = {
    id: `CRED-${run}`,
    type: 'residency',
    schema: { id: 'https://schemas.city-ledger.example/credentials/residency', version: '1.0' },
    subject: citizenId,
    issuer: 'RegistryMSP',
    validFrom: '2025-01-01T00:00:00Z',
    validUntil: '2099-01-01T00:00:00Z',
    claims: { district: 'North' },
  };

  test('Registry registers a citizen and issues a residency credential; the Auditor verifies it', async () => {
    const citizens = registrar.contract('identity', 'citizens');
    await citizens.submit('registerCitizen', { arguments: [citizenId], transientData: { citizen: transient(personal) } });
    const credentials = registrar.contract('identity', 'credentials');
    await credentials.submit('issueCredential', { arguments: [credential.id], transientData: { credential: transient(credential) } });

    await auditorCaughtUp();
    const verdict = json<{ status: string }>(
      await auditor.contract('identity', 'credentials').evaluateTransaction('verify', JSON.stringify(credential)),
    );
    expect(verdict.status).toBe('VALID');
    const tampered = { ...credential, claims: { district: 'South' } };
    const forged = json<{ status: string }>(
      await healthOfficer.contract('identity', 'credentials').evaluateTransaction('verify', JSON.stringify(tampered)),
    );
    expect(forged.status).toBe('TAMPERED');
  });

  test('private data: the member reads it, a non-member gets FORBIDDEN, the Auditor checks its hash', async () => {
    const mine = json<Record<string, string>>(
      await registrar.contract('identity', 'citizens').evaluateTransaction('readCitizenPrivate', citizenId),
    );
    expect(mine).toMatchObject({ givenName: 'Ada', familyName: 'Byron' });

    const refused = await failureOf(healthOfficer.contract('identity', 'citizens').evaluateTransaction('readCitizenPrivate', citizenId));
    expect(refused).toMatch(/FORBIDDEN: /);
    expect(refused).not.toContain('Byron');

    // The Auditor sees only the public record, whose hash proves the private data.
    await auditorCaughtUp();
    const publicRecord = json<{ dataHash: string }>(
      await auditor.contract('identity', 'citizens').evaluateTransaction('getCitizen', citizenId),
    );
    expect(JSON.stringify(publicRecord)).not.toContain('Byron');
    expect(publicRecord.dataHash).toBe(sha256Hex(canonicalJson({ citizenId, ...personal })));
  });

  test("a change to a credential needs its issuer's peer: Health's peer alone cannot endorse it", async () => {
    const proposal = registrar
      .contract('identity', 'credentials')
      .newProposal('suspendCredential', { arguments: [credential.id], endorsingOrganizations: ['HealthMSP'] });
    const status = await (await (await proposal.endorse()).submit()).getStatus();
    expect(status.code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
    await auditorCaughtUp();
    const verdict = json<{ status: string }>(
      await auditor.contract('identity', 'credentials').evaluateTransaction('verify', JSON.stringify(credential)),
    );
    expect(verdict.status).toBe('VALID');
  });

  test('revocation reaches every verifier', async () => {
    await registrar.contract('identity', 'credentials').submitTransaction('revokeCredential', credential.id);
    await auditorCaughtUp();
    const verdict = json<{ status: string }>(
      await auditor.contract('identity', 'credentials').evaluateTransaction('verify', JSON.stringify(credential)),
    );
    expect(verdict.status).toBe('REVOKED');
  });

  test('the Auditor cannot write, even with a well-formed request', async () => {
    const refused = await failureOf(
      auditor.contract('identity', 'citizens').submit('registerCitizen', {
        arguments: [`CIT-${run}-aud`],
        transientData: { citizen: transient(personal) },
      }),
    );
    expect(refused).toMatch(/FORBIDDEN: regulators are read-only/);
  });
});

describe('logistics on the real network', () => {
  const shipmentId = `SHP-${run}`;
  const shipment = (id: string) =>
    JSON.stringify({ id, quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 40, uom: 'KGM' }] });

  test('custody moves from Public Works to Health only when Health accepts, with an event for each step', async () => {
    const network = worksOfficer.gateway.getNetwork(networkEnv().CHANNEL_NAME);
    const created = await worksOfficer.contract('logistics', 'shipments').submitAsync('createShipment', { arguments: [shipment(shipmentId)] });
    const status = await created.getStatus();
    expect(status.successful).toBe(true);

    // Chaincode events arrive, replayed from the block the transaction landed in.
    const events = await network.getChaincodeEvents('logistics', { startBlock: status.blockNumber });
    try {
      for await (const event of events) {
        if (event.transactionId !== created.getTransactionId()) continue;
        expect(event.eventName).toBe('ShipmentCreated');
        expect(json<{ shipmentId: string }>(event.payload).shipmentId).toBe(shipmentId);
        break;
      }
    } finally {
      events.close();
    }

    await worksOfficer.contract('logistics', 'custody').submitTransaction('offerCustody', shipmentId, 'HealthMSP');
    await auditorCaughtUp();
    const before = json<{ custodian: string }>(await auditor.contract('logistics', 'shipments').evaluateTransaction('getShipment', shipmentId));
    expect(before.custodian).toBe('PublicWorksMSP');

    const wrong = await failureOf(registrar.contract('logistics', 'custody').submitTransaction('acceptCustody', shipmentId, ''));
    expect(wrong).toMatch(/FORBIDDEN: /);
    await healthOfficer.contract('logistics', 'custody').submitTransaction('acceptCustody', shipmentId, '');
    // The submit waited for Health's peer to commit; the Auditor's peer may get the block a moment later.
    const custodian = async () => json<{ custodian: string }>(await auditor.contract('logistics', 'shipments').evaluateTransaction('getShipment', shipmentId)).custodian;
    let after = await custodian();
    for (let i = 0; i < 20 && after !== 'HealthMSP'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = await custodian();
    }
    expect(after).toBe('HealthMSP');
  });

  test('a transaction endorsed only by the Auditor fails with ENDORSEMENT_POLICY_FAILURE', async () => {
    const proposal = worksOfficer
      .contract('logistics', 'shipments')
      .newProposal('createShipment', { arguments: [shipment(`SHP-${run}-aud`)], endorsingOrganizations: ['AuditorMSP'] });
    const commit = await (await proposal.endorse()).submit();
    const status = await commit.getStatus();
    expect(status.code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
    const notThere = await failureOf(auditor.contract('logistics', 'shipments').evaluateTransaction('getShipment', `SHP-${run}-aud`));
    expect(notThere).toMatch(/NOT_FOUND: /);
  });

  test('two conflicting updates to one key: one commits, the other is an MVCC_READ_CONFLICT', async () => {
    const id = `SHP-${run}-mvcc`;
    const shipments = worksOfficer.contract('logistics', 'shipments');
    await shipments.submitTransaction('createShipment', shipment(id));
    // Two batches of readings for one shipment, both endorsed against the same
    // state before either is ordered. (Not custody offers: an offer changes the
    // shipment's key-level policy, so the loser would fail that policy first.)
    const coldchain = worksOfficer.contract('logistics', 'coldchain');
    const batch = (value: number) =>
      JSON.stringify([{ sensorId: 'urn:epc:id:giai:4012345.1', time: '2025-06-01T10:00:00Z', type: 'temperature', value, uom: 'CEL' }]);
    const first = await coldchain.newProposal('recordSensorReadings', { arguments: [id, batch(4)] }).endorse();
    const second = await coldchain.newProposal('recordSensorReadings', { arguments: [id, batch(5)] }).endorse();
    const statuses = await Promise.all([first.submit(), second.submit()].map(async (c) => (await c).getStatus()));
    expect(statuses.map((s) => s.code).sort()).toEqual([StatusCode.VALID, StatusCode.MVCC_READ_CONFLICT].sort());
  });
});

describe('records on the real network', () => {
  let clerk: ClientSession;
  let inspector: ClientSession;
  beforeAll(async () => {
    clerk = await connectAs('registry', 'clerk1');
    inspector = await connectAs('publicworks', 'inspector1');
  });
  afterAll(() => [clerk, inspector].forEach((s) => s.close()));

  test('a parcel is registered and its title transferred; the Auditor sees the full history and no personal data', async () => {
    const parcelId = `PCL-${run}`;
    const parcel = { id: parcelId, ownerId: `OWN-${run}-a`, location: 'urn:epc:id:sgln:4012345.00001.0', areaM2: 420, landUse: 'RESIDENTIAL' };
    await registerParcel(clerk, parcel, { name: 'Grace Hopper', address: '2 Harbour Rd' });
    await transferParcel(registrar, parcelId, `OWN-${run}-b`, { name: 'Alan Turing', address: '3 Bletchley Ln' });
    await auditorCaughtUp();
    const history = json<unknown[]>(await auditor.contract('records', 'property').evaluateTransaction('getParcelHistory', parcelId));
    expect(history.length).toBeGreaterThanOrEqual(2);
    const text = JSON.stringify(history);
    expect(text).toContain(`OWN-${run}-b`);
    expect(text).not.toMatch(/Grace|Turing|Harbour|Bletchley/);
  });

  test('Health registers a death shared with Registry; PublicWorks is refused; the Auditor verifies the certificate', async () => {
    const id = `DTH-${run}`;
    const certificate = {
      salt: randomBytes(32).toString('hex'),
      details: { deceasedName: 'Ada Lovelace', diedAt: '2025-11-27T10:00:00Z', placeOfDeath: 'City Hospital' },
    };
    await healthOfficer.contract('records', 'vital').submit('registerDeath', {
      arguments: [id],
      transientData: { vital: transient({ ...certificate, causeOfDeath: { cause: 'uterine cancer', manner: 'NATURAL', certifiedBy: 'Dr. Locock' } }) },
    });
    const cause = json<{ cause: string }>(await registrar.contract('records', 'vital').evaluateTransaction('getDeathCause', id));
    expect(cause.cause).toBe('uterine cancer');
    const refused = await failureOf(worksOfficer.contract('records', 'vital').evaluateTransaction('getDeathCause', id));
    expect(refused).toMatch(/FORBIDDEN: /);
    expect(refused).not.toContain('cancer');

    await auditorCaughtUp();
    const vital = auditor.contract('records', 'vital');
    const publicRecord = await vital.evaluateTransaction('getVitalRecord', id);
    expect(new TextDecoder().decode(publicRecord)).not.toMatch(/Lovelace|cancer|Hospital/);
    expect(json<{ result: string }>(await vital.evaluateTransaction('verify', id, JSON.stringify(certificate))).result).toBe('MATCH');
    const altered = { ...certificate, details: { ...certificate.details, deceasedName: 'Ada Byron' } };
    expect(json<{ result: string }>(await vital.evaluateTransaction('verify', id, JSON.stringify(altered))).result).toBe('MISMATCH');
  });

  test('building materials need a permit that records has approved (a cross-chaincode read)', async () => {
    const permitId = `PRM-${run}`;
    const permits = registrar.contract('records', 'permits');
    await clerk.contract('records', 'permits').submit('applyForPermit', {
      arguments: [JSON.stringify({ id: permitId, kind: 'BUILDING', applicantId: `CIT-${run}`, description: 'Two-storey extension' })],
      transientData: { applicant: transient({ name: 'Ada Byron', email: 'ada@example.org' }) },
    });
    const delivery = (id: string) =>
      JSON.stringify({ id, permitId, supplierId: 'SUP-1', items: [{ materialCode: 'CEMENT-42', quantity: 20, uom: 'BAG' }] });
    const materials = worksOfficer.contract('logistics', 'materials');
    const early = await failureOf(materials.submitTransaction('registerDelivery', delivery(`DLV-${run}-early`)));
    expect(early).toMatch(/FAILED_PRECONDITION: /);

    await permits.submitTransaction('reviewPermit', permitId);
    await permits.submitTransaction('approvePermit', permitId);
    const illegal = await failureOf(inspector.contract('records', 'permits').submitTransaction('approvePermit', permitId));
    expect(illegal).toMatch(/FORBIDDEN: /);
    // Supplier terms travel to PublicWorks peers only: the collection's members endorse.
    await materials.submit('registerDelivery', {
      arguments: [delivery(`DLV-${run}`)],
      endorsingOrganizations: ['PublicWorksMSP'],
      transientData: {
        supplierTerms: transient({ salt: randomBytes(16).toString('hex'), contractRef: 'CTR-7', prices: [{ materialCode: 'CEMENT-42', unitPrice: 9.5, currency: 'EUR' }] }),
      },
    });
    await auditorCaughtUp();
    const seen = await auditor.contract('logistics', 'materials').evaluateTransaction('getDelivery', `DLV-${run}`);
    expect(new TextDecoder().decode(seen)).not.toContain('9.5');
    const terms = json<{ contractRef: string }>(await materials.evaluateTransaction('getSupplierTerms', `DLV-${run}`));
    expect(terms.contractRef).toBe('CTR-7');
    expect(await failureOf(auditor.contract('logistics', 'materials').evaluateTransaction('getSupplierTerms', `DLV-${run}`))).toMatch(/FORBIDDEN: /);
  });
});

describe('after a restart', () => {
  test('every chaincode answers with the state written before it', async () => {
    await networkScript('restart');
    [registrar, auditor].forEach((s) => s.close());
    registrar = await connectAs('registry', 'registrar1');
    auditor = await connectAs('auditor', 'auditor1');
    await auditorCaughtUp();
    const citizen = json<{ id: string }>(await auditor.contract('identity', 'citizens').evaluateTransaction('getCitizen', `CIT-${run}`));
    expect(citizen.id).toBe(`CIT-${run}`);
    const shipment = json<{ custodian: string }>(await auditor.contract('logistics', 'shipments').evaluateTransaction('getShipment', `SHP-${run}`));
    expect(shipment.custodian).toBe('HealthMSP');
    const parcel = json<{ ownerId: string }>(await auditor.contract('records', 'property').evaluateTransaction('getParcel', `PCL-${run}`));
    expect(parcel.ownerId).toBe(`OWN-${run}-b`);
  });
});
