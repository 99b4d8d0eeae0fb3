import { common, ledger, msp, peer } from '@hyperledger/fabric-protos';
import type { LedgerBlock } from './block';
import { DefinitionHistory } from './chaincodeDefinitions';
import { invocationsOf, transactionsOf } from './transactionDetail';

const identity = (mspId: string) => {
  const id = new msp.SerializedIdentity();
  id.setMspid(mspId);
  id.setIdBytes(Buffer.from('not a certificate'));
  return id.serializeBinary();
};

interface Tx {
  txId: string;
  creator: string;
  chaincode: string;
  args: (string | Uint8Array)[];
  endorsers: string[];
  event?: string;
  write?: { key: string; value: string };
  read?: string;
  collection?: string;
}

function envelope(tx: Tx): Uint8Array {
  const spec = new peer.ChaincodeSpec();
  const id = new peer.ChaincodeID();
  id.setName(tx.chaincode);
  spec.setChaincodeId(id);
  const input = new peer.ChaincodeInput();
  input.setArgsList(tx.args.map((a) => (typeof a === 'string' ? Buffer.from(a) : a)));
  spec.setInput(input);
  const invocation = new peer.ChaincodeInvocationSpec();
  invocation.setChaincodeSpec(spec);
  const proposal = new peer.ChaincodeProposalPayload();
  proposal.setInput(invocation.serializeBinary());

  const kv = new ledger.rwset.kvrwset.KVRWSet();
  if (tx.read) {
    const read = new ledger.rwset.kvrwset.KVRead();
    read.setKey(tx.read);
    kv.addReads(read);
  }
  if (tx.write) {
    const write = new ledger.rwset.kvrwset.KVWrite();
    write.setKey(tx.write.key);
    write.setValue(Buffer.from(tx.write.value));
    kv.addWrites(write);
  }
  const ns = new ledger.rwset.NsReadWriteSet();
  ns.setNamespace(tx.chaincode);
  ns.setRwset(kv.serializeBinary());
  if (tx.collection) {
    const hashed = new ledger.rwset.CollectionHashedReadWriteSet();
    hashed.setCollectionName(tx.collection);
    ns.addCollectionHashedRwset(hashed);
  }
  const rwset = new ledger.rwset.TxReadWriteSet();
  rwset.addNsRwset(ns);
  const action = new peer.ChaincodeAction();
  action.setResults(rwset.serializeBinary());
  if (tx.event) {
    const event = new peer.ChaincodeEvent();
    event.setEventName(tx.event);
    event.setPayload(Buffer.from('{"private":"EVENT-PAYLOAD"}'));
    action.setEvents(event.serializeBinary());
  }
  const response = new peer.ProposalResponsePayload();
  response.setExtension$(action.serializeBinary());
  const endorsed = new peer.ChaincodeEndorsedAction();
  endorsed.setProposalResponsePayload(response.serializeBinary());
  endorsed.setEndorsementsList(
    tx.endorsers.map((mspId) => {
      const e = new peer.Endorsement();
      e.setEndorser(identity(mspId));
      return e;
    }),
  );
  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setChaincodeProposalPayload(proposal.serializeBinary());
  actionPayload.setAction(endorsed);
  const txAction = new peer.TransactionAction();
  txAction.setPayload(actionPayload.serializeBinary());
  const transaction = new peer.Transaction();
  transaction.addActions(txAction);

  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
  channelHeader.setTxId(tx.txId);
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(identity(tx.creator));
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(transaction.serializeBinary());
  const result = new common.Envelope();
  result.setPayload(payload.serializeBinary());
  return result.serializeBinary();
}

function block(number: number, txs: Tx[], flags: number[]): LedgerBlock {
  const metadata: Uint8Array[] = [];
  metadata[common.BlockMetadataIndex.TRANSACTIONS_FILTER] = Uint8Array.from(flags);
  return { header: { number, previousHash: new Uint8Array(), dataHash: new Uint8Array() }, data: txs.map(envelope), metadata };
}

const REGISTER: Tx = {
  txId: 'a'.repeat(64),
  creator: 'RegistryMSP',
  chaincode: 'records',
  args: ['property:registerParcel', '{"id":"P-1","owner":"PRIVATE-ARG"}'],
  endorsers: ['RegistryMSP', 'RegistryMSP'],
  event: 'parcel.registered',
  read: '\u0000parcel\u0000P-1\u0000',
  write: { key: '\u0000parcel\u0000P-1\u0000', value: 'WRITTEN-VALUE' },
  collection: 'registryPropertyOwners',
};

describe('transactionsOf', () => {
  it('says who created and endorsed a transaction, what it called and which keys it touched', () => {
    const [tx] = transactionsOf(block(5, [REGISTER], [peer.TxValidationCode.VALID]));
    expect(tx).toMatchObject({
      block: 5,
      index: 0,
      txId: REGISTER.txId,
      type: 'ENDORSER_TRANSACTION',
      validationCode: 'VALID',
      creator: { mspId: 'RegistryMSP', role: null },
      endorsers: ['RegistryMSP'],
      chaincode: 'records',
      function: 'property:registerParcel',
      events: ['parcel.registered'],
      reads: [{ namespace: 'records', key: REGISTER.read }],
      writes: [{ namespace: 'records', key: REGISTER.write?.key }],
      collections: ['records/registryPropertyOwners'],
    });
  });

  it('never carries a value, an argument or an event payload', () => {
    const text = JSON.stringify(transactionsOf(block(5, [REGISTER], [peer.TxValidationCode.VALID])));
    for (const secret of ['WRITTEN-VALUE', 'PRIVATE-ARG', 'EVENT-PAYLOAD']) expect(text).not.toContain(secret);
  });

  it('names an invalid transaction\'s validation code', () => {
    const [tx] = transactionsOf(block(6, [REGISTER], [peer.TxValidationCode.MVCC_READ_CONFLICT]));
    expect(tx?.validationCode).toBe('MVCC_READ_CONFLICT');
  });
});

describe('DefinitionHistory', () => {
  const commit = (sequence: number, version: string) => {
    const args = new peer.lifecycle.CommitChaincodeDefinitionArgs();
    args.setName('records');
    args.setSequence(sequence);
    args.setVersion(version);
    const policy = new peer.ApplicationPolicy();
    policy.setChannelConfigPolicyReference('/Channel/Application/Endorsement');
    args.setValidationParameter(policy.serializeBinary());
    return args.serializeBinary();
  };
  const approve = (sequence: number) => {
    const args = new peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs();
    args.setName('records');
    args.setSequence(sequence);
    return args.serializeBinary();
  };
  const lifecycleTx = (n: number, creator: string, fn: string, arg: Uint8Array): Tx => ({ txId: String(n).repeat(64).slice(0, 64), creator, chaincode: '_lifecycle', args: [fn, arg], endorsers: [creator] });

  it('the definition in force is the last one committed, with the orgs that approved its sequence', () => {
    const history = new DefinitionHistory();
    const VALID = peer.TxValidationCode.VALID;
    history.add(invocationsOf(block(3, [lifecycleTx(1, 'RegistryMSP', 'ApproveChaincodeDefinitionForMyOrg', approve(1)), lifecycleTx(2, 'HealthMSP', 'ApproveChaincodeDefinitionForMyOrg', approve(1))], [VALID, VALID])));
    history.add(invocationsOf(block(4, [lifecycleTx(3, 'RegistryMSP', 'CommitChaincodeDefinition', commit(1, 'v1'))], [VALID])));
    history.add(invocationsOf(block(5, [lifecycleTx(4, 'HealthMSP', 'ApproveChaincodeDefinitionForMyOrg', approve(2))], [VALID])));
    // An invalid approval counts for nothing.
    history.add(invocationsOf(block(6, [lifecycleTx(5, 'PublicWorksMSP', 'ApproveChaincodeDefinitionForMyOrg', approve(2))], [peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE])));
    history.add(invocationsOf(block(7, [lifecycleTx(6, 'HealthMSP', 'CommitChaincodeDefinition', commit(2, 'v2'))], [VALID])));
    expect(history.definitions()).toEqual([
      { name: 'records', version: 'v2', sequence: 2, endorsementPolicy: '/Channel/Application/Endorsement', collections: [], committedIn: 7, approvals: { HealthMSP: true } },
    ]);
  });
});
