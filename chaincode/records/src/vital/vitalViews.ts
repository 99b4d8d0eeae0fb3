/** One committed version of a vital record's public state, newest first. */
import { Object as DataType, Property } from 'fabric-contract-api';
import type { VitalRecord } from './vitalRecord';

/** An entry of getVitalRecordHistory. */
@DataType()
export class VitalRecordHistoryEntry {
  @Property('txId', 'string')
  txId!: string;

  @Property('timestamp', 'string')
  timestamp!: string;

  @Property('isDelete', 'boolean')
  isDelete!: boolean;

  @Property('value', 'VitalRecord')
  value?: VitalRecord;
}
