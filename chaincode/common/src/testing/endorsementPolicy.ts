/**
 * Decodes key-level endorsement policies (validation parameters) for test assertions.
 *
 * A validation parameter is a serialized `common.SignaturePolicyEnvelope`. It is decoded with
 * @hyperledger/fabric-protos, resolved through fabric-shim (the library that encoded it), so
 * the test harness decodes exactly what the shim wrote without a dependency of its own.
 *
 * @example
 * ```ts
 * decodeEndorsementPolicy(bytes);
 * // { required: 2, signers: [{ msp: 'PublicWorksMSP', role: 'PEER' }, { msp: 'RegistryMSP', role: 'PEER' }] }
 * endorsingOrgs(bytes);   // ['PublicWorksMSP', 'RegistryMSP'] (throws unless it is an AND of peers)
 * ```
 */
import { createRequire } from 'node:module';

/** A signer of a decoded policy: an org and the MSP role its signer must have. */
export interface PolicySigner {
  msp: string;
  /** `MEMBER`, `ADMIN`, `CLIENT`, `PEER` or `ORDERER`. */
  role: string;
}

/** A decoded "n out of signers" policy (the shape fabric-shim's KeyEndorsementPolicy writes). */
export interface DecodedEndorsementPolicy {
  /** How many of `signers` must endorse. */
  required: number;
  /** The rule's signers, in rule order. */
  signers: PolicySigner[];
}

// The few members of the generated protobuf classes used here.
interface Message<T> {
  deserializeBinary(bytes: Uint8Array): T;
}
interface SignaturePolicy {
  hasSignedBy(): boolean;
  getSignedBy(): number;
  hasNOutOf(): boolean;
  getNOutOf(): { getN(): number; getRulesList(): SignaturePolicy[] } | undefined;
}
interface Protos {
  common: {
    SignaturePolicyEnvelope: Message<{
      getRule(): SignaturePolicy | undefined;
      getIdentitiesList(): { getPrincipalClassification(): number; getPrincipal_asU8(): Uint8Array }[];
    }>;
  };
  msp: {
    MSPPrincipal: { Classification: Record<string, number> };
    MSPRole: Message<{ getMspIdentifier(): string; getRole(): number }> & { MSPRoleType: Record<string, number> };
  };
}

let protos: Protos | undefined;

function loadProtos(): Protos {
  if (!protos) {
    const fromShim = createRequire(require.resolve('fabric-shim'));
    protos = fromShim('@hyperledger/fabric-protos') as Protos;
  }
  return protos;
}

/**
 * Decodes a validation parameter whose rule is "n out of signed-by identities" (what
 * `KeyEndorsementPolicy` produces). Throws for anything else (nested rules, non-role principals).
 */
export function decodeEndorsementPolicy(bytes: Uint8Array): DecodedEndorsementPolicy {
  const { common, msp } = loadProtos();
  const envelope = common.SignaturePolicyEnvelope.deserializeBinary(bytes);
  const identities = envelope.getIdentitiesList();
  const roleNames = new Map(Object.entries(msp.MSPRole.MSPRoleType).map(([name, value]) => [value, name]));
  const rule = envelope.getRule();
  const nOutOf = rule?.hasNOutOf() ? rule.getNOutOf() : undefined;
  if (!nOutOf) {
    throw new Error('validation parameter: the rule is not an n-out-of policy');
  }
  const signers = nOutOf.getRulesList().map((signedBy) => {
    const identity = signedBy.hasSignedBy() ? identities[signedBy.getSignedBy()] : undefined;
    if (!identity || identity.getPrincipalClassification() !== msp.MSPPrincipal.Classification.ROLE) {
      throw new Error('validation parameter: every rule must be signed by an MSP role');
    }
    const role = msp.MSPRole.deserializeBinary(identity.getPrincipal_asU8());
    return { msp: role.getMspIdentifier(), role: roleNames.get(role.getRole()) ?? String(role.getRole()) };
  });
  return { required: nOutOf.getN(), signers };
}

/**
 * The orgs whose peers must ALL endorse, sorted; throws unless the policy is an AND (n out of
 * n) of PEER roles of distinct orgs, the only shape `requireKeyEndorsers` writes.
 */
export function endorsingOrgs(bytes: Uint8Array): string[] {
  const policy = decodeEndorsementPolicy(bytes);
  const orgs = [...new Set(policy.signers.map((signer) => signer.msp))].sort();
  const allPeers = policy.signers.every((signer) => signer.role === 'PEER');
  if (!allPeers || orgs.length !== policy.signers.length || policy.required !== policy.signers.length) {
    throw new Error(`validation parameter is not an AND of peers: ${JSON.stringify(policy)}`);
  }
  return orgs;
}
