/**
 * Devices on the real network, through the gateways `up` started: Public Works registers a
 * meter; a reading signed by another key is refused by the chaincode; readings handed to Public
 * Works' telemetry collector are anchored in a batch, and one reading's proof checks against the
 * anchored root (through the Auditor's gateway and with the audit library) while the same proof
 * of a changed reading does not; and Health relays a registered logger's signed cold-chain
 * readings, which logistics checks against the devices chaincode on Health's own peer.
 */
import { checkReading, PeerSession } from '@city-ledger/audit';
import { p256, testDevice } from '@city-ledger/domain';
import { randomBytes, type KeyObject } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { gatewayAs, type GatewayResponse } from './support/http';
import { consortium, layout, networkEnv } from './support/network';

// The ledger is shared across runs, so every ID carries this run's suffix.
const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const worksOfficer = gatewayAs('publicworks', 'officer1');
const worksInspector = gatewayAs('publicworks', 'inspector1');
const healthOfficer = gatewayAs('health', 'officer1');
const auditor = gatewayAs('auditor', 'auditor1');
const meter = testDevice(`MTR-${run}`);
// Readings taken a minute ago, a second apart: never from the future of the transaction.
const started = Date.now() - 60_000;
const takenAt = (seq: number) => new Date(started + seq * 1000).toISOString();

/** Asks for a reading's proof until its batch is anchored (the collector anchors every 5 s). */
async function anchoredProof(seq: number): Promise<GatewayResponse> {
  for (let attempt = 0; ; attempt += 1) {
    const res = await worksInspector('GET', `/v1/telemetry/readings/${meter.id}/${seq}/proof`);
    if (res.status !== 422 || attempt === 60) return res;
    await sleep(2000);
  }
}

describe('devices', () => {
  test('Public Works registers a meter', async () => {
    const res = await worksOfficer('POST', '/v1/devices', { body: JSON.parse(meter.registration()) });
    expect(res.status).toBe(201);
    expect(res.body.result).toMatchObject({ id: meter.id, status: 'ACTIVE', keyVersion: 1, registeredBy: 'PublicWorks' });
  });

  test('a forged reading is refused (403) and not recorded; the signed one is', async () => {
    const forged = await worksOfficer('POST', '/v1/device-readings', { body: meter.signed(1, takenAt(1), { privateKey: p256().privateKey }) });
    expect({ status: forged.status, code: forged.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    const signed = await worksOfficer('POST', '/v1/device-readings', { body: meter.signed(1, takenAt(1)) });
    expect(signed.status).toBe(200);
    const range = `from=${new Date(started).toISOString()}&to=${new Date(started + 3_600_000).toISOString()}`;
    const readings = await auditor('GET', `/v1/devices/${meter.id}/readings?${range}`);
    expect(readings.body.map((r: { reading: { seq: number } }) => r.reading.seq)).toEqual([1]);
  });

  test('collected readings are anchored; a proof checks for one reading and not for a changed one', async () => {
    const readings = [2, 3, 4, 5].map((seq) => meter.signed(seq, takenAt(seq)));
    const collected = await worksInspector('POST', '/v1/telemetry/readings', { body: { readings: [...readings, meter.signed(6, takenAt(6), { privateKey: p256().privateKey })] } });
    expect(collected.body).toEqual({ accepted: 4, refused: [{ index: 4, code: 'FORBIDDEN', detail: expect.stringContaining('not signed by') }] });

    const proof = await anchoredProof(4);
    expect(proof.status).toBe(200);
    const batch = await auditor('GET', `/v1/telemetry/batches/${proof.body.batchId}`);
    expect(batch.body).toMatchObject({ root: proof.body.root, anchoredBy: 'PublicWorks', devices: expect.arrayContaining([expect.objectContaining({ deviceId: meter.id })]) });

    const check = await auditor('POST', '/v1/telemetry/proof-checks', { body: proof.body });
    expect(check.body).toMatchObject({ result: 'MATCH', checks: { leaf: true, root: true, range: true, signature: true } });
    const changedReading = { ...proof.body.signedReading, reading: { ...proof.body.signedReading.reading, measurements: { exportedKWh: 99, importedKWh: 0 } } };
    const changed = { ...proof.body, signedReading: changedReading };
    expect((await auditor('POST', '/v1/telemetry/proof-checks', { body: changed })).body).toMatchObject({ result: 'MISMATCH', checks: { root: false } });

    // The audit library checks it against the Auditor's own peer, trusting nothing of the collector.
    const session = PeerSession.open({ consortium: consortium(), layout: layout(), channel: networkEnv().CHANNEL_NAME }, { org: 'auditor', user: 'auditor1' });
    try {
      expect((await checkReading(session, Buffer.from(JSON.stringify(proof.body)))).result).toBe('MATCH');
      expect((await checkReading(session, Buffer.from(JSON.stringify(changed)))).result).toBe('MISMATCH');
    } finally {
      session.close();
    }
  });

  test('a custodian relays a registered logger\'s signed cold-chain readings; a forged one is refused', async () => {
    const logger = testDevice(`LOG-${run}`);
    expect((await worksOfficer('POST', '/v1/devices', { body: JSON.parse(logger.registration({ kind: 'LOGGER', owner: 'Health' })) })).status).toBe(201);
    const shipment = `VAX-${run}`;
    const quantityList = [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 10, uom: 'EA' }];
    expect((await healthOfficer('POST', '/v1/shipments', { body: { id: shipment, quantityList, temperatureRange: { minC: 2, maxC: 8 } } })).status).toBe(201);
    const reading = (seq: number, temperatureC: number, privateKey?: KeyObject) => logger.signed(seq, takenAt(seq), { privateKey, measurements: { temperatureC } });
    const path = `/v1/shipments/${shipment}/signed-sensor-readings`;
    const forged = await healthOfficer('POST', path, { body: { readings: [reading(1, 4, p256().privateKey)] } });
    expect({ status: forged.status, code: forged.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    const relayed = await healthOfficer('POST', path, { body: { readings: [reading(1, 4), reading(2, 9)] } });
    expect(relayed.status).toBe(200);
    expect(relayed.body.result).toMatchObject({ flagged: true, readings: { count: 2, signed: 2, excursions: 1 } });
  });
});
