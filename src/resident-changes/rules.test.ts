import { describe, expect, it } from 'vitest';
import type { AddresseeSummary } from '../addressees/model.js';
import type { ResidentChangeRow } from './model.js';
import { planForAddressee, planResidentChange, type Lookup } from './rules.js';

const row: ResidentChangeRow = {
  rowNo: 2,
  changeType: 'moved_within',
  effectiveDate: '2026-05-01',
  individualNumber: '123456789018',
  previousIndividualNumber: null,
  nameKanji: '越谷\u3000太郎',
  nameKana: 'コシガヤ\u3000タロウ',
  sexCode: '1',
  birthDate: '1980-04-15',
  postalCode: '3430813',
  addressCode: '200',
  address: '埼玉県越谷市大沢2-2-2',
};
const resident: AddresseeSummary = {
  addresseeNo: '112224000000001',
  kind: 'resident',
  nameKanji: '越谷\u3000太郎',
  nameKana: 'コシガヤ\u3000タロウ',
  sexCode: '1',
  birthDate: '1980-04-15',
  address: '埼玉県越谷市越ヶ谷1-1-1',
  status: 'active',
};
const found = (holder: AddresseeSummary = resident): Lookup => ({ holders: [holder], lookalikes: [], newNumberHeldElsewhere: false });
const nobody: Lookup = { holders: [], lookalikes: [], newNumberHeldElsewhere: false };

describe('planResidentChange', () => {
  it('moves a resident within the city (転居)', () => {
    expect(planResidentChange(row, found())).toEqual({
      action: 'update',
      addresseeNo: resident.addresseeNo,
      changes: { postalCode: '3430813', addressCode: '200', address: '埼玉県越谷市大沢2-2-2' },
    });
  });

  it('marks a move out of the city with the new address and no town code (転出)', () => {
    const plan = planResidentChange({ ...row, changeType: 'moved_out', addressCode: null, address: '東京都足立区架空町1-1' }, found());
    expect(plan).toMatchObject({ action: 'update', changes: { status: 'moved_out', statusDate: '2026-05-01', addressCode: null, address: '東京都足立区架空町1-1' } });
  });

  it('marks a death (死亡) and a new name (氏名変更)', () => {
    expect(planResidentChange({ ...row, changeType: 'deceased' }, found())).toMatchObject({ changes: { status: 'deceased', statusDate: '2026-05-01' } });
    const renamed = planResidentChange({ ...row, changeType: 'name_changed', nameKanji: '大沢\u3000太郎', nameKana: 'オオサワ\u3000タロウ' }, found());
    expect(renamed).toMatchObject({ action: 'update', changes: { nameKanji: '大沢\u3000太郎', nameKana: 'オオサワ\u3000タロウ' } });
  });

  it('replaces the number (個人番号変更) unless someone else holds the new one', () => {
    const change = { ...row, changeType: 'number_changed' as const, previousIndividualNumber: '000000000000' };
    expect(planResidentChange(change, found())).toEqual({ action: 'update', addresseeNo: resident.addresseeNo, changes: {}, attachNumber: row.individualNumber });
    expect(planResidentChange(change, { ...found(), newNumberHeldElsewhere: true })).toMatchObject({ action: 'queue', reason: 'number_in_use' });
  });

  it('queues a change for a number nobody holds, with the reason', () => {
    expect(planResidentChange(row, nobody)).toEqual({ action: 'queue', reason: 'not_found', detail: {} });
  });

  it('queues when the number matches but a basic item does not (C2), naming the items', () => {
    expect(planResidentChange({ ...row, birthDate: '1980-04-16', sexCode: '2' }, found())).toEqual({
      action: 'queue',
      reason: 'basic_items_differ',
      detail: { differing: ['sex', 'birthDate'], candidates: [resident.addresseeNo] },
    });
  });

  it('accepts a name in variant characters as the same name', () => {
    expect(planResidentChange({ ...row, nameKanji: '越谷 太郎' }, found({ ...resident, nameKanji: '越谷\u3000太郎' })).action).toBe('update');
  });

  it('queues a change addressed to a non-resident or corporation, and two holders of one number', () => {
    expect(planResidentChange(row, found({ ...resident, kind: 'non_resident' }))).toMatchObject({ action: 'queue', reason: 'not_a_resident' });
    expect(planResidentChange(row, { ...nobody, holders: [resident, { ...resident, addresseeNo: '112224000000002' }] })).toMatchObject({
      action: 'queue',
      reason: 'possible_duplicate',
      detail: { candidates: ['112224000000001', '112224000000002'] },
    });
  });

  describe('arrivals (転入・出生)', () => {
    const movedIn = { ...row, changeType: 'moved_in' as const };

    it('registers a new resident when nobody holds the number and nobody looks alike', () => {
      expect(planResidentChange(movedIn, nobody)).toEqual({ action: 'create' });
    });

    it('turns the non-resident holding the number into a resident', () => {
      const plan = planResidentChange(movedIn, found({ ...resident, kind: 'non_resident', address: '東京都足立区架空町1-1' }));
      expect(plan).toMatchObject({ action: 'update', changes: { kind: 'resident', status: 'active', statusDate: '2026-05-01', addressCode: '200' } });
    });

    it('welcomes back a resident who had moved out', () => {
      expect(planResidentChange(movedIn, found({ ...resident, status: 'moved_out' }))).toMatchObject({ action: 'update', changes: { status: 'active' } });
    });

    it('queues an arrival of someone already an active resident', () => {
      expect(planResidentChange(movedIn, found())).toMatchObject({ action: 'queue', reason: 'already_resident' });
    });

    it('queues an arrival that looks like someone known without a number', () => {
      expect(planResidentChange(movedIn, { ...nobody, lookalikes: ['112224000000009'] })).toEqual({
        action: 'queue',
        reason: 'possible_duplicate',
        detail: { candidates: ['112224000000009'] },
      });
    });
  });
});

describe('planForAddressee (a clerk resolved the row)', () => {
  it('applies the change to the chosen addressee and links the row’s number', () => {
    expect(planForAddressee(row, '112224000000005')).toEqual({
      action: 'update',
      addresseeNo: '112224000000005',
      changes: { postalCode: '3430813', addressCode: '200', address: '埼玉県越谷市大沢2-2-2' },
      attachNumber: row.individualNumber,
    });
  });
});
