/**
 * The consortium descriptor of the four founding orgs (organizations/*.yaml and
 * chaincode/chaincodes.yaml), for unit tests: network/src/descriptor.test.ts checks that the
 * network generates exactly this from the org files. Installed for every unit test by
 * ./useFoundingConsortium (jest setupFiles), as a chaincode server installs its generated one.
 *
 * @example
 * ```ts
 * ledger.defineCollection(name, FOUNDING_CONSORTIUM.collections[name]);
 * ```
 */
import type { ConsortiumDescriptor } from '@city-ledger/domain';

/** MSP IDs of the founding orgs, for tests that act as one of them. */
export const Msp = {
  Registry: 'RegistryMSP',
  Health: 'HealthMSP',
  PublicWorks: 'PublicWorksMSP',
  Auditor: 'AuditorMSP',
} as const;

/** The founding orgs' descriptor. */
export const FOUNDING_CONSORTIUM: ConsortiumDescriptor = {
  orgs: [
    {
      mspId: 'AuditorMSP',
      name: 'Auditor',
      role: 'regulator',
      remits: []
    },
    {
      mspId: 'HealthMSP',
      name: 'Health',
      role: 'department',
      remits: [
        'health-records',
        'environment'
      ]
    },
    {
      mspId: 'PublicWorksMSP',
      name: 'PublicWorks',
      role: 'department',
      remits: [
        'works',
        'procurement',
        'logistics',
        'devices',
        'energy-market'
      ]
    },
    {
      mspId: 'RegistryMSP',
      name: 'Registry',
      role: 'department',
      remits: [
        'property',
        'vital-records',
        'permits',
        'budget',
        'council'
      ]
    }
  ],
  collections: {
    registryPropertyOwners: {
      members: [
        'RegistryMSP'
      ]
    },
    registryVitalRecords: {
      members: [
        'RegistryMSP'
      ]
    },
    registryHealthDeathRecords: {
      members: [
        'RegistryMSP',
        'HealthMSP'
      ]
    },
    registryHealthDeathCauses: {
      members: [
        'RegistryMSP',
        'HealthMSP'
      ]
    },
    registryPublicWorksPermitApplicants: {
      members: [
        'RegistryMSP',
        'PublicWorksMSP'
      ]
    },
    healthCitizens: {
      members: [
        'HealthMSP'
      ],
      department: 'HealthMSP'
    },
    publicWorksCitizens: {
      members: [
        'PublicWorksMSP'
      ],
      department: 'PublicWorksMSP'
    },
    registryCitizens: {
      members: [
        'RegistryMSP'
      ],
      department: 'RegistryMSP'
    },
    publicWorksSupplierTerms: {
      members: [
        'PublicWorksMSP'
      ]
    },
    energyMarketPositions: {
      members: [
        'PublicWorksMSP'
      ]
    }
  }
};
