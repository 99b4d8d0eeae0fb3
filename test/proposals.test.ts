import { execFile } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { layout, networkEnv, networkScript, org, peerHeight } from './support/network';

const run = promisify(execFile);

/**
 * A channel config update signed by the orgs that own it (network/update.sh): each org's admin
 * signs for itself, and the update is sent only once the channel's modification policy is met.
 * The change is harmless to the other tests: an ACL for a resource nothing uses.
 */
describe('changing the channel: propose, sign, submit', () => {
  const resource = `city/Probe${Date.now().toString(36)}`;
  const filter = (name: string) => `.channel_group.groups.Application.values.ACLs.value.acls["${name}"] = {policy_ref: "/Channel/Application/Readers"}`;
  const update = (...args: string[]) => networkScript('update', ...args);
  const refusal = (...args: string[]) => update(...args).then(() => 'accepted', (err: Error) => /error: ([A-Z_]+:[^\n]*)/.exec(err.message)?.[1] ?? err.message);
  const propose = async (name: string) => (await update('propose', '--org', 'health', `ACL ${name}`, filter(name))).split('\n')[0] ?? '';
  const folder = (id: string) => path.join(layout().proposalsDir(), id);

  test('too few signatures are refused naming the missing orgs; bad signatures and bytes are refused; with a majority it commits', async () => {
    const id = await propose(resource);
    const stale = await propose(`${resource}-stale`);
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(readFileSync(path.join(folder(id), 'summary.txt'), 'utf8')).toContain('changed value /Channel/Application/values/ACLs (needs /Channel/Application/Admins)');

    const signed = await update('sign', '--org', 'health', id);
    expect(signed).toMatch(/values\/ACLs[^]*signed by the admin of HealthMSP/);
    const height = await peerHeight('registry', 'peer0');
    expect(await refusal('submit', '--org', 'health', id)).toBe(
      'POLICY_NOT_MET: signed by HealthMSP; missing: /Channel/Application/Admins: MAJORITY of 4 Admins: 2 more of AuditorMSP, PublicWorksMSP, RegistryMSP',
    );

    // A clerk is no admin; Health's admin is not Registry's.
    const clients = (key: string, user: string) => path.join(layout().clientDir(org(key), user), 'msp');
    expect(await refusal('sign', '--org', 'registry', '--msp', clients('registry', 'clerk1'), id)).toMatch(/^NOT_ADMIN: .*CN=clerk1\.registry is not an admin of RegistryMSP/);
    expect(await refusal('sign', '--org', 'registry', '--msp', clients('health', 'admin'), id)).toMatch(/^WRONG_ORG: /);

    // Tampered bytes: a copy whose update.pb changed, its digest forged or not.
    const tampered = `${id.slice(0, 11)}${id.endsWith('0') ? '1' : '0'}`;
    cpSync(folder(id), folder(tampered), { recursive: true });
    const bytes = readFileSync(path.join(folder(stale), 'update.pb'));
    writeFileSync(path.join(folder(tampered), 'update.pb'), bytes);
    expect(await refusal('sign', '--org', 'registry', tampered)).toMatch(/^TAMPERED: update\.pb of/);
    const record = path.join(folder(tampered), 'proposal.json');
    writeFileSync(record, readFileSync(record, 'utf8').replace(/"sha256": "[0-9a-f]+"/, `"sha256": "${createHash('sha256').update(bytes).digest('hex')}"`));
    expect(await refusal('submit', '--org', 'health', tampered)).toBe("TAMPERED: the signature of HealthMSP does not match the update's bytes");

    // An update computed for another channel, passed off as this one's.
    const env = networkEnv();
    const work = path.join(layout().channelDir(), 'proposal-draft-health');
    const foreign = path.join(work, 'foreign.pb');
    await run(path.join(env.FABRIC_BIN_DIR, 'configtxlator'), [
      'compute_update', '--channel_id', 'other', '--original', path.join(work, 'config.pbc'), '--updated', path.join(work, 'modified.pbc'), '--output', foreign,
    ]);
    writeFileSync(path.join(folder(tampered), 'update.pb'), readFileSync(foreign));
    writeFileSync(record, readFileSync(record, 'utf8').replace(/"sha256": "[0-9a-f]+"/, `"sha256": "${createHash('sha256').update(readFileSync(foreign)).digest('hex')}"`));
    expect(await refusal('sign', '--org', 'registry', tampered)).toBe('WRONG_CHANNEL: the update is for channel "other", not city');

    // None of it changed the channel.
    expect(await peerHeight('registry', 'peer0')).toBe(height);

    await update('sign', '--org', 'publicworks', id);
    await update('sign', '--org', 'registry', id);
    expect(await update('submit', '--org', 'health', id)).toContain(`proposal ${id} is committed to city`);
    // The other proposal was computed on the config before: the channel moved on.
    expect(await refusal('sign', '--org', 'registry', stale)).toMatch(/^STALE_CONFIG: proposal .* was computed on config sequence \d+; the channel is at \d+/);
    const config = path.join(layout().channelDir(), `proposal-${stale}-registry`, 'config.json');
    expect(JSON.parse(readFileSync(config, 'utf8')).channel_group.groups.Application.values.ACLs.value.acls[resource]).toEqual({ policy_ref: '/Channel/Application/Readers' });
  });
});
