import type { CityTransaction } from '../../src/db/database.js';

/** A role the fixture staff member holds; roles are global, so the owner inserts it once. */
export const FIXTURE_ROLE = 'fixture_role';

/**
 * One row in every table of city data for `code`, all consistent with each other: enough to
 * prove that each table is reachable in its own municipality and invisible from another.
 * The caller runs it inside `withMunicipality(code, …)`.
 */
export async function insertOneOfEverything(trx: CityTransaction, code: string): Promise<void> {
  const addresseeNo = `${code}000000001`;
  const administratorNo = `${code}000000002`;
  const integratedNo = `${code}000000009`;
  const declaration = { declarationYear: 2025, declarationSerial: 1 };
  const plate = { platePart1: '試験市', platePart2: 'あ', platePart3: '1' };

  await trx.insertInto('municipality').values({ municipalityCode: code, name: `試験市${code}`, prefecture: '試験県', isDemo: true }).execute();
  await trx.insertInto('office').values({ municipalityCode: code, officeCode: '01', name: '本庁', kind: 'main' }).execute();
  await trx
    .insertInto('addressArea')
    .values({ municipalityCode: code, addressCode: '100', townName: '中央', townNameKana: 'チュウオウ', postalCode: '1000001' })
    .execute();
  await trx
    .insertInto('integratedAddressee')
    .values({ municipalityCode: code, integratedAddresseeNo: integratedNo })
    .execute();
  await trx
    .insertInto('addressee')
    .values([
      {
        municipalityCode: code,
        addresseeNo: addresseeNo,
        kind: 'resident',
        integratedAddresseeNo: integratedNo,
        nameKanji: '試験　一郎',
        nameKana: 'シケン　イチロウ',
        sexCode: '1',
        birthDate: '1980-01-01',
        addressCode: '100',
        address: '試験県試験市中央1番',
      },
      {
        municipalityCode: code,
        addresseeNo: administratorNo,
        kind: 'non_resident',
        nameKanji: '管理　花子',
        nameKana: 'カンリ　ハナコ',
        address: '他県他市1番',
      },
    ])
    .execute();
  await trx
    .insertInto('mailDestination')
    .values({ municipalityCode: code, addresseeNo, validFrom: '2025-04-01', name: '試験税理士事務所', address: '試験県試験市中央2番' })
    .execute();
  await trx
    .insertInto('addresseeHistory')
    .values({ municipalityCode: code, addresseeNo, source: 'entry', changeKind: 'registered', reason: '試験', changes: '{}' })
    .execute();
  await trx.insertInto('numberSequence').values({ municipalityCode: code, sequenceName: 'addressee_no', lastValue: 2 }).execute();
  await trx
    .insertInto('taxAdministratorAssignment')
    .values({ municipalityCode: code, taxpayerAddresseeNo: addresseeNo, administratorAddresseeNo: administratorNo, validFrom: '2025-04-01' })
    .execute();
  await trx
    .insertInto('staff')
    .values({ municipalityCode: code, staffNo: 'T0001', name: '試験職員', officeCode: '01', department: '市民税課' })
    .execute();
  await trx.insertInto('staffRole').values({ municipalityCode: code, staffNo: 'T0001', roleCode: FIXTURE_ROLE }).execute();
  await trx
    .insertInto('staffSession')
    .values({ municipalityCode: code, sessionTokenHash: new Uint8Array(32).fill(1), staffNo: 'T0001', expiresAt: '2099-01-01T00:00:00Z' })
    .execute();
  await trx
    .insertInto('staffPasskey')
    .values({ municipalityCode: code, credentialId: new Uint8Array([1, 2, 3]), staffNo: 'T0001', publicKey: new Uint8Array([4, 5, 6]) })
    .execute();
  await trx
    .insertInto('authChallenge')
    .values({ municipalityCode: code, challengeId: '00000000-0000-4000-8000-000000000001', purpose: 'sign_in', challenge: 'c', expiresAt: '2099-01-01T00:00:00Z' })
    .execute();
  await trx
    .insertInto('individualNumberReveal')
    .values({ municipalityCode: code, staffNo: 'T0001', addresseeNo, reasonCode: 'other', reason: '試験' })
    .execute();
  const importId = '00000000-0000-4000-8000-000000000002';
  await trx
    .insertInto('residentChangeImport')
    .values({
      municipalityCode: code,
      importId,
      fileName: 'test.csv',
      fileSha256: new Uint8Array(32),
      encoding: 'utf-8',
      rowCount: 2,
      appliedCount: 1,
      alreadyAppliedCount: 0,
      queuedCount: 1,
      alreadyQueuedCount: 0,
      invalidCount: 0,
    })
    .execute();
  await trx
    .insertInto('residentChangeApplied')
    .values({ municipalityCode: code, rowKey: new Uint8Array(32).fill(1), importId, rowNo: 2, addresseeNo, changeType: 'moved_within', effectiveDate: '2026-04-01' })
    .execute();
  await trx
    .insertInto('residentChangeReview')
    .values({
      municipalityCode: code,
      rowKey: new Uint8Array(32).fill(2),
      importId,
      rowNo: 3,
      changeType: 'moved_out',
      effectiveDate: '2026-04-01',
      nameKanji: '試験　次郎',
      nameKana: 'シケン　ジロウ',
      sexCode: '1',
      birthDate: '1980-01-02',
      address: '他県他市2番',
      individualNumberCiphertext: new Uint8Array(40),
      individualNumberKeyId: 'fixture',
      reasonCode: 'not_found',
    })
    .execute();
  await trx
    .insertInto('auditLog')
    .values({ municipalityCode: code, seq: 1, operation: 'test.fixture', result: 'succeeded', entryHash: new Uint8Array(32) })
    .execute();
  const vehicle = {
    municipalityCode: code,
    ...declaration,
    ...plate,
    vehicleClassCode: 'moped_class1',
    generation: 1,
    ownerAddresseeNo: addresseeNo,
    registrationOfficeCode: '01',
    storageAddressCode: '100',
  };
  await trx.insertInto('vehicle').values(vehicle).execute();
  await trx
    .insertInto('vehicleDeleted')
    .values({ ...vehicle, declarationSerial: 2, deletedByStaffNo: 'T0001', deletionReason: '誤登録' })
    .execute();
  await trx
    .insertInto('levy')
    .values({
      municipalityCode: code,
      ...declaration,
      ...plate,
      generation: 1,
      fiscalYear: 2026,
      taxYear: 2026,
      noticeNo: '1',
      ownerAddresseeNo: addresseeNo,
      originalAmount: 2000,
      amount: 2000,
      unpaidAmount: 2000,
      vehicleClassCode: 'moped_class1',
      rateCase: 'standard',
    })
    .execute();
  await trx.insertInto('assessmentRun').values({ municipalityCode: code, fiscalYear: 2026, kind: 'preview', status: 'completed', finishedAt: new Date() }).execute();
  await trx.insertInto('assessmentNotice').values({ municipalityCode: code, fiscalYear: 2026, taxpayerAddresseeNo: addresseeNo, destinationKey: 'address', noticeNo: '202600000001' }).execute();
  await trx.insertInto('noticeCounter').values({ municipalityCode: code, fiscalYear: 2026, lastSerial: 1 }).execute();
  await trx
    .insertInto('paymentManagement')
    .values({ municipalityCode: code, ...declaration, ...plate, addresseeNo, fiscalYear: 2026, taxYear: 2026, noticeNo: '1' })
    .execute();
  await trx
    .insertInto('plateCompensation')
    .values({
      municipalityCode: code,
      ...declaration,
      ...plate,
      generation: 1,
      taxYear: 2026,
      ownerAddresseeNo: addresseeNo,
      amount: 200,
      unpaidAmount: 200,
      issuedDate: '2026-05-01',
      slipNo: '1',
      vehicleClassCode: 'moped_class1',
    })
    .execute();
  await trx
    .insertInto('reduction')
    .values({ municipalityCode: code, ...declaration, firstReceivedFiscalYear: 2026, ownerAddresseeNo: addresseeNo, disabledPersonAddresseeNo: addresseeNo })
    .execute();
  await trx
    .insertInto('remark')
    .values({
      municipalityCode: code,
      ...declaration,
      remarkNo: 1,
      remarkDate: '2026-05-01',
      body: '電話で納期限を案内',
      methodCode: 'phone',
      lastUpdatedStaffName: '試験職員',
      lastUpdatedStaffNo: 'T0001',
      firstStaffName: '試験職員',
      firstStaffNo: 'T0001',
    })
    .execute();
  await trx
    .insertInto('provisionRecord')
    .values({
      municipalityCode: code,
      kind: 'inquiry',
      integratedAddresseeNo: integratedNo,
      counterpart: '他市町村',
      legalBasisItem: '48',
      informationItem: '地方税関係情報',
      result: 'received',
    })
    .execute();
  const stockPlate = { platePart1: '試験市', platePart2: 'い', platePart3: '1' };
  await trx.insertInto('plateDesignSeries').values({ municipalityCode: code, vehicleClassCode: 'moped_class1', designName: '試験デザイン' }).execute();
  await trx
    .insertInto('plate')
    .values({ municipalityCode: code, ...stockPlate, serial: 1, officeCode: '01', vehicleClassCode: 'moped_class1', design: 'standard', stateChangedOn: '2026-04-01' })
    .execute();
  await trx.insertInto('plateEvent').values({ municipalityCode: code, ...stockPlate, toState: 'in_stock', occurredOn: '2026-04-01', staffNo: 'T0001' }).execute();
  await trx
    .insertInto('otherCityPlate')
    .values({ municipalityCode: code, recoveryNo: '2026-1', issuer: '他市', plateText: '他市 あ 1', recoveredOn: '2026-05-01', staffNo: 'T0001', declarationNo: '2026-1' })
    .execute();
  await trx.insertInto('plateCounter').values({ municipalityCode: code, counterName: 'other_city_recovery', fiscalYear: 2026, lastValue: 1 }).execute();
  const { importId: vehicleImportId } = await trx
    .insertInto('vehicleImport')
    .values({ municipalityCode: code, fileName: 'fixture.csv', fileSha256: Buffer.from('fixture'), encoding: 'utf-8', parserId: 'fixture', recordCount: 1, appliedCount: 0, queuedCount: 1, alreadyTakenCount: 0, invalidCount: 0 })
    .returning('importId')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('vehicleImportRecord')
    .values({ municipalityCode: code, recordKey: Buffer.from(`fixture-${code}`), importId: vehicleImportId, rowNo: 2, source: 'transport_bureau', recordKind: 'inspection', eventDate: '2026-05-01', chassisNo: 'FX-1', content: JSON.stringify({}), status: 'open', reasonCode: 'inspection_data' })
    .execute();
  await trx.insertInto('declarationSeries').values({ municipalityCode: code, officeCode: '01', seriesNo: 0 }).execute();
  await trx.insertInto('declarationCounter').values({ municipalityCode: code, declarationYear: 2026, seriesNo: 0, lastSerial: 1 }).execute();
  await trx.insertInto('certificateNumberCounter').values({ municipalityCode: code, fiscalYear: 2026, lastSerial: 1 }).execute();
  await trx
    .insertInto('certificateIssue')
    .values({ municipalityCode: code, fiscalYear: 2026, serial: 1, certificateKind: 'plate_issue', declarationNo: '2025-1', officeCode: '01', staffNo: 'T0001', issuedOn: '2026-05-01' })
    .execute();
  const { checkRunId } = await trx
    .insertInto('mailingCheckRun')
    .values({ municipalityCode: code, fiscalYear: 2026, assessmentRunId: 1, levyCount: 1, levyAmount: 2000, levyFingerprint: '0'.repeat(64), checkedByStaffNo: 'T0001' })
    .returning('checkRunId')
    .executeTakeFirstOrThrow();
  const checked = { municipalityCode: code, checkRunId, ...declaration };
  await trx
    .insertInto('mailingCheckFinding')
    .values({ ...checked, findingNo: 1, ruleCode: 'amount_changed', noticeNo: '1', taxpayerAddresseeNo: addresseeNo, explanation: '試験', reason: '試験' })
    .execute();
  await trx.insertInto('mailingCheckLevyKey').values({ ...checked, chassisKey: 'FX1' }).execute();
  await trx.insertInto('mailingCheckPriorLevy').values({ ...checked, ownerAddresseeNo: addresseeNo, amount: 2000, vehicleClassCode: 'moped_class1' }).execute();
}
