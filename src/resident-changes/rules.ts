/**
 * @module What one resident-registry change does to the register (C16, seed II.3⑥ 「住民異動により変更
 * された個人情報においては、個人番号により突合及び更新を行なう」): the person is found by
 * individual number, and the individual number plus the basic items must agree (C2) before
 * anything changes. Pure: the service looks the people up and carries the plan out.
 */
import { scoreBasicItems, type AddresseeSummary, type BasicItem } from '../addressees/model.js';
import { ARRIVALS, type ResidentChangeRow, type ReviewReason } from './model.js';

export type AddresseeFields = Partial<
  Pick<AddresseeSummary, 'kind' | 'nameKanji' | 'nameKana' | 'sexCode' | 'birthDate' | 'address' | 'status'> & {
    statusDate: string | null;
    postalCode: string | null;
    addressCode: string | null;
  }
>;

export type Plan =
  | { action: 'create' }
  | { action: 'update'; addresseeNo: string; changes: AddresseeFields; attachNumber?: string }
  | { action: 'queue'; reason: ReviewReason; detail: { differing?: BasicItem[]; candidates?: string[] } };

export interface Lookup {
  /** Addressees holding the row's number (the previous number for 個人番号変更). */
  holders: AddresseeSummary[];
  /** For an arrival nobody holds the number of: addressees with the same name and birth date. */
  lookalikes: string[];
  /** For 個人番号変更: whether someone else already holds the new number. */
  newNumberHeldElsewhere: boolean;
}

/** The row's address, as the register keeps it. */
const residence = (row: ResidentChangeRow): AddresseeFields => ({ postalCode: row.postalCode, addressCode: row.addressCode, address: row.address });

/** Everything the registry says about a person who arrives: they become (again) an active resident. */
const arrival = (row: ResidentChangeRow): AddresseeFields => ({
  kind: 'resident',
  status: 'active',
  statusDate: row.effectiveDate,
  nameKanji: row.nameKanji,
  nameKana: row.nameKana,
  sexCode: row.sexCode,
  birthDate: row.birthDate,
  ...residence(row),
});

/** The items that identify the person and must not change with this kind of change. */
function identityItems(row: ResidentChangeRow) {
  const keepsName = row.changeType !== 'name_changed';
  return {
    ...(keepsName ? { nameKanji: row.nameKanji, nameKana: row.nameKana } : {}),
    sexCode: row.sexCode,
    birthDate: row.birthDate,
  };
}

export function planResidentChange(row: ResidentChangeRow, lookup: Lookup): Plan {
  const { holders } = lookup;
  if (holders.length > 1) return { action: 'queue', reason: 'possible_duplicate', detail: { candidates: holders.map((h) => h.addresseeNo) } };
  const holder = holders[0];

  if (ARRIVALS.has(row.changeType)) {
    if (holder) {
      if (holder.kind === 'resident' && holder.status === 'active') return { action: 'queue', reason: 'already_resident', detail: { candidates: [holder.addresseeNo] } };
      const differing = scoreBasicItems(identityItems(row), holder).differing;
      if (differing.length > 0) return { action: 'queue', reason: 'basic_items_differ', detail: { differing, candidates: [holder.addresseeNo] } };
      return { action: 'update', addresseeNo: holder.addresseeNo, changes: changesFor(row) };
    }
    // Someone of the same name and birth date is already known (a non-resident registered
    // without a number, say): the new address cannot confirm it, so a clerk decides.
    if (lookup.lookalikes.length > 0) return { action: 'queue', reason: 'possible_duplicate', detail: { candidates: lookup.lookalikes } };
    return { action: 'create' };
  }

  if (!holder) return { action: 'queue', reason: 'not_found', detail: {} };
  if (holder.kind !== 'resident') return { action: 'queue', reason: 'not_a_resident', detail: { candidates: [holder.addresseeNo] } };
  const differing = scoreBasicItems(identityItems(row), holder).differing;
  if (differing.length > 0) return { action: 'queue', reason: 'basic_items_differ', detail: { differing, candidates: [holder.addresseeNo] } };

  if (row.changeType === 'number_changed' && lookup.newNumberHeldElsewhere) {
    return { action: 'queue', reason: 'number_in_use', detail: { candidates: [holder.addresseeNo] } };
  }
  return {
    action: 'update',
    addresseeNo: holder.addresseeNo,
    changes: changesFor(row),
    ...(row.changeType === 'number_changed' ? { attachNumber: row.individualNumber } : {}),
  };
}

/** What each kind of change writes on the person's record. */
function changesFor(row: ResidentChangeRow): AddresseeFields {
  switch (row.changeType) {
    case 'moved_in':
    case 'birth':
      return arrival(row);
    case 'moved_out':
      // The new address is outside the city: it has no town code of ours.
      return { status: 'moved_out', statusDate: row.effectiveDate, ...residence(row), addressCode: null };
    case 'moved_within':
      return residence(row);
    case 'deceased':
      return { status: 'deceased', statusDate: row.effectiveDate };
    case 'name_changed':
      return { nameKanji: row.nameKanji, nameKana: row.nameKana };
    case 'number_changed':
      return {};
  }
}

/**
 * A clerk has decided which addressee a queued row belongs to: the row applies to it as if the
 * number had matched, whatever the basic items say (the clerk checked them), and links the
 * row's individual number to it.
 */
export function planForAddressee(row: ResidentChangeRow, addresseeNo: string): Extract<Plan, { action: 'update' }> {
  return { action: 'update', addresseeNo, changes: changesFor(row), attachNumber: row.individualNumber };
}
