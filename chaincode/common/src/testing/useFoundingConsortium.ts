// Jest setupFiles of the unit project: every unit test runs with the founding orgs' descriptor
// in force, as a chaincode server runs with the one named by $CITY_LEDGER_CONSORTIUM.
import { useConsortium } from '../activeConsortium';
import { FOUNDING_CONSORTIUM } from './foundingConsortium';

useConsortium(FOUNDING_CONSORTIUM);
