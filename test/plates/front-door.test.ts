import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityTransaction, Database } from '../../src/db/database.js';
import type { PlateNumber } from '../../src/plates/model.js';
import {
  createCompensationSlip,
  defineDesignSeries,
  issuePlate,
  loadPlateRange,
  recordOtherCityPlate,
  swapPlate,
  takeBackPlate,
} from '../../src/plates/service.js';
import { Problem } from '../../src/server/problem.js';
import { loadRuleBook } from '../../src/tax-rules/overrides-file.js';
import { createTestDatabase } from '../support/database.js';

const CITY = '112224';
const KOSHIGAYA = loadRuleBook(new URL('../../config/tax-overrides/', import.meta.url).pathname, CITY);
const OWNER = `${CITY}000000001`;

/** A 越谷市 plate of the class-1 moped series `あ`. */
const plate = (part3: number, part2 = 'あ'): PlateNumber => ({ part1: '越谷市', part2, part3: String(part3) });
const issueRequest = (extra: Partial<Parameters<typeof issuePlate>[1]> = {}) => ({
  officeCode: '01',
  vehicleClassCode: 'moped_class1' as const,
  design: 'standard' as const,
  staffNo: 'T0001',
  issuedOn: '2026-05-01',
  declarationNo: '2026-1',
  ...extra,
});

/** The problem a piece of work was refused with. */
async function refusal(work: Promise<unknown>): Promise<Problem> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Problem);
  return error as Problem;
}

describe('the plate front door the vehicle register calls (src/plates/service.ts)', () => {
  let db: Database;
  const inCity = <T>(work: (trx: CityTransaction) => Promise<T>) => db.withMunicipality(CITY, work);
  const stateOf = async (number: PlateNumber) =>
    (await inCity((trx) => trx.selectFrom('plate').select(['state', 'declarationNo']).where('platePart2', '=', number.part2).where('platePart3', '=', number.part3).executeTakeFirstOrThrow()));
  const load = (first: number, last: number, extra: Partial<Parameters<typeof loadPlateRange>[2]> = {}) =>
    inCity((trx) =>
      loadPlateRange(trx, 'T0001', { officeCode: '01', vehicleClassCode: 'moped_class1', design: 'standard', part1: '越谷市', part2: 'あ', firstSerial: first, lastSerial: last, receivedOn: '2026-04-01', ...extra }),
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    await inCity(async (trx) => {
      await trx.insertInto('municipality').values({ municipalityCode: CITY, name: '越谷市', prefecture: '埼玉県', isDemo: true }).execute();
      await trx
        .insertInto('office')
        .values([
          { municipalityCode: CITY, officeCode: '01', name: '市民税課', kind: 'main' },
          { municipalityCode: CITY, officeCode: '02', name: '北部出張所', kind: 'branch' },
        ])
        .execute();
      await trx.insertInto('addressee').values({ municipalityCode: CITY, addresseeNo: OWNER, kind: 'non_resident', nameKanji: '試験　一郎', nameKana: 'シケン　イチロウ', address: '他県他市1番' }).execute();
      await defineDesignSeries(trx, { vehicleClassCode: 'moped_class1', designName: 'しらこばと橋とガーヤちゃん' });
    });
    await load(1, 20);
    await load(101, 110, { officeCode: '02' });
    await load(501, 510, { design: 'city_design', part2: 'か' });
  });
  afterAll(async () => {
    await db.close();
  });

  it('issues the lowest number in stock of the class and design at the office, and records who, when and which declaration', async () => {
    const issued = await inCity((trx) => issuePlate(trx, issueRequest({ declarationNo: '2026-10' })));
    expect(issued).toEqual({ plate: plate(1), officeCode: '01', vehicleClassCode: 'moped_class1', design: 'standard', issuedOn: '2026-05-01', declarationNo: '2026-10' });
    expect(await stateOf(plate(1))).toEqual({ state: 'issued', declarationNo: '2026-10' });
    const events = await inCity((trx) => trx.selectFrom('plateEvent').selectAll().where('platePart3', '=', '1').where('platePart2', '=', 'あ').orderBy('eventId').execute());
    expect(events.map((e) => [e.fromState, e.toState, e.staffNo, e.declarationNo, e.occurredOn])).toEqual([
      [null, 'in_stock', 'T0001', null, '2026-04-01'],
      ['in_stock', 'issued', 'T0001', '2026-10', '2026-05-01'],
    ]);
  });

  it('issues the plate the clerk names, and the city design from its own series', async () => {
    expect((await inCity((trx) => issuePlate(trx, issueRequest({ plate: plate(7) })))).plate).toEqual(plate(7));
    const design = await inCity((trx) => issuePlate(trx, issueRequest({ design: 'city_design' })));
    expect(design).toMatchObject({ plate: plate(501, 'か'), design: 'city_design' });
  });

  it('refuses a plate not in stock at that office, of another class or design, or unknown — in Japanese, changing nothing', async () => {
    const elsewhere = await refusal(inCity((trx) => issuePlate(trx, issueRequest({ plate: plate(101) }))));
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.detail).toContain('ほかの拠点の在庫です');
    expect((await refusal(inCity((trx) => issuePlate(trx, issueRequest({ plate: plate(8), vehicleClassCode: 'moped_class2_ko' }))))).detail).toContain('原動機付自転車 第一種の標識です');
    expect((await refusal(inCity((trx) => issuePlate(trx, issueRequest({ plate: plate(8), design: 'city_design' }))))).detail).toContain('標準の標識です');
    expect((await refusal(inCity((trx) => issuePlate(trx, issueRequest({ plate: plate(9999) }))))).detail).toContain('台帳にありません');
    expect((await refusal(inCity((trx) => issuePlate(trx, issueRequest({ vehicleClassCode: 'minicar' }))))).detail).toContain('ミニカー(標準)の標識の在庫がありません');
    expect(await stateOf(plate(101))).toEqual({ state: 'in_stock', declarationNo: null });
    expect(await stateOf(plate(8))).toEqual({ state: 'in_stock', declarationNo: null });
  });

  it('validates the request with clerk-worded messages', async () => {
    const wrong = await refusal(inCity((trx) => issuePlate(trx, { ...issueRequest(), declarationNo: '2026' })));
    expect(wrong.errors).toEqual([{ field: 'declarationNo', message: '申告書番号は「年-連番」(例 2026-123)で入力してください' }]);
  });

  it('takes a plate back as returned, lost, stolen or not returned (kept: lost to the stock), and refuses impossible moves', async () => {
    for (const [serial, outcome, state] of [
      [11, 'returned', 'returned'],
      [12, 'lost', 'lost'],
      [13, 'stolen', 'stolen'],
      [14, 'not_returned', 'lost'],
    ] as const) {
      await inCity((trx) => issuePlate(trx, issueRequest({ plate: plate(serial) })));
      const back = await inCity((trx) => takeBackPlate(trx, { plate: plate(serial), outcome, on: '2026-06-01', staffNo: 'T0002', declarationNo: '2026-20' }));
      expect(back).toEqual({ plate: plate(serial), state });
    }
    const kept = await inCity((trx) => trx.selectFrom('plateEvent').select(['returnCode', 'toState']).where('platePart3', '=', '14').where('platePart2', '=', 'あ').orderBy('eventId', 'desc').executeTakeFirstOrThrow());
    expect(kept).toEqual({ returnCode: 'not_returned', toState: 'lost' });

    const reissue = await refusal(inCity((trx) => issuePlate(trx, issueRequest({ plate: plate(11) }))));
    expect(reissue.detail).toBe('標識「越谷市 あ 11」は「返納済み」のため、「交付中」にできません。');
    const notIssued = await refusal(inCity((trx) => takeBackPlate(trx, { plate: plate(15), outcome: 'returned', on: '2026-06-01', staffNo: 'T0002', declarationNo: '2026-20' })));
    expect(notIssued.detail).toContain('「在庫」のため、「返納済み」にできません');
  });

  it('refuses to issue a void plate', async () => {
    await inCity(async (trx) => {
      await trx.updateTable('plate').set({ state: 'void' }).where('platePart2', '=', 'あ').where('platePart3', '=', '16').execute();
    });
    expect((await refusal(inCity((trx) => issuePlate(trx, issueRequest({ plate: plate(16) }))))).detail).toContain('「廃棄」のため');
  });

  it('lets exactly one of two clerks issuing the same plate at once succeed', async () => {
    const attempts = await Promise.allSettled(
      ['2026-31', '2026-32'].map((declarationNo) => inCity((trx) => issuePlate(trx, issueRequest({ plate: plate(17), declarationNo })))),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const [lost] = attempts.filter((a) => a.status === 'rejected');
    expect((lost as PromiseRejectedResult).reason).toBeInstanceOf(Problem);
    expect(((lost as PromiseRejectedResult).reason as Problem).status).toBe(409);
    const issuedEvents = await inCity((trx) =>
      trx.selectFrom('plateEvent').select('declarationNo').where('platePart2', '=', 'あ').where('platePart3', '=', '17').where('toState', '=', 'issued').execute(),
    );
    expect(issuedEvents).toHaveLength(1);
  });

  it('gives two clerks drawing the next plate at once two different plates', async () => {
    const drawn = await Promise.all(['2026-41', '2026-42'].map((declarationNo) => inCity((trx) => issuePlate(trx, issueRequest({ officeCode: '02', declarationNo })))));
    expect(drawn.map((d) => d.plate.part3).sort()).toEqual(['101', '102']);
  });

  it('swaps a standard plate for the city design under one declaration, and refuses a swap to the design it has', async () => {
    await inCity((trx) => issuePlate(trx, issueRequest({ plate: plate(18) })));
    const swapped = await inCity((trx) => swapPlate(trx, { plate: plate(18), officeCode: '01', to: 'city_design', on: '2026-07-01', staffNo: 'T0003', declarationNo: '2026-50' }));
    expect(swapped).toMatchObject({ design: 'city_design', declarationNo: '2026-50', vehicleClassCode: 'moped_class1' });
    expect(await stateOf(plate(18))).toEqual({ state: 'returned', declarationNo: null });
    const same = await refusal(inCity((trx) => swapPlate(trx, { plate: swapped.plate, officeCode: '01', to: 'city_design', on: '2026-07-01', staffNo: 'T0003', declarationNo: '2026-51' })));
    expect(same.errors?.[0]?.message).toContain('既に市独自デザインの標識です');
  });

  it("records other cities' plates under numbers without gaps per fiscal year", async () => {
    const request = { issuer: '草加市', plateText: '草加市 あ 1234', on: '2026-05-10', staffNo: 'T0001', declarationNo: '2026-60' };
    expect(await inCity((trx) => recordOtherCityPlate(trx, request))).toEqual({ recoveryNo: '2026-1' });
    expect(await inCity((trx) => recordOtherCityPlate(trx, request))).toEqual({ recoveryNo: '2026-2' });
    expect(await inCity((trx) => recordOtherCityPlate(trx, { ...request, on: '2027-04-01' }))).toEqual({ recoveryNo: '2027-1' });
  });

  describe('compensation slips (弁償金納付書)', () => {
    const slip = (extra: Partial<Parameters<typeof createCompensationSlip>[2]> = {}) =>
      inCity((trx) =>
        createCompensationSlip(trx, KOSHIGAYA, {
          declarationNo: '2026-10',
          generation: 1,
          addresseeNo: OWNER,
          plate: plate(12),
          reason: 'lost',
          theftReported: false,
          staffNo: 'T0001',
          on: '2026-06-02',
          ...extra,
        }),
      );

    it("charges the city's fee for a lost plate, citing the city's setting, numbered per fiscal year", async () => {
      const first = await slip();
      expect(first).toMatchObject({
        slipNo: '202600000001',
        declarationNo: '2026-10',
        taxYear: 2026,
        amount: 200,
        unpaidAmount: 200,
        paidAmount: 0,
        vehicleClassCode: 'moped_class1',
        plate: plate(12),
        reason: 'lost',
        theftReportShown: false,
        staffNo: 'T0001',
      });
      expect(first.feeCitation).toMatch(/^越谷市: /);
      expect((await slip({ reason: 'damaged', plate: plate(11) })).slipNo).toBe('202600000002');
    });

    it('waives the fee for a stolen plate when the police theft report is shown, and charges it without one', async () => {
      expect((await slip({ reason: 'stolen', theftReported: true, plate: plate(13) })).amount).toBe(0);
      expect((await slip({ reason: 'stolen', theftReported: false, plate: plate(13) })).amount).toBe(200);
    });

    it('refuses a theft report for a plate that was not stolen, and a plate never issued, saving nothing', async () => {
      const before = await inCity((trx) => sql<{ n: number }>`select count(*)::int as n from plate_compensation`.execute(trx));
      expect((await refusal(slip({ reason: 'lost', theftReported: true }))).errors).toEqual([{ field: 'theftReported', message: '盗難届の提示は、理由が盗難のときだけ記録できます' }]);
      expect((await refusal(slip({ plate: plate(19) }))).detail).toContain('在庫にあり、交付されていません');
      const after = await inCity((trx) => sql<{ n: number }>`select count(*)::int as n from plate_compensation`.execute(trx));
      expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
    });
  });
});
