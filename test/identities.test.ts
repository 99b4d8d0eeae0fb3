/**
 * Identities through the org's real Fabric CA, as the gateway's admin routes drive them:
 * register and enroll a new clerk with the gateway registrar, submit as that clerk, revoke it.
 * Leaves only a revoked CA identity (a random name) and a parcel with a unique ID.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { certificateInfo, FabricCaError, fabricCaEnrollerFor, FileKeystore } from '@city-ledger/gateway-api';
import { connectAs, json } from './support/gateway';
import { registerParcel } from './support/parcels';
import { layout, org } from './support/network';

const registry = org('registry');
const keystore = new FileKeystore({ mspId: registry.mspId, clientDir: (user) => layout().clientDir(registry, user) });
const enroller = fabricCaEnrollerFor({ org: registry, layout: layout() }, keystore);
const name = `it-${randomBytes(4).toString('hex')}`;

afterAll(async () => {
  // A failed run must not leave a usable identity behind.
  if (await keystore.record(name)) await enroller.revoke(name, 'cessationOfOperation');
});

test('a clerk enrolled through the CA submits as itself, and is revoked', async () => {
  await enroller.enroll(name, await enroller.register({ user: name, role: 'clerk' }));
  const identity = await keystore.get(name);
  const cert = certificateInfo(identity.credentials);
  expect(cert.attrs).toMatchObject({ 'city.role': 'clerk', 'hf.EnrollmentID': `${name}.registry`, 'hf.Type': 'client' });

  const session = await connectAs('registry', name);
  try {
    const parcel = { id: `PCL-${name}`, ownerId: `OWN-${name}`, location: 'Lot 1', areaM2: 80, landUse: 'RESIDENTIAL' };
    await registerParcel(session, parcel, { name: 'Edsger Dijkstra', address: '4 Shortest Path' });
    expect(json(await session.contract('records', 'property').evaluateTransaction('getParcel', parcel.id))).toMatchObject({ id: parcel.id });
  } finally {
    session.close();
  }

  await enroller.revoke(name, 'cessationOfOperation');
  expect(existsSync(layout().clientDir(registry, name))).toBe(false);
  // The CA keeps the revoked name: it cannot be registered again.
  await expect(enroller.register({ user: name, role: 'clerk' })).rejects.toMatchObject({ code: 74 });
  await expect(enroller.register({ user: name, role: 'clerk' })).rejects.toBeInstanceOf(FabricCaError);
});
