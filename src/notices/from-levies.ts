/**
 * @module The notices of a fiscal year built from its levies (軽自課税マスター): the assessment's
 * front door hands the levies page by page in notice order, and each notice number becomes one
 * `NoticeData` once all its levies are read — with the taxpayer's name and where the notice goes
 * (addressees' front door), each vehicle as the register names it (vehicles' front door), and why
 * its amount differs from last year's levy of the same vehicle. Only one page and the notices
 * built from it are held at a time. docs/notices.md
 */
import { leviesOfYear, type LevyRow } from '../assessment/service.js';
import { noticeAddresses, type NoticeAddress } from '../addressees/service.js';
import type { CityTransaction } from '../db/database.js';
import { municipalityIn } from '../municipality/service.js';
import { formatEraYearMonth } from '../shared/era.js';
import { KEI_3_4_RATE_KEYS, RATE_CASE_LABEL, yen, type RateCase as EngineRateCase } from '../tax-rules/model.js';
import { leviedVehicles, type LeviedVehicle } from '../vehicles/service.js';
import type { NoticeData, NoticeMunicipality, NoticeVehicle, RateCase, TaxDivisionContact } from './model.js';

/** What a notice prints that is the city's, not the levy's: settings (src/config.ts `notices`). */
export interface NoticeSettings {
  contact: TaxDivisionContact;
  /** 収納企業コード (5 digits), or null where the city takes no convenience-store payment. */
  convenienceStoreCompanyCode: string | null;
}

export interface NoticeSelection {
  municipalityCode: string;
  fiscalYear: number;
  /** 発付日 printed on the notices. */
  issuedOn: string;
  /** Printed again from the taxpayer's screen (再発行). */
  reprint: boolean;
  /** One notice, or the notices of one taxpayer; every notice of the year when neither is given. */
  noticeNo?: string;
  ownerAddresseeNo?: string;
}

/** Levies read per page: a few hundred notices' worth, held while their notices are built. */
export const LEVY_PAGE_SIZE = 1000;

const engineRateCase = (levy: LevyRow): EngineRateCase => (levy.rateCase ?? 'standard') as EngineRateCase;
const key = (levy: Pick<LevyRow, 'declarationYear' | 'declarationSerial'>) => `${levy.declarationYear}-${levy.declarationSerial}`;
const generationKey = (levy: LevyRow) => `${key(levy)}-${levy.generation}`;

/**
 * A 新基準原付: a two-wheel moped of over 50 cc and at most 125 cc whose maximum output is at most
 * 4.0 kW, taxed as a 第一種 from FY2025 (地方税法第463条の15第1項第1号イ, 令和7年度改正).
 */
const isNewStandardMoped = (levy: LevyRow, vehicle: LeviedVehicle | undefined) =>
  levy.vehicleClassCode === 'moped_class1' && (vehicle?.displacementCc ?? 0) > 50 && (vehicle?.maxOutputKw ?? Infinity) <= 4;

/** The rate case as the notice names it, and why it applies, worded from the register. */
function rateCaseOf(levy: LevyRow, vehicle: LeviedVehicle | undefined): { rateCase: RateCase; rateReason: string | null } {
  const inspected = vehicle?.firstInspection ? `初度検査 ${formatEraYearMonth(vehicle.firstInspection)}` : null;
  switch (engineRateCase(levy)) {
    // 地方税法附則第30条第1項: 13 years from the first inspection month.
    case 'heavy':
      return { rateCase: 'heavyRate', rateReason: `${inspected ?? '初度検査'}から13年を経過` };
    // 平成26年法律第4号附則第14条第2項: first inspected before April 2015.
    case 'old':
      return { rateCase: 'previousRate', rateReason: `${inspected ?? '初度検査'}(平成27年3月以前)` };
    // 地方税法附則第30条第2項: the year after the first inspection.
    case 'green75':
    case 'green50':
    case 'green25':
      return { rateCase: 'greenReduction', rateReason: [RATE_CASE_LABEL[engineRateCase(levy)], inspected].filter(Boolean).join('・') };
    case 'standard':
      return isNewStandardMoped(levy, vehicle) ? { rateCase: 'newStandardMoped', rateReason: `排気量${vehicle?.displacementCc}cc・最高出力${vehicle?.maxOutputKw}kW` } : { rateCase: 'standard', rateReason: null };
  }
}

/** Why this year's amount is not last year's for the same vehicle and taxpayer; null where it is the same or there was none. */
export function differenceFromLastYear(levy: LevyRow, lastYear: LevyRow | undefined): string | null {
  if (!lastYear || lastYear.amount === levy.amount) return null;
  const was = `(前年度 ${yen(lastYear.amount)})`;
  const [before, now] = [engineRateCase(lastYear), engineRateCase(levy)];
  if (before !== now) {
    if (now === 'heavy') return `重課の開始${was}`;
    if (before.startsWith('green')) return `グリーン化特例(軽課)の終了${was}`;
    return `税率の区分の変更 ${RATE_CASE_LABEL[before]}→${RATE_CASE_LABEL[now]}${was}`;
  }
  if (lastYear.vehicleClassCode !== levy.vehicleClassCode) return `車種区分の変更${was}`;
  return `税率の改正又は減免の変更${was}`;
}

function vehicleOf(levy: LevyRow, vehicle: LeviedVehicle | undefined, lastYear: LevyRow | undefined): NoticeVehicle {
  return {
    classLabel: vehicle?.classLabel ?? levy.vehicleClassCode,
    plateText: [levy.platePart1, levy.platePart2, levy.platePart3].filter(Boolean).join(' ') || (vehicle?.plateText ?? null),
    chassisNo: vehicle?.chassisNo ?? null,
    amount: levy.amount,
    ...rateCaseOf(levy, vehicle),
    // The levy holds the amount after any 減免 but not the reduction's name: none is approved
    // before the reductions capability exists (src/assessment NO_APPROVED_REDUCTIONS).
    reduction: null,
    differsFromLastYear: differenceFromLastYear(levy, lastYear),
    inspectionCertificateStub: (KEI_3_4_RATE_KEYS as readonly string[]).includes(levy.vehicleClassCode),
  };
}

/** Every levy of `fiscalYear` of these taxpayers, keyed by declaration number: last year's, to compare with. */
async function leviesOfTaxpayers(trx: CityTransaction, fiscalYear: number, addresseeNos: readonly string[]): Promise<Map<string, LevyRow>> {
  const found = new Map<string, LevyRow>();
  for (const ownerAddresseeNo of addresseeNos) {
    for (let page = await leviesOfYear(trx, fiscalYear, { ownerAddresseeNo, limit: LEVY_PAGE_SIZE }); page.length > 0; ) {
      for (const levy of page) found.set(key(levy), levy);
      page = page.length < LEVY_PAGE_SIZE ? [] : await leviesOfYear(trx, fiscalYear, { ownerAddresseeNo, after: page.at(-1), limit: LEVY_PAGE_SIZE });
    }
  }
  return found;
}

const postalCode = (digits: string | null) => (digits ? `${digits.slice(0, 3)}-${digits.slice(3)}` : '');

/** The notices of complete groups of levies (one group per notice number). */
async function noticesOf(trx: CityTransaction, selection: NoticeSelection, municipality: NoticeMunicipality, groups: LevyRow[][]): Promise<NoticeData[]> {
  const levies = groups.flat();
  const taxpayers = [...new Set(levies.map((levy) => levy.ownerAddresseeNo))];
  const [addresses, vehicles, lastYear] = await Promise.all([
    noticeAddresses(trx, taxpayers, selection.issuedOn),
    leviedVehicles(trx, levies),
    leviesOfTaxpayers(trx, selection.fiscalYear - 1, taxpayers),
  ]);
  return groups.map((group) => {
    const first = group[0] as LevyRow;
    const address = addresses.get(first.ownerAddresseeNo) as NoticeAddress | undefined;
    if (!address) throw new Error(`notice ${first.noticeNo} names taxpayer ${first.ownerAddresseeNo}, who is not in the register`);
    const noticeVehicles = group.map((levy) => vehicleOf(levy, vehicles.get(generationKey(levy)), lastYear.get(key(levy))));
    return {
      municipality,
      fiscalYear: selection.fiscalYear,
      noticeNo: first.noticeNo,
      taxpayer: {
        addresseeNo: first.ownerAddresseeNo,
        name: address.taxpayerName,
        mailTo: { postalCode: postalCode(address.postalCode), address: address.address, name: address.envelopeName },
      },
      issuedOn: selection.issuedOn,
      dueDate: String(first.paymentDeadline ?? first.originalDueDate),
      vehicles: noticeVehicles,
      total: noticeVehicles.reduce((sum, vehicle) => sum + vehicle.amount, 0),
      // The register records no 口座振替 yet (docs/notices.md): every notice is a cash payer's.
      payment: { directDebit: false },
      reprint: selection.reprint,
    };
  });
}

/** The city as its notices sign: its name from the register of municipalities, the rest from settings. */
async function municipalityOf(trx: CityTransaction, municipalityCode: string, settings: NoticeSettings): Promise<NoticeMunicipality> {
  const found = await municipalityIn(trx, municipalityCode);
  if (!found) throw new Error(`municipality ${municipalityCode} is not registered`);
  return { name: found.name, mayorTitle: `${found.name}長`, contact: settings.contact, convenienceStoreCompanyCode: settings.convenienceStoreCompanyCode };
}

/**
 * The notices of the selection in notice order, one per notice number, read inside the caller's
 * transaction `pageSize` levies at a time.
 */
export async function* noticesFromLevies(trx: CityTransaction, selection: NoticeSelection, settings: NoticeSettings, pageSize = LEVY_PAGE_SIZE): AsyncGenerator<NoticeData> {
  const municipality = await municipalityOf(trx, selection.municipalityCode, settings);
  const filter = { ...(selection.noticeNo !== undefined ? { noticeNo: selection.noticeNo } : {}), ...(selection.ownerAddresseeNo !== undefined ? { ownerAddresseeNo: selection.ownerAddresseeNo } : {}) };
  // The levies of a notice whose last levy may still be on the next page.
  let open: LevyRow[] = [];
  for (let page = await leviesOfYear(trx, selection.fiscalYear, { ...filter, limit: pageSize }); ; ) {
    const complete: LevyRow[][] = [];
    for (const levy of page) {
      if (open.length > 0 && open[0]?.noticeNo !== levy.noticeNo) {
        complete.push(open);
        open = [];
      }
      open.push(levy);
    }
    const last = page.length < pageSize;
    if (last && open.length > 0) complete.push(open);
    yield* await noticesOf(trx, selection, municipality, complete);
    if (last) return;
    page = await leviesOfYear(trx, selection.fiscalYear, { ...filter, after: page.at(-1), limit: pageSize });
  }
}
