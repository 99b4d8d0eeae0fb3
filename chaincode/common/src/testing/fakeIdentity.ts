import type { Context } from 'fabric-contract-api';
import { ROLE_ATTRIBUTE } from '@city-ledger/domain';

/** Who submits a fake transaction. Only `msp` is required. */
export interface FakeCaller {
  /** MSP ID, e.g. `Msp.Registry` (./foundingConsortium). */
  msp: string;
  /** Value of the `city.role` certificate attribute; omit for a certificate without one. */
  role?: string;
  /** Enrollment name used in the certificate subject (default: the role, or `user`). */
  name?: string;
  /** Extra certificate attributes. */
  attributes?: Record<string, string>;
}

/** In-memory `ClientIdentity` built from a {@link FakeCaller}. */
export class FakeClientIdentity implements Readonly<Context['clientIdentity']> {
  private readonly attributes: Record<string, string>;
  private readonly id: string;

  constructor(private readonly caller: FakeCaller) {
    const name = caller.name ?? caller.role ?? 'user';
    // Same shape as fabric-shim's ClientIdentity.getID(): x509::<subject>::<issuer>.
    this.id = `x509::/OU=client/CN=${name}::/CN=ca.${caller.msp.toLowerCase()}`;
    this.attributes = {
      'hf.EnrollmentID': name,
      'hf.Type': 'client',
      ...(caller.role === undefined ? {} : { [ROLE_ATTRIBUTE]: caller.role }),
      ...caller.attributes,
    };
  }

  getMSPID(): string {
    return this.caller.msp;
  }

  getID(): string {
    return this.id;
  }

  getIDBytes(): Uint8Array {
    return Buffer.from(this.id, 'utf8');
  }

  getAttributeValue(attrName: string): string | null {
    return this.attributes[attrName] ?? null;
  }

  assertAttributeValue(attrName: string, attrValue: string): boolean {
    return this.attributes[attrName] === attrValue;
  }
}
