/** Query results of the permits contract, declared as @Object types for the metadata. */
import { Object as DataType, Property } from 'fabric-contract-api';
import type { Permit } from './permit';

/** One page of listPermitsByStatus; `bookmark` is '' on the last page. */
@DataType()
export class PermitPage {
  @Property('items', 'Permit[]')
  items!: Permit[];

  @Property('bookmark', 'string')
  bookmark!: string;
}

/** One committed version of a permit, newest first. */
@DataType()
export class PermitHistoryEntry {
  @Property('txId', 'string')
  txId!: string;

  @Property('timestamp', 'string')
  timestamp!: string;

  @Property('isDelete', 'boolean')
  isDelete!: boolean;

  @Property('value', 'Permit')
  value?: Permit;
}
