/**
 * The gateway re-enrolls the identities it enrolled itself (admin routes) before they expire:
 * once two thirds of a certificate's lifetime have passed, as Fabric CA's re-enrollment needs
 * the current certificate still valid. Identities the network scripts issued (the org-file
 * users) are `renew`'s (network/renew.sh); the keystore picks those up from disk.
 *
 * @example
 * const stop = startIdentityRenewal({ keystore, enroller, onRenewed: (user) => logger.info({ user }, 'identity renewed') });
 * await renewDueIdentities(keystore, enroller, new Date()); // ['permit-portal'] when its certificate was due
 */
import { X509Certificate } from 'node:crypto';
import type { FabricCaEnroller } from './fabricCaEnroller';
import type { FileKeystore } from './fileKeystore';

/** The share of a certificate's lifetime after which it is renewed. */
export const RENEW_AT = 2 / 3;

/** True once `RENEW_AT` of the certificate's lifetime has passed. */
export function renewalDue(certificate: Uint8Array | string, now: Date): boolean {
  const cert = new X509Certificate(typeof certificate === 'string' ? certificate : Buffer.from(certificate));
  const from = new Date(cert.validFrom).getTime();
  const to = new Date(cert.validTo).getTime();
  return now.getTime() >= from + (to - from) * RENEW_AT;
}

/** Renews every stored identity that is due; answers their names. One failure does not stop the others. */
export async function renewDueIdentities(
  keystore: FileKeystore,
  enroller: Pick<FabricCaEnroller, 'renew'>,
  now: Date,
  onError: (user: string, err: Error) => void = () => undefined,
): Promise<string[]> {
  const renewed: string[] = [];
  for (const user of await keystore.stored()) {
    try {
      if (!renewalDue((await keystore.get(user)).credentials, now)) continue;
      await enroller.renew(user);
      renewed.push(user);
    } catch (err) {
      onError(user, err as Error);
    }
  }
  return renewed;
}

export interface IdentityRenewalOptions {
  readonly keystore: FileKeystore;
  readonly enroller: Pick<FabricCaEnroller, 'renew'>;
  /** How often to look; a minute by default (certificates of a test runtime last minutes). */
  readonly intervalMs?: number;
  readonly onRenewed?: (user: string) => void;
  readonly onError?: (user: string, err: Error) => void;
}

/** Looks for due identities every interval, and at once; answers a function that stops it. */
export function startIdentityRenewal(options: IdentityRenewalOptions): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const user of await renewDueIdentities(options.keystore, options.enroller, new Date(), options.onError)) options.onRenewed?.(user);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), options.intervalMs ?? 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
