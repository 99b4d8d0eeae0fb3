/**
 * Query results of the property contract: one page of parcels, and one entry of a parcel's
 * history. Declared as @Object types so that the contract metadata describes them.
 */
import { Object as DataType, Property } from 'fabric-contract-api';
import type { Parcel } from './parcel';

/** One page of {@link listParcelsByOwner}; `bookmark` is '' on the last page. */
@DataType()
export class ParcelPage {
  @Property('items', 'Parcel[]')
  items!: Parcel[];

  @Property('bookmark', 'string')
  bookmark!: string;
}

/** One committed version of a parcel, newest first. */
@DataType()
export class ParcelHistoryEntry {
  @Property('txId', 'string')
  txId!: string;

  @Property('timestamp', 'string')
  timestamp!: string;

  @Property('isDelete', 'boolean')
  isDelete!: boolean;

  @Property('value', 'Parcel')
  value?: Parcel;
}
