/**
 * @module 団体内統合宛名システム (subsystem S3): hands out integrated addressee numbers, keeps each linked
 * to its individual number and provision code in the vault, and answers the other modules by
 * either number — only through this file. It talks to no system but the ones the seed names
 * (I.2 システム3 ③: 庁内連携, 既存住基, 税務システム, 中間サーバー): it opens no connection of its own.
 *
 * The functions taking a `VaultWork` run inside a caller's AccessControl transaction (the
 * addressee register, the resident-change import); the class is the door for everyone else.
 */
import type { Actor } from '../access/actor.js';
import type { AccessControl, AuditNote } from '../access/guard.js';
import type { AddresseeSummary } from '../addressees/model.js';
import type { CityTransaction } from '../db/database.js';
import { Problem } from '../server/problem.js';
import { maskIndividualNumber } from '../shared/individual-number.js';
import { REVEAL_REASONS, type IntegratedLookup, type RevealInput, type RevealRecord } from './model.js';
import { drawNumber } from '../db/numbering.js';
import {
  findByIndividualNumberHash,
  findByProvisionCodeHash,
  findIntegratedAddressee,
  findReveal,
  insertIntegratedAddressee,
  insertReveal,
  resealRow,
  rowsUnderOlderKeys,
  storeIndividualNumber,
  storeProvisionCode,
  type IntegratedAddresseeRow,
} from './repository.js';
import { sealedColumn, type SealedColumnOwner } from './sealed-columns.js';
import type { Vault } from './vault.js';
import { INTEGRATED_ADDRESSEE_OPERATIONS } from './operations.js';

export interface VaultWork {
  trx: CityTransaction;
  municipalityCode: string;
  vault: Vault;
}

/**
 * What S3 asks of the addressee register (S2), which builds on S3 and so cannot be imported
 * here: the composition root hands it in (`linkedAddressees` of src/addressees/service.ts).
 */
export interface LinkedAddressees {
  /** The addressees linked to an integrated addressee number. */
  summariesByIntegratedNo(trx: CityTransaction, integratedAddresseeNo: string): Promise<AddresseeSummary[]>;
  /** An addressee, for its integrated addressee number; undefined when there is none by that number. */
  findAddressee(trx: CityTransaction, addresseeNo: string): Promise<{ integratedAddresseeNo: string | null } | undefined>;
}

const INDIVIDUAL_NUMBER = sealedColumn('integrated_addressee', 'individual_number');
const PROVISION_CODE = sealedColumn('integrated_addressee', 'provision_code');
const individualNumberContext = INDIVIDUAL_NUMBER.context;
const provisionCodeContext = PROVISION_CODE.context;

/** 付番: a new integrated addressee number, unique in the municipality and never reused. */
export async function assignIntegratedAddresseeNo(work: VaultWork): Promise<string> {
  const integratedAddresseeNo = await drawNumber(work.trx, work.municipalityCode, 'integrated_addressee_no');
  await insertIntegratedAddressee(work.trx, work.municipalityCode, integratedAddresseeNo);
  return integratedAddresseeNo;
}

/** The integrated addressee holding `individualNumber`, found by its keyed hash (nothing is decrypted). */
export function integratedNoOfIndividualNumber(work: VaultWork, individualNumber: string): Promise<string | undefined> {
  return findByIndividualNumberHash(work.trx, work.vault.lookupHash('individual_number', work.municipalityCode, individualNumber));
}

/**
 * The vault's columns for an individual number of an integrated addressee: sealed to that row,
 * and its lookup hash. Bulk loads (the demo city) write these directly; everyone else goes
 * through attachIndividualNumber.
 */
export function sealIndividualNumber(vault: Vault, municipalityCode: string, integratedAddresseeNo: string, individualNumber: string) {
  const sealed = vault.seal(individualNumber, individualNumberContext(municipalityCode, integratedAddresseeNo));
  return {
    individualNumberCiphertext: sealed.ciphertext,
    individualNumberKeyId: sealed.keyId,
    individualNumberLookupHash: vault.lookupHash('individual_number', municipalityCode, individualNumber),
  };
}

/** Thrown when a number already belongs to another integrated addressee (one person, one number). */
export class IndividualNumberInUse extends Error {
  constructor(readonly holderIntegratedAddresseeNo: string) {
    super('individual number already linked to another integrated addressee');
  }
}

/**
 * Seals `individualNumber` into the vault for `integratedAddresseeNo`. Unchanged when it is
 * already there; refused when another integrated addressee holds it.
 */
export async function attachIndividualNumber(work: VaultWork, integratedAddresseeNo: string, individualNumber: string): Promise<'set' | 'unchanged'> {
  const columns = sealIndividualNumber(work.vault, work.municipalityCode, integratedAddresseeNo, individualNumber);
  const holder = await findByIndividualNumberHash(work.trx, columns.individualNumberLookupHash);
  if (holder === integratedAddresseeNo) return 'unchanged';
  if (holder) throw new IndividualNumberInUse(holder);
  await storeIndividualNumber(work.trx, integratedAddresseeNo, columns);
  return 'set';
}

/** Whether an individual number is on file for the integrated addressee. */
export async function holdsIndividualNumber(work: VaultWork, integratedAddresseeNo: string | null): Promise<boolean> {
  if (!integratedAddresseeNo) return false;
  return Boolean((await findIntegratedAddressee(work.trx, integratedAddresseeNo))?.individualNumberLookupHash);
}

/** `********1234`, or null when no number is on file. */
export async function maskedIndividualNumberOf(work: VaultWork, integratedAddresseeNo: string | null): Promise<string | null> {
  if (!integratedAddresseeNo) return null;
  const row = await findIntegratedAddressee(work.trx, integratedAddresseeNo);
  const number = row && openIndividualNumber(work, row);
  return number ? maskIndividualNumber(number) : null;
}

function openIndividualNumber(work: VaultWork, row: IntegratedAddresseeRow): string | undefined {
  if (!row.individualNumberCiphertext || !row.individualNumberKeyId) return undefined;
  return work.vault.open(
    { ciphertext: row.individualNumberCiphertext, keyId: row.individualNumberKeyId },
    individualNumberContext(work.municipalityCode, row.integratedAddresseeNo),
  );
}

export function reauthenticationRequired(minutes: number): Problem {
  return new Problem(
    403,
    '再認証が必要です',
    `個人番号を表示するには、${minutes}分以内に本人確認(生体認証とパスワード)をやり直している必要があります。再認証してから、もう一度操作してください。`,
    undefined,
    'urn:keitax:problem:reauthentication-required',
  );
}

export class IntegratedAddresseeService implements SealedColumnOwner {
  readonly sealedColumns = [INDIVIDUAL_NUMBER, PROVISION_CODE];
  readonly sealedValues = 'individual numbers and provision codes';

  constructor(
    private readonly access: AccessControl,
    private readonly vault: Vault,
    /** KEITAX_REVEAL_REAUTH_MINUTES */
    private readonly revealReauthMinutes: number,
    private readonly addressees: LinkedAddressees,
  ) {}

  /** Who has this individual number: the integrated number and the addressees linked to it. */
  lookupByIndividualNumber(actor: Actor, individualNumber: string): Promise<IntegratedLookup | null> {
    return this.access.run(actor, { ...INTEGRATED_ADDRESSEE_OPERATIONS['integratedAddressee.lookup'], detail: { by: 'individualNumber' } }, async (trx, note) => {
      const work = this.work(trx, actor);
      const integratedAddresseeNo = await integratedNoOfIndividualNumber(work, individualNumber);
      return integratedAddresseeNo ? this.describe(work, integratedAddresseeNo, note) : null;
    });
  }

  lookupByIntegratedAddresseeNo(actor: Actor, integratedAddresseeNo: string): Promise<IntegratedLookup | null> {
    return this.access.run(actor, { ...INTEGRATED_ADDRESSEE_OPERATIONS['integratedAddressee.lookup'], detail: { by: 'integratedAddresseeNo' } }, async (trx, note) => {
      const work = this.work(trx, actor);
      return (await findIntegratedAddressee(trx, integratedAddresseeNo)) ? this.describe(work, integratedAddresseeNo, note) : null;
    });
  }

  /**
   * Shows an individual number in full: needs the reveal permission, a re-authentication within
   * the configured minutes, and a reason. Every reveal, and every refusal, is in the audit log
   * (reason category and reveal id in its detail; the reason's words in individual_number_reveal).
   */
  reveal(actor: Actor, addresseeNo: string, input: RevealInput): Promise<{ individualNumber: string; revealId: string; revealedAt: Date }> {
    return this.access.run(
      actor,
      {
        ...INTEGRATED_ADDRESSEE_OPERATIONS['addressee.individualNumber.reveal'],
        subject: { type: 'addressee', id: addresseeNo },
        detail: { reasonCode: input.reasonCode },
      },
      async (trx, note) => {
        const reauthenticatedAt = actor.reauthenticatedAt?.getTime() ?? 0;
        if (Date.now() - reauthenticatedAt > this.revealReauthMinutes * 60_000) throw reauthenticationRequired(this.revealReauthMinutes);
        if (!actor.staffNo) throw new Problem(403, '職員として操作してください', '個人番号の表示は、サインインした職員だけが行えます。');
        const addressee = await this.addressees.findAddressee(trx, addresseeNo);
        if (!addressee) throw Problem.notFound(`宛名番号 ${addresseeNo} の宛名はありません。`);
        const row = addressee.integratedAddresseeNo ? await findIntegratedAddressee(trx, addressee.integratedAddresseeNo) : undefined;
        const individualNumber = row && openIndividualNumber(this.work(trx, actor), row);
        if (!individualNumber) throw Problem.notFound('この宛名には個人番号が登録されていません。');
        const reveal = await insertReveal(trx, { municipalityCode: actor.municipalityCode, staffNo: actor.staffNo, addresseeNo, ...input });
        note.detail({ revealId: reveal.revealId });
        note.rows(1);
        return { individualNumber, ...reveal };
      },
    );
  }

  /**
   * One reveal's record, for the auditor following an audit entry's `revealId` to the reason in
   * the clerk's words (kept out of the audit log itself: it may name people). The look is audited.
   */
  revealRecord(actor: Actor, revealId: string): Promise<RevealRecord> {
    return this.access.run(actor, { ...INTEGRATED_ADDRESSEE_OPERATIONS['integratedAddressee.reveal.read'], detail: { revealId } }, async (trx, note) => {
      const reveal = await findReveal(trx, revealId);
      if (!reveal) throw Problem.notFound('この表示の記録はありません。');
      note.subject({ type: 'addressee', id: reveal.addresseeNo });
      note.rows(1);
      return {
        revealId: reveal.revealId,
        revealedAt: reveal.revealedAt.toISOString(),
        staffNo: reveal.staffNo,
        addresseeNo: reveal.addresseeNo,
        reasonCode: reveal.reasonCode,
        reasonLabel: REVEAL_REASONS[reveal.reasonCode],
        reason: reveal.reason,
      };
    });
  }

  /**
   * Records the provision code (符号) the intermediate server obtained for an integrated
   * addressee. Only the intermediate-server linkage may (C13): no other permission reaches
   * provision codes, and nothing finds a person by name through them.
   */
  recordProvisionCode(actor: Actor, integratedAddresseeNo: string, provisionCode: string): Promise<void> {
    return this.access.run(actor, { ...INTEGRATED_ADDRESSEE_OPERATIONS['integratedAddressee.provisionCode.record'] }, async (trx, note) => {
      if (!(await findIntegratedAddressee(trx, integratedAddresseeNo))) throw Problem.notFound(`統合宛名番号 ${integratedAddresseeNo} はありません。`);
      const hash = this.vault.lookupHash('provision_code', actor.municipalityCode, provisionCode);
      const holder = await findByProvisionCodeHash(trx, hash);
      if (holder && holder !== integratedAddresseeNo) throw Problem.conflict('この符号は別の統合宛名番号に登録されています。', [{ field: 'provisionCode', message: '登録済みの符号です' }]);
      await storeProvisionCode(trx, integratedAddresseeNo, this.vault.seal(provisionCode, provisionCodeContext(actor.municipalityCode, integratedAddresseeNo)), hash);
      note.rows(1);
    });
  }

  /** The provision code of an integrated addressee, for an outbound inquiry (情報照会). */
  provisionCodeOf(actor: Actor, integratedAddresseeNo: string): Promise<string | null> {
    return this.access.run(actor, { ...INTEGRATED_ADDRESSEE_OPERATIONS['integratedAddressee.provisionCode.read'] }, async (trx, note) => {
      const row = await findIntegratedAddressee(trx, integratedAddresseeNo);
      if (!row?.provisionCodeCiphertext || !row.provisionCodeKeyId) return null;
      note.rows(1);
      return this.vault.open({ ciphertext: row.provisionCodeCiphertext, keyId: row.provisionCodeKeyId }, provisionCodeContext(actor.municipalityCode, integratedAddresseeNo));
    });
  }

  /** The integrated addressee an inbound request (情報提供) names by its provision code. */
  integratedNoOfProvisionCode(actor: Actor, provisionCode: string): Promise<string | null> {
    return this.access.run(actor, { ...INTEGRATED_ADDRESSEE_OPERATIONS['integratedAddressee.provisionCode.resolve'] }, async (trx) => {
      return (await findByProvisionCodeHash(trx, this.vault.lookupHash('provision_code', actor.municipalityCode, provisionCode))) ?? null;
    });
  }

  /**
   * Re-seals one batch of values still under an older key with the current one, in one audited
   * transaction (`keitax keys rotate`). Returns how many values it re-sealed; 0 when done.
   */
  resealBatch(actor: Actor, batchSize: number): Promise<number> {
    return this.access.run(actor, { ...INTEGRATED_ADDRESSEE_OPERATIONS['integratedAddressee.rekey'] }, async (trx, note) => {
      const rows = await rowsUnderOlderKeys(trx, this.vault.currentKeyId, batchSize);
      let values = 0;
      for (const row of rows) {
        const code = actor.municipalityCode;
        const number = row.individualNumberCiphertext && row.individualNumberKeyId
          ? this.vault.reseal({ ciphertext: row.individualNumberCiphertext, keyId: row.individualNumberKeyId }, individualNumberContext(code, row.integratedAddresseeNo))
          : undefined;
        const provision = row.provisionCodeCiphertext && row.provisionCodeKeyId
          ? this.vault.reseal({ ciphertext: row.provisionCodeCiphertext, keyId: row.provisionCodeKeyId }, provisionCodeContext(code, row.integratedAddresseeNo))
          : undefined;
        await resealRow(trx, row.integratedAddresseeNo, number, provision);
        values += (number ? 1 : 0) + (provision ? 1 : 0);
      }
      note.rows(values);
      return values;
    });
  }

  private work(trx: CityTransaction, actor: Actor): VaultWork {
    return { trx, municipalityCode: actor.municipalityCode, vault: this.vault };
  }

  private async describe(work: VaultWork, integratedAddresseeNo: string, note: AuditNote): Promise<IntegratedLookup> {
    const addressees = await this.addressees.summariesByIntegratedNo(work.trx, integratedAddresseeNo);
    note.rows(addressees.length);
    if (addressees.length === 1 && addressees[0]) note.subject({ type: 'addressee', id: addressees[0].addresseeNo });
    return { integratedAddresseeNo, maskedIndividualNumber: await maskedIndividualNumberOf(work, integratedAddresseeNo), addressees };
  }
}
