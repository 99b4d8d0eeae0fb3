/**
 * Which policies a channel config update must satisfy, and whether a set of org admins'
 * signatures does, evaluated from the channel config (configtxlator's JSON) as the orderer
 * evaluates it: every element the update changes (its version moves) needs its current
 * `mod_policy`, relative to its group (or, for a group, to itself) unless absolute; an added
 * element needs only its parent group's. ImplicitMeta policies count the sub-groups whose
 * sub-policy is met (ANY, ALL, MAJORITY); signature policies count the rules met by a signer
 * in the named MSP's role. Every signer here is an org admin (signatures are checked before).
 *
 * @example
 * const result = evaluateUpdate(config, update, new Set(['HealthMSP']));
 * result.satisfied;  // false
 * result.missing;    // ['/Channel/Application/Admins: MAJORITY of 4 orgs' admins: 2 more of AuditorMSP, PublicWorksMSP, RegistryMSP']
 */

/** A config group as configtxlator prints it (the fields this module reads). */
export interface ConfigGroupJson {
  readonly version?: string;
  readonly mod_policy?: string;
  readonly groups?: Readonly<Record<string, ConfigGroupJson>>;
  readonly values?: Readonly<Record<string, { readonly version?: string; readonly mod_policy?: string; readonly value?: unknown }>>;
  readonly policies?: Readonly<Record<string, { readonly version?: string; readonly mod_policy?: string; readonly policy?: PolicyJson }>>;
}

export interface PolicyJson {
  /** 1: signature, 3: implicit meta */
  readonly type: number;
  readonly value: unknown;
}

export interface ConfigUpdateJson {
  readonly channel_id: string;
  readonly read_set: ConfigGroupJson;
  readonly write_set: ConfigGroupJson;
}

/** One element the update changes and the policy that governs it. */
export interface Change {
  /** `/Channel/Application/HealthMSP` for a group, `.../values/AnchorPeers` for a value or policy. */
  readonly element: string;
  readonly kind: 'group' | 'value' | 'policy';
  /** Absent for an added element. */
  readonly policy?: string;
}

export interface Evaluation {
  readonly satisfied: boolean;
  readonly changes: readonly Change[];
  /** Per unmet policy: what it needs and whose admins have not signed. */
  readonly missing: readonly string[];
}

const ROOT = 'Channel';

/** The elements an update changes: in the write set with a version other than the read set's. */
export function changesOf(config: ConfigGroupJson, update: ConfigUpdateJson): Change[] {
  const changes: Change[] = [];
  const walk = (path: string[], write: ConfigGroupJson, read: ConfigGroupJson | undefined, current: ConfigGroupJson | undefined) => {
    const at = `/${path.join('/')}`;
    if (read === undefined || (read.version ?? '0') !== (write.version ?? '0')) {
      changes.push({ element: at, kind: 'group', ...(current ? { policy: resolve(path, current.mod_policy ?? '') } : {}) });
    }
    for (const kind of ['values', 'policies'] as const) {
      for (const [name, item] of Object.entries(write[kind] ?? {})) {
        const before = read?.[kind]?.[name];
        if (before !== undefined && (before.version ?? '0') === (item.version ?? '0')) continue;
        const existing = current?.[kind]?.[name];
        changes.push({
          element: `${at}/${kind}/${name}`,
          kind: kind === 'values' ? 'value' : 'policy',
          ...(existing ? { policy: resolve(path, existing.mod_policy ?? '') } : {}),
        });
      }
    }
    for (const [name, group] of Object.entries(write.groups ?? {})) walk([...path, name], group, read?.groups?.[name], current?.groups?.[name]);
  };
  walk([ROOT], update.write_set, update.read_set, config);
  return changes;
}

/** A mod_policy as an absolute policy path: `Admins` in /Channel/Application is /Channel/Application/Admins. */
function resolve(groupPath: readonly string[], modPolicy: string): string {
  return modPolicy.startsWith('/') ? modPolicy : `/${[...groupPath, modPolicy].join('/')}`;
}

function groupAt(config: ConfigGroupJson, path: readonly string[]): ConfigGroupJson | undefined {
  let group: ConfigGroupJson | undefined = config;
  for (const name of path.slice(1)) group = group?.groups?.[name];
  return group;
}

interface Outcome {
  readonly met: boolean;
  /** What is missing, when not met. */
  readonly missing: string;
}

interface SignaturePolicyJson {
  readonly identities?: readonly { readonly principal_classification?: string; readonly principal?: { readonly msp_identifier?: string; readonly role?: string } }[];
  readonly rule?: RuleJson;
}
interface RuleJson {
  readonly signed_by?: number;
  readonly n_out_of?: { readonly n?: number; readonly rules?: readonly RuleJson[] };
}

/** A signature policy met by admins: ADMIN and MEMBER roles of a signing MSP are. */
function signaturePolicy(policy: SignaturePolicyJson, signers: ReadonlySet<string>): Outcome {
  const principal = (i: number) => {
    const identity = policy.identities?.[i];
    const msp = identity?.principal?.msp_identifier ?? '?';
    const ok = identity?.principal_classification === 'ROLE' && ['ADMIN', 'MEMBER'].includes(identity.principal?.role ?? '') && signers.has(msp);
    return { ok, msp };
  };
  const rule = (r: RuleJson | undefined): Outcome => {
    if (r?.signed_by !== undefined) {
      const { ok, msp } = principal(r.signed_by);
      return { met: ok, missing: `an admin of ${msp}` };
    }
    const rules = (r?.n_out_of?.rules ?? []).map(rule);
    const n = r?.n_out_of?.n ?? 0;
    const met = rules.filter((x) => x.met).length >= n;
    const unmet = rules.filter((x) => !x.met).map((x) => x.missing);
    return { met, missing: unmet.length === 1 || n === rules.length ? unmet.join(' and ') : `${n - rules.filter((x) => x.met).length} more of: ${unmet.join(', ')}` };
  };
  return rule(policy.rule);
}

/** Evaluates the policy at an absolute path (`/Channel/Application/Admins`) for a set of signing MSPs. */
export function evaluatePolicy(config: ConfigGroupJson, policyPath: string, signers: ReadonlySet<string>): Outcome {
  const parts = policyPath.split('/').filter(Boolean);
  const name = parts.pop() ?? '';
  const group = groupAt(config, parts);
  const policy = group?.policies?.[name]?.policy;
  if (!group || !policy) return { met: false, missing: `no policy ${policyPath} in the channel config` };
  if (policy.type === 1) return signaturePolicy(policy.value as SignaturePolicyJson, signers);
  if (policy.type !== 3) return { met: false, missing: `policy ${policyPath} is of a type (${policy.type}) this tool cannot evaluate` };
  const { rule, sub_policy: sub } = policy.value as { rule?: string; sub_policy?: string };
  const subs = Object.keys(group.groups ?? {})
    .sort()
    .map((child) => ({ child, ...evaluatePolicy(config, `/${[...parts, child, sub ?? ''].join('/')}`, signers) }));
  const need = rule === 'ALL' ? subs.length : rule === 'ANY' ? 1 : Math.floor(subs.length / 2) + 1;
  const met = subs.filter((s) => s.met).length;
  const unmet = subs.filter((s) => !s.met);
  const short = need - met;
  const which = unmet.map((s) => (Object.keys(groupAt(config, [...parts, s.child])?.groups ?? {}).length > 0 ? `${s.child} (${s.missing})` : s.child));
  return {
    met: met >= need,
    missing: `${rule ?? '?'} of ${subs.length} ${sub ?? ''}: ${short} more of ${which.join(', ')}`,
  };
}

/** Whether the admins of `signers` (MSP IDs) may make this update, and if not, whose signatures are missing. */
export function evaluateUpdate(config: ConfigGroupJson, update: ConfigUpdateJson, signers: ReadonlySet<string>): Evaluation {
  const changes = changesOf(config, update);
  const policies = [...new Set(changes.flatMap((c) => (c.policy ? [c.policy] : [])))];
  const missing = policies.flatMap((p) => {
    const outcome = evaluatePolicy(config, p, signers);
    return outcome.met ? [] : [`${p}: ${outcome.missing}`];
  });
  return { satisfied: missing.length === 0 && policies.length > 0, changes, missing };
}
