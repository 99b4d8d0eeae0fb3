/**
 * {@link IdentityEnroller} over the org's Fabric CA. Registers clients with `city.role`, enrolls
 * them with a P-256 key made here (only the certificate request leaves the gateway), writes the
 * identity into the keystore (key 0600), and revokes them.
 *
 * It acts at the CA as the gateway's own registrar (`gateway-registrar.<org>`, enrolled by the
 * network scripts), which may register only clients, set only `city.role`, and revoke; never as
 * the CA's bootstrap admin.
 *
 * @example
 * ```ts
 * const enroller = new FabricCaEnroller({
 *   ca: new FabricCaClient({ url: `https://127.0.0.1:${org.ca.port}`, caCert: readFileSync(layout.caCertFile(org)) }),
 *   registrar: () => registrarStore.get('gateway-registrar'),
 *   keystore,                                    // the FileKeystore principals' identities are read from
 *   enrollmentId: (user) => `${user}.${org.key}`,
 *   crlFile: path.join(gatewayDir, 'crl.pem'),
 * });
 * ```
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { ROLE_ATTRIBUTE } from '@city-ledger/domain';
import { writeFileAtomic } from '../atomicFile';
import { certificateRequest } from './csr';
import type { CaSigner, FabricCaClient } from './fabricCaClient';
import type { FileKeystore } from './fileKeystore';
import { IdentityError, type FabricIdentity, type IdentityEnroller, type RevocationReason } from './identityStore';

export interface FabricCaEnrollerOptions {
  readonly ca: FabricCaClient;
  /** The gateway's registrar identity at this CA. */
  readonly registrar: () => Promise<CaSigner>;
  readonly keystore: FileKeystore;
  /** The CA's enrollment ID of a user: `<user>.<org key>`, as the network scripts name them. */
  readonly enrollmentId: (user: string) => string;
  /** Where the CA's latest CRL is kept after a revocation (for the org's MSP `crls/`). */
  readonly crlFile?: string;
  readonly now?: () => Date;
}

/** Fabric CA's names for the RFC 5280 reasons (`golang.org/x/crypto/ocsp`). */
const CA_REASONS: Readonly<Record<RevocationReason, string>> = {
  unspecified: 'unspecified',
  keyCompromise: 'keycompromise',
  affiliationChanged: 'affiliationchange',
  superseded: 'superseded',
  cessationOfOperation: 'cessationofoperation',
  privilegeWithdrawn: 'privilegewithdrawn',
};

export class FabricCaEnroller implements IdentityEnroller {
  constructor(private readonly options: FabricCaEnrollerOptions) {}

  async register(request: { readonly user: string; readonly role: string }): Promise<string> {
    // One enrollment per secret: the secret is worthless once the gateway has used it.
    const secret = randomBytes(24).toString('base64url');
    await this.options.ca.register(await this.options.registrar(), {
      id: this.options.enrollmentId(request.user),
      type: 'client',
      secret,
      max_enrollments: 1,
      attrs: [{ name: ROLE_ATTRIBUTE, value: request.role, ecert: true }],
    });
    return secret;
  }

  async enroll(user: string, secret: string): Promise<FabricIdentity> {
    const enrollmentId = this.options.enrollmentId(user);
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const certificate = await this.options.ca.enroll(enrollmentId, secret, certificateRequest(enrollmentId, privateKey, publicKey));
    await this.options.keystore.store(user, {
      certificate,
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      record: { enrollmentId, enrolledAt: (this.options.now?.() ?? new Date()).toISOString() },
    });
    return this.options.keystore.get(user);
  }

  /**
   * Re-enrolls an identity this gateway stored, with a new key, authenticated at the CA by its
   * current certificate (so before that expires: see identityRenewal.ts); the keystore serves
   * the new one at the next call.
   */
  async renew(user: string): Promise<FabricIdentity> {
    const record = await this.options.keystore.record(user);
    if (!record) throw new IdentityError(user, 'was not enrolled by this gateway');
    const current = await this.options.keystore.get(user);
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const certificate = await this.options.ca.reenroll(current, certificateRequest(record.enrollmentId, privateKey, publicKey));
    await this.options.keystore.replace(user, {
      certificate,
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      record: { enrollmentId: record.enrollmentId, enrolledAt: (this.options.now?.() ?? new Date()).toISOString() },
    });
    return this.options.keystore.get(user);
  }

  async revoke(user: string, reason: RevocationReason): Promise<void> {
    const record = await this.options.keystore.record(user);
    if (!record) throw new IdentityError(user, 'was not enrolled by this gateway');
    const result = await this.options.ca.revoke(await this.options.registrar(), {
      id: record.enrollmentId,
      reason: CA_REASONS[reason],
      gencrl: this.options.crlFile !== undefined,
    });
    if (result.crl !== undefined && this.options.crlFile) await writeFileAtomic(this.options.crlFile, result.crl, 0o644);
    await this.options.keystore.remove(user);
  }
}

