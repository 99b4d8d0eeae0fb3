/**
 * Identities enrolled on disk, in the layout the network scripts write
 * (`.runtime/homes/<org>/clients/<user>/msp/`): `signcerts/cert.pem` and `keystore/key.pem`.
 * The runtime folder is outside git. A private key that others may read (mode wider than
 * 0600) is refused, never used.
 *
 * @example
 * ```ts
 * const store = new FileKeystore({ mspId: org.mspId, clientDir: (user) => layout.clientDir(org, user) });
 * const identity = await store.get('clerk1');
 *
 * // Identities the gateway enrolls itself (admin routes) are written here too, atomically:
 * await store.store('permit-portal', { certificate: certPem, privateKey: keyPem, record: { enrollmentId } });
 * await store.remove('permit-portal');   // only identities the gateway stored
 * ```
 *
 * Written identities: folders 0700, the key 0600, and a `gateway-identity.json` record that marks
 * the identity as the gateway's own, so `remove` never deletes what the network scripts issued.
 */
import { createPrivateKey } from 'node:crypto';
import { statSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GATEWAY_IDENTITY_RECORD } from '@city-ledger/network';
import { IdentityError, type FabricIdentity, type IdentityStore } from './identityStore';
import { modeTooOpen } from '../secretFileMode';

export interface FileKeystoreOptions {
  readonly mspId: string;
  /** The client folder of a user; its `msp/` holds the certificate and the key. */
  readonly clientDir: (user: string) => string;
}

/** Valid identity names (also the API key file's `user`). */
export const USER = /^[a-z][a-z0-9-]{0,62}$/;

/** The record of an identity the gateway enrolled itself. */
export interface StoredRecord {
  readonly enrollmentId: string;
  readonly enrolledAt: string;
}

/** What {@link FileKeystore.store} writes. */
export interface StoredIdentity {
  /** PEM certificate. */
  readonly certificate: string;
  /** PEM PKCS #8 private key. */
  readonly privateKey: string;
  readonly record: StoredRecord;
}

const RECORD_FILE = GATEWAY_IDENTITY_RECORD;

export class FileKeystore implements IdentityStore {
  /** Each identity read, with its certificate file's mtime when it was read. */
  private readonly loaded = new Map<string, { readonly mtimeMs: number | undefined; readonly identity: Promise<FabricIdentity> }>();

  constructor(private readonly options: FileKeystoreOptions) {}

  /**
   * Serves the identity from memory while its certificate file is unchanged: `renew`
   * (network/renew.sh) re-enrols a user on disk, and the next call signs with the new one.
   */
  async get(user: string): Promise<FabricIdentity> {
    this.checkName(user);
    const mtimeMs = certificateMtime(path.join(this.options.clientDir(user), 'msp', 'signcerts', 'cert.pem'));
    const cached = this.loaded.get(user);
    if (cached && cached.mtimeMs === mtimeMs) return cached.identity;
    const identity = this.load(user);
    this.loaded.set(user, { mtimeMs, identity });
    identity.catch(() => {
      if (this.loaded.get(user)?.identity === identity) this.loaded.delete(user);
    });
    return identity;
  }

  /** Drops a cached identity (after it is revoked), so the next `get` reads the disk again. */
  forget(user: string): void {
    this.loaded.delete(user);
  }

  /** True when an identity of that name is on disk (issued by the scripts or by the gateway). */
  async exists(user: string): Promise<boolean> {
    this.checkName(user);
    return stat(this.options.clientDir(user)).then(
      () => true,
      () => false,
    );
  }

  /** The record of an identity the gateway stored, or undefined for any other name. */
  async record(user: string): Promise<StoredRecord | undefined> {
    this.checkName(user);
    const text = await readFile(path.join(this.options.clientDir(user), RECORD_FILE), 'utf8').catch(() => undefined);
    return text === undefined ? undefined : (JSON.parse(text) as StoredRecord);
  }

  /** The identities the gateway stored itself (those with a record), by name. */
  async stored(): Promise<string[]> {
    const parent = path.dirname(this.options.clientDir('x'));
    const names = await readdir(parent).catch(() => [] as string[]);
    const mine = await Promise.all(names.filter((n) => USER.test(n)).map(async (n) => ((await this.record(n)) ? n : undefined)));
    return mine.filter((n): n is string => n !== undefined).sort();
  }

  /**
   * Replaces a stored identity's certificate and key (a renewal): the new MSP folder is built
   * beside the old one and renamed into place, and the next `get` reads it.
   */
  async replace(user: string, identity: StoredIdentity): Promise<void> {
    if (!(await this.record(user))) throw new IdentityError(user, 'was not enrolled by this gateway');
    const target = this.options.clientDir(user);
    const tmp = await mkdtemp(path.join(target, '.msp-'));
    const old = `${path.join(target, '.msp-old-')}${process.pid}-${Date.now()}`;
    try {
      await mkdir(path.join(tmp, 'signcerts'), { mode: 0o700 });
      await mkdir(path.join(tmp, 'keystore'), { mode: 0o700 });
      await writeFile(path.join(tmp, 'keystore', 'key.pem'), identity.privateKey, { mode: 0o600, flag: 'wx' });
      await writeFile(path.join(tmp, 'signcerts', 'cert.pem'), identity.certificate, { mode: 0o644, flag: 'wx' });
      await rename(path.join(target, 'msp'), old);
      await rename(tmp, path.join(target, 'msp'));
      await writeFile(path.join(target, RECORD_FILE), `${JSON.stringify(identity.record, null, 2)}\n`, { mode: 0o600 });
    } finally {
      await rm(tmp, { recursive: true, force: true });
      await rm(old, { recursive: true, force: true });
    }
    this.forget(user);
  }

  /**
   * Writes a new identity: built in a private temporary folder, then renamed into place, so
   * a reader sees all of it or nothing. Refuses a name that already exists.
   */
  async store(user: string, identity: StoredIdentity): Promise<void> {
    this.checkName(user);
    const target = this.options.clientDir(user);
    const parent = path.dirname(target);
    await mkdir(parent, { recursive: true, mode: 0o700 });
    const tmp = await mkdtemp(path.join(parent, `.${user}-`));
    try {
      const msp = path.join(tmp, 'msp');
      await mkdir(path.join(msp, 'signcerts'), { recursive: true, mode: 0o700 });
      await mkdir(path.join(msp, 'keystore'), { mode: 0o700 });
      await writeFile(path.join(msp, 'keystore', 'key.pem'), identity.privateKey, { mode: 0o600, flag: 'wx' });
      await writeFile(path.join(msp, 'signcerts', 'cert.pem'), identity.certificate, { mode: 0o644, flag: 'wx' });
      await writeFile(path.join(tmp, RECORD_FILE), `${JSON.stringify(identity.record, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      await chmod(tmp, 0o700);
      if (await this.exists(user)) throw new IdentityError(user, `${target} already exists`);
      await rename(tmp, target);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
    this.forget(user);
  }

  /** Deletes an identity the gateway stored (key first); refuses any other. */
  async remove(user: string): Promise<void> {
    if (!(await this.record(user))) throw new IdentityError(user, 'was not enrolled by the gateway; it is not removed');
    const target = this.options.clientDir(user);
    const doomed = `${path.join(path.dirname(target), `.${user}-removed-`)}${process.pid}-${Date.now()}`;
    await rename(target, doomed);
    this.forget(user);
    await rm(doomed, { recursive: true, force: true });
  }

  private checkName(user: string): void {
    if (!USER.test(user)) throw new IdentityError(user, 'is not a valid identity name');
  }

  private async load(user: string): Promise<FabricIdentity> {
    this.checkName(user);
    const msp = path.join(this.options.clientDir(user), 'msp');
    const certFile = path.join(msp, 'signcerts', 'cert.pem');
    const keyFile = path.join(msp, 'keystore', 'key.pem');

    const keyStat = await stat(keyFile).catch((err: Error) => {
      throw new IdentityError(user, `no private key at ${keyFile} (${err.message}); is the user enrolled?`);
    });
    if (!keyStat.isFile()) throw new IdentityError(user, `${keyFile} is not a file`);
    const wide = modeTooOpen(keyStat.mode);
    if (wide) throw new IdentityError(user, `${keyFile} has mode ${wide}; a private key must be 0600 or tighter (chmod 600 ${keyFile})`);

    const credentials = await readFile(certFile).catch((err: Error) => {
      throw new IdentityError(user, `no certificate at ${certFile} (${err.message})`);
    });
    let privateKey;
    try {
      privateKey = createPrivateKey(await readFile(keyFile));
    } catch (err) {
      throw new IdentityError(user, `${keyFile} is not a readable private key (${(err as Error).message})`);
    }
    return { user, mspId: this.options.mspId, credentials, privateKey };
  }
}

/**
 * The certificate file's mtime, or undefined when it cannot be read. Synchronous on purpose:
 * it runs on every request, and a cached inode's stat takes microseconds, where the promise
 * form's thread-pool round trip cost about 0.1 ms of the gateway's CPU per request.
 */
function certificateMtime(file: string): number | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false })?.mtimeMs;
  } catch {
    return undefined;
  }
}
