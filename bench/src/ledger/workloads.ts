/**
 * What bench:ledger sends: for each workload, the chaincode call of its transaction number `i`
 * on worker `worker`, and which org-file user sends it. Pure, so the Caliper workers
 * (workloadModule.ts) and the round list (rounds.ts) agree on every ID without talking.
 *
 * IDs carry the run and the round label, so a run never collides with an earlier one on the
 * same ledger, and a read round finds what its write round created from the IDs that round
 * reported (`pool`).
 *
 * @example
 * ```ts
 * const [call] = WORKLOADS['parcel-register'].calls({ run: 'r1', round: 'parcel-register', worker: 0, i: 7, pool: [], msps });
 * call.fn; // 'property:registerParcel'
 * ```
 */

/** One chaincode call, as a Caliper request needs it. */
export interface Call {
  readonly chaincode: string;
  /** `contract:function`. */
  readonly fn: string;
  readonly args: readonly string[];
  readonly transient?: Readonly<Record<string, string>>;
  /** The org-file user who sends it: `<org key>/<user>`. */
  readonly as: Sender;
  readonly readOnly: boolean;
}

/** The users bench:ledger sends as (their MSPs are in the runtime's clients/). */
export type Sender = 'registry/clerk1' | 'registry/registrar1' | 'publicworks/officer1' | 'health/officer1';
export const SENDERS: readonly Sender[] = ['registry/clerk1', 'registry/registrar1', 'publicworks/officer1', 'health/officer1'];

/** Where in the run one transaction is. */
export interface Position {
  readonly run: string;
  /** This round's label (unique in the run). */
  readonly round: string;
  readonly worker: number;
  readonly i: number;
  /** The IDs this worker's `uses` round created (empty for rounds that create). */
  readonly pool: readonly string[];
  /** MSP ID by org key, from the org files. */
  readonly msps: Readonly<Record<string, string>>;
}

export interface Workload {
  /** What the table calls it. */
  readonly title: string;
  /** A write is measured against the baseline create, a read against the baseline read. */
  readonly write: boolean;
  /** The workload (a {@link WorkloadName}) whose round creates the records this one reads or changes. */
  readonly uses?: string;
  /** The calls of one transaction, sent in order (a custody handover is an offer and its acceptance). */
  calls(at: Position): Call[];
  /** The ID of the record transaction `i` creates (writes whose records a later round uses). */
  creates?(at: Position): string;
  /** Calls each worker sends once before the round (not measured). */
  setup?(at: Omit<Position, 'i' | 'pool' | 'msps'>): Call[];
}

const id = (prefix: string, at: Position) => `${prefix}-${at.run}-${at.round}-w${at.worker}-${at.i}`;
/** The record transaction `i` reads or changes: the write round's records in turn. */
const pick = (at: Position) => {
  const chosen = at.pool[at.i % Math.max(1, at.pool.length)];
  if (chosen === undefined) throw new Error(`round ${at.round} has no records to use: its write round created none on worker ${at.worker}`);
  return chosen;
};
const json = (value: unknown) => JSON.stringify(value);
/** 32 bytes of hex, from the ID, so that a record's salt is fixed and reproducible. */
const salt = (from: string) => Buffer.from(from.padEnd(32, '.').slice(0, 32)).toString('hex');

/** The credential a worker's transaction issues (verify presents the same document). */
export const residencyCredential = (credentialId: string, subject: string, issuer: string) => ({
  id: credentialId,
  type: 'residency',
  schema: { id: 'https://schemas.city-ledger.example/credentials/residency', version: '1.0' },
  subject,
  issuer,
  validFrom: '2025-01-01T00:00:00Z',
  validUntil: '2099-01-01T00:00:00Z',
  claims: { district: 'North' },
});
/** The citizen each worker's credentials are issued to. */
const citizenOf = (at: { run: string; worker: number }) => `CIT-${at.run}-w${at.worker}`;

const registry = { chaincode: 'records', readOnly: false } as const;
const logistics = { chaincode: 'logistics', readOnly: false } as const;
/** A handover moves a shipment between these two departments' officers, one way then back. */
const HANDOVER: readonly [Sender, Sender] = ['publicworks/officer1', 'health/officer1'];

/**
 * Who holds each shipment in this worker, for custody handovers: a handover alternates it
 * between Public Works and Health. The pool's shipments start with Public Works (their creator).
 */
const custodians = new Map<string, Sender>();

/**
 * A shipment's custodian hands it over and the other department accepts. The acceptance goes
 * out only after the offer has committed; a failed step leaves the shipment where it is.
 */
export function handoverCalls(shipmentId: string, msps: Position['msps']): Call[] {
  const from = custodians.get(shipmentId) ?? HANDOVER[0];
  const to = from === HANDOVER[0] ? HANDOVER[1] : HANDOVER[0];
  return [
    { ...logistics, fn: 'custody:offerCustody', args: [shipmentId, msps[to.split('/')[0] ?? ''] ?? ''], as: from },
    { ...logistics, fn: 'custody:acceptCustody', args: [shipmentId, ''], as: to },
  ];
}

/** Records that a handover of the shipment completed. */
export function handedOver(shipmentId: string, to: Sender): void {
  custodians.set(shipmentId, to);
}

export const WORKLOADS = {
  'baseline-create': {
    creates: (at) => id('B', at),
    title: 'baseline create',
    write: true,
    calls: (at) => [{ chaincode: 'baseline', readOnly: false, fn: 'kv:create', args: [id('B', at), json({ colour: 'blue', size: at.i, owner: 'bench' })], as: 'registry/clerk1' }],
  },
  'baseline-read': {
    title: 'baseline read',
    write: false,
    uses: 'baseline-create',
    calls: (at) => [{ chaincode: 'baseline', readOnly: true, fn: 'kv:read', args: [pick(at)], as: 'registry/clerk1' }],
  },
  'parcel-register': {
    creates: (at) => id('P', at),
    title: 'registerParcel (private owner data)',
    write: true,
    calls: (at) => [
      {
        ...registry,
        fn: 'property:registerParcel',
        args: [json({ id: id('P', at), ownerId: `OWN-${at.run}-w${at.worker}-${at.i}`, location: 'Lot 4, Block 7', areaM2: 500, landUse: 'RESIDENTIAL' })],
        transient: { owner: json({ name: 'Ada Lovelace', address: '1 Analytical Way' }) },
        as: 'registry/clerk1',
      },
    ],
  },
  'parcel-encumbrance': {
    title: 'addEncumbrance (public)',
    write: true,
    uses: 'parcel-register',
    calls: (at) => [
      { ...registry, fn: 'property:addEncumbrance', args: [pick(at), json({ id: id('E', at), kind: 'TAX_LIEN', holderId: 'CITY-TREASURY', amount: 1200 })], as: 'registry/clerk1' },
    ],
  },
  'parcel-read': {
    title: 'getParcel',
    write: false,
    uses: 'parcel-register',
    calls: (at) => [{ ...registry, readOnly: true, fn: 'property:getParcel', args: [pick(at)], as: 'registry/clerk1' }],
  },
  'birth-register': {
    creates: (at) => id('BRT', at),
    title: 'registerBirth (private details)',
    write: true,
    calls: (at) => [
      {
        ...registry,
        fn: 'vital:registerBirth',
        args: [id('BRT', at)],
        transient: {
          vital: json({
            salt: salt(id('BRT', at)),
            details: { childName: 'Ada Byron', bornAt: '2025-12-10T08:00:00Z', placeOfBirth: 'City Hospital', parent1Name: 'Anne Milbanke' },
          }),
        },
        as: 'registry/registrar1',
      },
    ],
  },
  'birth-read': {
    title: 'getVitalRecord',
    write: false,
    uses: 'birth-register',
    calls: (at) => [{ ...registry, readOnly: true, fn: 'vital:getVitalRecord', args: [pick(at)], as: 'registry/clerk1' }],
  },
  'permit-apply': {
    creates: (at) => id('PRM', at),
    title: 'applyForPermit (private applicant)',
    write: true,
    calls: (at) => [
      {
        ...registry,
        fn: 'permits:applyForPermit',
        args: [json({ id: id('PRM', at), kind: 'BUILDING', applicantId: `CIT-${at.run}-w${at.worker}`, description: 'Two-storey extension' })],
        transient: { applicant: json({ name: 'Ada Byron', email: 'ada@example.org' }) },
        as: 'registry/clerk1',
      },
    ],
  },
  'permit-read': {
    title: 'getPermit',
    write: false,
    uses: 'permit-apply',
    calls: (at) => [{ ...registry, readOnly: true, fn: 'permits:getPermit', args: [pick(at)], as: 'registry/clerk1' }],
  },
  'credential-issue': {
    creates: (at) => id('CRED', at),
    title: 'issueCredential (residency)',
    write: true,
    setup: (at) => [
      {
        chaincode: 'identity',
        readOnly: false,
        fn: 'citizens:registerCitizen',
        args: [citizenOf(at)],
        transient: { citizen: json({ salt: salt(citizenOf(at)), givenName: 'Ada', familyName: 'Byron', dateOfBirth: '1990-12-10', address: '1 Main St' }) },
        as: 'registry/registrar1',
      },
    ],
    calls: (at) => [
      {
        chaincode: 'identity',
        readOnly: false,
        fn: 'credentials:issueCredential',
        args: [id('CRED', at)],
        transient: { credential: json(residencyCredential(id('CRED', at), citizenOf(at), at.msps.registry ?? '')) },
        as: 'registry/registrar1',
      },
    ],
  },
  'credential-verify': {
    title: 'verify (credential)',
    write: false,
    uses: 'credential-issue',
    calls: (at) => [
      { chaincode: 'identity', readOnly: true, fn: 'credentials:verify', args: [json(residencyCredential(pick(at), citizenOf(at), at.msps.registry ?? ''))], as: 'registry/clerk1' },
    ],
  },
  'shipment-create': {
    creates: (at) => id('SHP', at),
    title: 'createShipment',
    write: true,
    calls: (at) => [
      {
        ...logistics,
        fn: 'shipments:createShipment',
        args: [json({ id: id('SHP', at), quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 1, uom: 'KGM' }] })],
        as: 'publicworks/officer1',
      },
    ],
  },
  'coldchain-readings': {
    title: 'recordSensorReadings (10 readings)',
    write: true,
    uses: 'shipment-create',
    calls: (at) => [
      {
        ...logistics,
        fn: 'coldchain:recordSensorReadings',
        args: [
          pick(at),
          json(
            Array.from({ length: 10 }, (_, k) => ({
              sensorId: 'urn:epc:id:giai:4012345.1',
              time: new Date(Date.UTC(2025, 5, 1) + (at.i * 10 + k) * 1000).toISOString().replace('.000Z', 'Z'),
              type: 'temperature',
              value: 4 + (k % 3),
              uom: 'CEL',
            })),
          ),
        ],
        as: 'publicworks/officer1',
      },
    ],
  },
  'custody-handover': {
    title: 'custody handover (offer + accept)',
    write: true,
    uses: 'shipment-create',
    calls: (at) => handoverCalls(pick(at), at.msps),
  },
  'shipment-read': {
    title: 'getShipment',
    write: false,
    uses: 'shipment-create',
    calls: (at) => [{ ...logistics, readOnly: true, fn: 'shipments:getShipment', args: [pick(at)], as: 'registry/clerk1' }],
  },
} satisfies Record<string, Workload>;

export type WorkloadName = keyof typeof WORKLOADS;
