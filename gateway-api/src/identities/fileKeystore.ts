/**
 * Identities enrolled on disk, in the layout the network scripts write
 * (`.runtime/orgs/<org>/clients/<user>/msp/`): `signcerts/cert.pem` and `keystore/key.pem`.
 * The runtime folder is outside git. A private key that others may read (mode wider than
 * 0600) is refused, never used.
 *
 * @example
 * ```ts
 * const store = new FileKeystore({ mspId: org.mspId, clientDir: (user) => layout.clientDir(org, user) });
 * const identity = await store.get('clerk1');
 * ```
 */
import { createPrivateKey } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { IdentityError, type FabricIdentity, type IdentityStore } from './identityStore';

export interface FileKeystoreOptions {
  readonly mspId: string;
  /** The client folder of a user; its `msp/` holds the certificate and the key. */
  readonly clientDir: (user: string) => string;
}

const USER = /^[a-z][a-z0-9-]{0,62}$/;

export class FileKeystore implements IdentityStore {
  private readonly loaded = new Map<string, Promise<FabricIdentity>>();

  constructor(private readonly options: FileKeystoreOptions) {}

  /** Reads the identity once, then serves it from memory. */
  get(user: string): Promise<FabricIdentity> {
    let identity = this.loaded.get(user);
    if (!identity) {
      identity = this.load(user);
      this.loaded.set(user, identity);
      identity.catch(() => this.loaded.delete(user));
    }
    return identity;
  }

  private async load(user: string): Promise<FabricIdentity> {
    if (!USER.test(user)) throw new IdentityError(user, 'is not a valid identity name');
    const msp = path.join(this.options.clientDir(user), 'msp');
    const certFile = path.join(msp, 'signcerts', 'cert.pem');
    const keyFile = path.join(msp, 'keystore', 'key.pem');

    const keyStat = await stat(keyFile).catch((err: Error) => {
      throw new IdentityError(user, `no private key at ${keyFile} (${err.message}); is the user enrolled?`);
    });
    if (!keyStat.isFile()) throw new IdentityError(user, `${keyFile} is not a file`);
    const mode = keyStat.mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new IdentityError(user, `${keyFile} has mode ${mode.toString(8).padStart(4, '0')}; a private key must be 0600 or tighter (chmod 600 ${keyFile})`);
    }

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
