import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TAX_RULES_EXAMPLES } from '../../test/tax-rules/examples.js';
import { annualAmount, calculate } from './amount.js';
import { FUEL_LABEL, FUELS, KEI_3_4_RATE_KEYS, TaxInputError, USES, VEHICLE_CLASSES, type Fuel, type Kei34RateKey, type VehicleInput } from './model.js';
import { greenAmounts, heavyRates, oldRates, smallSpecialRates, standardRates } from './parameters/rates.js';
import { NATIONAL, RuleBook, validateOverrides } from './rulebook.js';

const KEI_3_4 = KEI_3_4_RATE_KEYS.map((key) => {
  const [vehicleClass, use] = key === 'kei_three_wheel' ? ['kei_three_wheel', 'private'] : [key.replace(/_(private|commercial)$/, ''), key.endsWith('_private') ? 'private' : 'commercial'];
  return { key, vehicleClass: vehicleClass as VehicleInput['vehicleClass'], use: use as VehicleInput['use'] };
});
const STANDARD = { ...standardRates.periods[0]!.value, ...smallSpecialRates.periods[0]!.value };
const OLD = oldRates.periods[0]!.value.amounts;
const HEAVY = heavyRates.periods[0]!.value;
const GREEN = greenAmounts.periods[0]!.value;

function kei(key: Kei34RateKey, fiscalYear: number, firstInspection: string, extra: Partial<VehicleInput> = {}) {
  const k = KEI_3_4.find((c) => c.key === key)!;
  // A three-wheeler's body decides its green criteria: passenger here unless the test says otherwise.
  const body = key === 'kei_three_wheel' ? { body: 'passenger' as const } : {};
  return annualAmount(NATIONAL, { fiscalYear, vehicleClass: k.vehicleClass, use: k.use, firstInspection, fuel: 'gasoline', naturalGasEmissionStandard: true, ...body, ...extra });
}

/** Fewer property runs under mutation testing (vitest.mutation.config.ts), where each mutant reruns them. */
const propertyRuns = (runs: number) => Math.ceil(runs / Number(process.env.TAX_PROPERTY_RUNS_DIVISOR ?? 1));

function errorOf(work: () => unknown): { field: string; message: string } | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof TaxInputError) return error.errors[0];
    throw error;
  }
  return undefined;
}

describe('annual amount: the examples of TAX-RULES.md §6', () => {
  it.each(TAX_RULES_EXAMPLES)('$rule → $expected.amount yen ($source)', (example) => {
    const result = calculate(NATIONAL, example.input);
    expect(result).toMatchObject(example.expected);
    expect(result.explanation).toMatch(/年度.*年額/);
    expect(result.citations.length).toBeGreaterThan(0);
  });
});

describe('annual amount: every row of the standard table', () => {
  const rows: [VehicleInput, number][] = [
    [{ fiscalYear: 2026, vehicleClass: 'moped_class1' }, 2000],
    [{ fiscalYear: 2026, vehicleClass: 'moped_class2_otsu' }, 2000],
    [{ fiscalYear: 2026, vehicleClass: 'moped_class2_ko' }, 2400],
    [{ fiscalYear: 2026, vehicleClass: 'minicar' }, 3700],
    [{ fiscalYear: 2026, vehicleClass: 'kei_two_wheel' }, 3600],
    [{ fiscalYear: 2026, vehicleClass: 'small_two_wheeler' }, 6000],
    [{ fiscalYear: 2026, vehicleClass: 'small_special_farm' }, 2400],
    [{ fiscalYear: 2026, vehicleClass: 'small_special_other' }, 5900],
    [{ fiscalYear: 2026, vehicleClass: 'kei_three_wheel', body: 'cargo', firstInspection: '2020-01', fuel: 'gasoline' }, 3900],
    [{ fiscalYear: 2026, vehicleClass: 'kei_four_wheel_passenger', use: 'commercial', firstInspection: '2020-01', fuel: 'gasoline' }, 6900],
    [{ fiscalYear: 2026, vehicleClass: 'kei_four_wheel_passenger', use: 'private', firstInspection: '2020-01', fuel: 'gasoline' }, 10800],
    [{ fiscalYear: 2026, vehicleClass: 'kei_four_wheel_cargo', use: 'commercial', firstInspection: '2020-01', fuel: 'gasoline' }, 3800],
    [{ fiscalYear: 2026, vehicleClass: 'kei_four_wheel_cargo', use: 'private', firstInspection: '2020-01', fuel: 'gasoline' }, 5000],
  ];
  it.each(rows)('%o → %i yen (standard)', (input, amount) => {
    for (const fiscalYear of [2016, 2020, 2026, 2030]) {
      const result = annualAmount(NATIONAL, { ...input, fiscalYear, ...(input.firstInspection ? { firstInspection: `${Math.min(fiscalYear - 1, 2020)}-06` } : {}) });
      expect([result.amount, result.rateCase]).toEqual([amount, 'standard']);
    }
  });
});

describe('annual amount: old, heavy and green rates of three- and four-wheel kei', () => {
  it.each(KEI_3_4)('$key: 2015-03 is old, 2015-04 is new (FY2016–FY2027, until 2015-03 turns heavy)', ({ key }) => {
    for (let fy = 2016; fy <= 2027; fy++) {
      expect(kei(key, fy, '2015-03')).toMatchObject({ amount: OLD[key], rateCase: 'old' });
      expect(kei(key, fy, '2015-04')).toMatchObject({ amount: STANDARD[key], rateCase: 'standard' });
    }
  });

  it.each(KEI_3_4)('$key: heavy from the FY containing the month 14 years after, for every FY 2016–2040', ({ key }) => {
    for (let fy = 2016; fy <= 2040; fy++) {
      // FY(first inspection) + 14: March of year fy−13 is heavy in fy; April of that year only in fy+1.
      expect(kei(key, fy, `${fy - 13}-03`)).toMatchObject({ amount: HEAVY[key], rateCase: 'heavy' });
      const notYet = kei(key, fy, `${fy - 13}-04`);
      expect(notYet.rateCase).toBe(fy - 13 <= 2014 ? 'old' : 'standard');
      expect(kei(key, fy + 1, `${fy - 13}-04`).rateCase).toBe('heavy');
    }
  });

  it('counts a year-only certificate as December of that year (before 2003-10-14 only)', () => {
    for (const year of [1990, 2001, 2002, 2003]) {
      for (let fy = 2016; fy <= 2020; fy++) {
        const yearOnly = kei('kei_four_wheel_passenger_private', fy, String(year));
        expect(yearOnly.amount).toBe(kei('kei_four_wheel_passenger_private', fy, `${year}-12`).amount);
      }
    }
    // December 2003 is in FY2003: heavy from FY2017, old rate in FY2016.
    expect(kei('kei_four_wheel_cargo_private', 2016, '2003').rateCase).toBe('old');
    expect(kei('kei_four_wheel_cargo_private', 2017, '2003').rateCase).toBe('heavy');
    expect(kei('kei_four_wheel_cargo_private', 2016, '2003').explanation).toContain('12月とみなす');
    expect(errorOf(() => kei('kei_four_wheel_cargo_private', 2026, '2004'))?.field).toBe('firstInspection');
  });

  const EXEMPT: Fuel[] = ['electric', 'fuel_cell', 'natural_gas', 'methanol', 'mixed_methanol', 'hybrid_gasoline'];
  it.each(EXEMPT)('%s is never heavy-taxed and keeps the old rate when first inspected before 2015-04', (fuel) => {
    for (const { key } of KEI_3_4) {
      expect(kei(key, 2026, '2005-05', { fuel })).toMatchObject({ amount: OLD[key], rateCase: 'old' });
      expect(kei(key, 2040, '2015-04', { fuel })).toMatchObject({ amount: STANDARD[key], rateCase: 'standard' });
    }
  });

  it('a towed vehicle is not heavy-taxed whatever its fuel', () => {
    for (const { key } of KEI_3_4) expect(kei(key, 2026, '2005-05', { towed: true, fuel: 'diesel' }).rateCase).toBe('old');
  });

  it.each(['gasoline', 'diesel', 'lpg', 'hybrid_other', 'other'] as const)('%s is heavy-taxed', (fuel) => {
    for (const { key } of KEI_3_4) expect(kei(key, 2026, '2005-05', { fuel }).amount).toBe(HEAVY[key]);
  });

  it('needs the fuel only where it decides: heavy age reached or a new vehicle in a green window', () => {
    const base = { vehicleClass: 'kei_four_wheel_passenger', use: 'private' } as const;
    expect(annualAmount(NATIONAL, { ...base, fiscalYear: 2026, firstInspection: '2018-06' }).amount).toBe(10800);
    expect(errorOf(() => annualAmount(NATIONAL, { ...base, fiscalYear: 2026, firstInspection: '2010-06' }))?.field).toBe('fuel');
    expect(errorOf(() => annualAmount(NATIONAL, { ...base, fiscalYear: 2026, firstInspection: '2025-06' }))?.field).toBe('fuel');
  });
});

describe('green reduction per window, tier and use', () => {
  const efficient = { lowEmission4Star: true, fuelEfficiency: { fy2015: 135, fy2020: 130, fy2030: 90 } };
  const windows = [
    { reduced: [2016, 2016], first: '2015-04', last: '2016-03' },
    { reduced: [2017, 2017], first: '2016-04', last: '2017-03' },
    { reduced: [2018, 2021], first: '2017-04', last: '2021-03' },
    { reduced: [2022, 2025], first: '2021-04', last: '2025-03' },
    { reduced: [2026, 2026], first: '2025-04', last: '2026-03' },
    { reduced: [2027, 2028], first: '2026-04', last: '2028-03' },
  ];

  it.each(windows)('electric and natural gas get 75% in FY$reduced.0–$reduced.1, every class and use, at the window edges', ({ reduced, first, last }) => {
    for (const { key } of KEI_3_4) {
      for (const fuel of ['electric', 'natural_gas', 'fuel_cell'] as const) {
        expect(kei(key, reduced[0]!, first, { fuel })).toMatchObject({ rateCase: 'green75', amount: GREEN.green75[key] });
        expect(kei(key, reduced[1]!, last, { fuel })).toMatchObject({ rateCase: 'green75', amount: GREEN.green75[key] });
        // Only the one fiscal year after the first inspection.
        expect(kei(key, reduced[1]! + 1, last, { fuel }).rateCase).toBe('standard');
      }
    }
  });

  it('FY2016–FY2021: passenger and cargo of either use by emission and fuel efficiency (50%/25%)', () => {
    for (const use of USES) {
      expect(kei(`kei_four_wheel_passenger_${use}`, 2020, '2019-06', efficient).rateCase).toBe('green50');
      expect(kei(`kei_four_wheel_passenger_${use}`, 2020, '2019-06', { lowEmission4Star: true, fuelEfficiency: { fy2020: 129 } }).rateCase).toBe('green25');
      expect(kei(`kei_four_wheel_passenger_${use}`, 2020, '2019-06', { lowEmission4Star: true, fuelEfficiency: { fy2020: 109 } }).rateCase).toBe('standard');
      expect(kei(`kei_four_wheel_passenger_${use}`, 2020, '2019-06', { fuelEfficiency: { fy2020: 200 } }).rateCase).toBe('standard');
      expect(kei(`kei_four_wheel_cargo_${use}`, 2018, '2017-04', { lowEmission4Star: true, fuelEfficiency: { fy2015: 135 } }).rateCase).toBe('green50');
      expect(kei(`kei_four_wheel_cargo_${use}`, 2018, '2017-04', { lowEmission4Star: true, fuelEfficiency: { fy2015: 115 } }).rateCase).toBe('green25');
      // FY2016–17 (M): passenger +20% for 50%, the 2020 standard achieved for 25%.
      expect(kei(`kei_four_wheel_passenger_${use}`, 2016, '2015-04', { lowEmission4Star: true, fuelEfficiency: { fy2020: 120 } }).rateCase).toBe('green50');
      expect(kei(`kei_four_wheel_passenger_${use}`, 2017, '2017-03', { lowEmission4Star: true, fuelEfficiency: { fy2020: 100 } }).rateCase).toBe('green25');
    }
    // A three-wheeler follows the passenger or cargo criteria of its body (TAX-RULES.md §7).
    expect(kei('kei_three_wheel', 2020, '2019-06', efficient)).toMatchObject({ rateCase: 'green50', amount: 2000 });
    expect(kei('kei_three_wheel', 2020, '2019-06', { lowEmission4Star: true, fuelEfficiency: { fy2020: 129 } })).toMatchObject({ rateCase: 'green25', amount: 3000 });
    expect(kei('kei_three_wheel', 2020, '2019-06', { body: 'cargo', lowEmission4Star: true, fuelEfficiency: { fy2020: 129, fy2015: 134 } }).rateCase).toBe('green25');
  });

  it('FY2022–FY2026: 50%/25% for commercial passenger only; FY2026 without 25%; FY2027– none', () => {
    expect(kei('kei_four_wheel_passenger_commercial', 2022, '2021-04', efficient)).toMatchObject({ rateCase: 'green50', amount: 3500 });
    expect(kei('kei_four_wheel_passenger_commercial', 2025, '2025-03', { ...efficient, fuelEfficiency: { fy2020: 100, fy2030: 70 } }).rateCase).toBe('green25');
    expect(kei('kei_four_wheel_passenger_commercial', 2026, '2026-03', { ...efficient, fuelEfficiency: { fy2020: 100, fy2030: 70 } }).rateCase).toBe('standard');
    expect(kei('kei_four_wheel_passenger_commercial', 2026, '2025-04', efficient).rateCase).toBe('green50');
    expect(kei('kei_four_wheel_passenger_commercial', 2027, '2026-04', efficient).rateCase).toBe('standard');
    for (const fy of [2022, 2025, 2026]) {
      expect(kei('kei_four_wheel_passenger_private', fy, `${fy - 1}-06`, efficient).rateCase).toBe('standard');
      expect(kei('kei_four_wheel_cargo_commercial', fy, `${fy - 1}-06`, efficient).rateCase).toBe('standard');
    }
    expect(kei('kei_four_wheel_passenger_private', 2029, '2027-04', { fuel: 'electric' }).rateCase).toBe('standard');
    // From FY2022 only commercial passenger three-wheelers reach 50%.
    expect(kei('kei_three_wheel', 2022, '2021-04', { ...efficient, use: 'commercial' }).rateCase).toBe('green50');
    expect(kei('kei_three_wheel', 2022, '2021-04', { ...efficient, use: 'private' }).rateCase).toBe('standard');
    expect(kei('kei_three_wheel', 2022, '2021-04', { ...efficient, use: 'commercial', body: 'cargo' }).rateCase).toBe('standard');
  });
});

describe('property: amounts', () => {
  const vehicle = fc.record(
    {
      fiscalYear: fc.integer({ min: 2016, max: 2045 }),
      vehicleClass: fc.constantFrom(...VEHICLE_CLASSES),
      use: fc.constantFrom(...USES),
      firstInspection: fc.oneof(
        fc.tuple(fc.integer({ min: 1985, max: 2045 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
        fc.integer({ min: 1980, max: 2003 }).map(String),
      ),
      fuel: fc.constantFrom(...FUELS),
      towed: fc.boolean(),
      lowEmission4Star: fc.boolean(),
      fuelEfficiency: fc.record({ fy2015: fc.integer({ min: 0, max: 200 }), fy2020: fc.integer({ min: 0, max: 200 }), fy2030: fc.integer({ min: 0, max: 200 }) }),
      naturalGasEmissionStandard: fc.boolean(),
      body: fc.constantFrom('passenger', 'cargo'),
    },
    { requiredKeys: ['fiscalYear', 'vehicleClass', 'use', 'firstInspection', 'fuel', 'naturalGasEmissionStandard', 'body'] },
  );
  // Decidable: inspected before the fiscal year, and not a new vehicle after the last enacted green window (FY2028).
  const valid = vehicle
    .filter((v) => Number(v.firstInspection.slice(0, 4)) < v.fiscalYear && !(v.fiscalYear > 2028 && Number(v.firstInspection.slice(0, 4)) >= v.fiscalYear - 1))
    .map((v) => (v.vehicleClass === 'kei_three_wheel' ? v : { ...v, body: v.vehicleClass === 'kei_four_wheel_cargo' ? ('cargo' as const) : v.vehicleClass === 'kei_four_wheel_passenger' ? ('passenger' as const) : undefined }))
    .map(({ body, ...v }) => (body ? { ...v, body } : v));

  it('is always one of the table values for that fiscal year and class', () => {
    fc.assert(
      fc.property(valid, (input) => {
        const r = annualAmount(NATIONAL, input as VehicleInput);
        const key = r.rateKey as Kei34RateKey;
        const allowed: Record<string, number | undefined> = {
          standard: (STANDARD as Record<string, number>)[r.rateKey],
          old: OLD[key],
          heavy: HEAVY[key],
          green75: GREEN.green75[key],
          green50: GREEN.green50[key],
          green25: GREEN.green25[key],
        };
        expect(r.amount).toBe(allowed[r.rateCase]);
      }),
      { numRuns: propertyRuns(3000), seed: 20260401 },
    );
  });

  it('never applies the heavy rate to two-wheelers, mopeds or small special vehicles, nor to an electric vehicle', () => {
    fc.assert(
      fc.property(valid, (input) => {
        const r = annualAmount(NATIONAL, input as VehicleInput);
        if (!r.rateKey.startsWith('kei_three') && !r.rateKey.startsWith('kei_four')) expect(r.rateCase).toBe('standard');
        if (input.fuel === 'electric' || input.fuel === 'fuel_cell') expect(r.rateCase).not.toBe('heavy');
      }),
      { numRuns: propertyRuns(3000), seed: 20260402 },
    );
  });

  it('answers any JSON with a result or an error naming a field, never anything else', () => {
    fc.assert(
      fc.property(fc.oneof(vehicle, fc.object(), fc.anything()), (input) => {
        try {
          calculate(NATIONAL, input);
        } catch (error) {
          expect(error).toBeInstanceOf(TaxInputError);
          expect((error as TaxInputError).errors[0]?.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
        }
      }),
      { numRuns: propertyRuns(2000), seed: 20260403 },
    );
  });
});

describe('input errors name the field', () => {
  it('refuses what it cannot decide or what contradicts itself', () => {
    const four = { fiscalYear: 2026, vehicleClass: 'kei_four_wheel_passenger', fuel: 'gasoline', firstInspection: '2020-01' } as const;
    expect(errorOf(() => annualAmount(NATIONAL, four))?.field).toBe('use');
    expect(errorOf(() => annualAmount(NATIONAL, { ...four, use: 'private', firstInspection: undefined }))?.field).toBe('firstInspection');
    expect(errorOf(() => annualAmount(NATIONAL, { ...four, use: 'private', firstInspection: '2026-05' }))?.field).toBe('firstInspection');
    expect(annualAmount(NATIONAL, { ...four, use: 'private', firstInspection: '2026-04' }).amount).toBe(10800);
    expect(errorOf(() => annualAmount(NATIONAL, { ...four, use: 'private', fuel: 'electric', displacementCc: 658 }))?.field).toBe('displacementCc');
    expect(errorOf(() => annualAmount(NATIONAL, { fiscalYear: 2026, vehicleClass: 'kei_two_wheel', displacementCc: 400 }))?.field).toBe('displacementCc');
    expect(errorOf(() => annualAmount(NATIONAL, { fiscalYear: 2026, vehicleClass: 'small_two_wheeler', displacementCc: 250 }))?.field).toBe('displacementCc');
    expect(errorOf(() => calculate(NATIONAL, { fiscalYear: 2015, vehicleClass: 'moped_class1' }))?.field).toBe('fiscalYear');
    expect(errorOf(() => calculate(NATIONAL, { fiscalYear: 2026, vehicleClass: 'bus' }))?.field).toBe('vehicleClass');
    expect(errorOf(() => calculate(NATIONAL, { fiscalYear: 2026, vehicleClass: 'minicar', colour: 'blue' }))?.field).toBe('colour');
    expect(errorOf(() => calculate(NATIONAL, { fiscalYear: 2026, vehicleClass: 'minicar', fuelEfficiency: { fy2040: 1 } }))?.field).toBe('fuelEfficiency.fy2040');
  });
});

describe('municipal rate multiplier', () => {
  const book = (value: number) =>
    new RuleBook(
      validateOverrides({
        municipalityCode: '112224',
        name: '越谷市',
        parameters: { 'rates.multiplier': [{ from: 2026, to: null, value, citation: '越谷市市税条例第82条', confidence: 'V' }] },
      }),
    );

  it('raises every rate by the ordinance multiplier from its first year, citing the ordinance', () => {
    const input = { fiscalYear: 2026, vehicleClass: 'kei_four_wheel_passenger', use: 'private', fuel: 'gasoline', firstInspection: '2020-01' } as const;
    const raised = annualAmount(book(1.2), input);
    expect(raised.amount).toBe(12960);
    expect(raised.citations).toContain('越谷市: 越谷市市税条例第82条');
    expect(raised.explanation).toContain('1.2倍');
    expect(annualAmount(book(1.5), { fiscalYear: 2026, vehicleClass: 'moped_class1' }).amount).toBe(3000);
    expect(annualAmount(book(1.2), { ...input, fiscalYear: 2025 }).amount).toBe(10800);
  });

  it('refuses a multiplier above the legal 1.5× cap, naming the field', () => {
    expect(() => book(1.6)).toThrow(TaxInputError);
    expect(errorOf(() => book(1.6))).toEqual({ field: 'parameters.rates.multiplier.0.value', message: expect.stringContaining('1.5倍') });
    expect(errorOf(() => book(1.234))?.message).toContain('小数第2位');
  });
});

describe('TAX-RULES.md §7: the inputs a second review found missing, and impossible input refused', () => {
  const passenger = { fiscalYear: 2026, vehicleClass: 'kei_four_wheel_passenger', use: 'private', fuel: 'gasoline', firstInspection: '2020-01' } as const;
  const three = { fiscalYear: 2026, vehicleClass: 'kei_three_wheel', fuel: 'gasoline', firstInspection: '2025-06' } as const;

  it('refuses wheels that contradict the class: 二輪 (側車付き 3), 三輪, 四輪以上', () => {
    expect(errorOf(() => annualAmount(NATIONAL, { ...passenger, wheels: 2 }))).toEqual({ field: 'wheels', message: '軽自動車 四輪 乗用は四輪以上です(車輪の数 2 と矛盾します)' });
    expect(errorOf(() => annualAmount(NATIONAL, { ...passenger, wheels: 3 }))?.field).toBe('wheels');
    expect(annualAmount(NATIONAL, { ...passenger, wheels: 4 }).amount).toBe(10800);
    expect(annualAmount(NATIONAL, { ...passenger, wheels: 6 }).amount).toBe(10800);
    expect(errorOf(() => annualAmount(NATIONAL, { ...three, firstInspection: '2020-01', wheels: 4 }))?.message).toBe('軽自動車 三輪は三輪です(車輪の数 4 と矛盾します)');
    expect(errorOf(() => annualAmount(NATIONAL, { ...three, firstInspection: '2020-01', wheels: 2 }))?.field).toBe('wheels');
    expect(annualAmount(NATIONAL, { ...three, firstInspection: '2020-01', wheels: 3 }).amount).toBe(3900);
    for (const vehicleClass of ['kei_two_wheel', 'small_two_wheeler'] as const) {
      expect(annualAmount(NATIONAL, { fiscalYear: 2026, vehicleClass, wheels: 2 }).rateCase).toBe('standard');
      expect(annualAmount(NATIONAL, { fiscalYear: 2026, vehicleClass, wheels: 3 }).rateCase).toBe('standard');
      expect(errorOf(() => annualAmount(NATIONAL, { fiscalYear: 2026, vehicleClass, wheels: 4 }))?.field).toBe('wheels');
      expect(errorOf(() => annualAmount(NATIONAL, { fiscalYear: 2026, vehicleClass, wheels: 1 }))?.field).toBe('wheels');
    }
    expect(annualAmount(NATIONAL, { fiscalYear: 2026, vehicleClass: 'small_special_farm', wheels: 6 }).amount).toBe(2400);
  });

  it('refuses 0 cc for an engine and 0 kW of maximum output', () => {
    const moped = { fiscalYear: 2026, vehicleClass: 'moped', wheels: 2, displacementCc: 0 } as const;
    expect(errorOf(() => annualAmount(NATIONAL, { ...moped, fuel: 'gasoline' }))?.field).toBe('displacementCc');
    expect(errorOf(() => annualAmount(NATIONAL, moped))?.message).toContain('総排気量0ccの内燃機関はありません');
    expect(annualAmount(NATIONAL, { ...moped, fuel: 'electric', ratedOutputKw: 0.5 }).vehicleClass).toBe('moped_class1');
    expect(annualAmount(NATIONAL, { ...moped, ratedOutputKw: 0.5 }).vehicleClass).toBe('moped_class1');
    expect(annualAmount(NATIONAL, { ...moped, displacementCc: 0.1, fuel: 'gasoline' }).vehicleClass).toBe('moped_class1');
    expect(errorOf(() => calculate(NATIONAL, { fiscalYear: 2026, vehicleClass: 'moped', wheels: 2, displacementCc: 110, maxOutputKw: 0 }))).toEqual({
      field: 'maxOutputKw',
      message: '最高出力は0kWより大きい値で入力してください',
    });
    expect(errorOf(() => calculate(NATIONAL, { fiscalYear: 2026, vehicleClass: 'moped', wheels: 2, ratedOutputKw: 0 }))?.field).toBe('ratedOutputKw');
  });

  it('refuses a displacement for electric and fuel-cell vehicles, and a kei two-wheeler of 125 cc or less', () => {
    for (const fuel of ['electric', 'fuel_cell'] as const) {
      expect(errorOf(() => annualAmount(NATIONAL, { ...passenger, fuel, displacementCc: 1 }))).toEqual({ field: 'displacementCc', message: `燃料が${FUEL_LABEL[fuel]}の車両に総排気量は入力できません` });
      expect(annualAmount(NATIONAL, { ...passenger, fuel, displacementCc: 0 }).amount).toBe(10800);
    }
    expect(errorOf(() => annualAmount(NATIONAL, { fiscalYear: 2026, vehicleClass: 'kei_two_wheel', displacementCc: 125 }))).toEqual({
      field: 'displacementCc',
      message: '軽自動車 二輪は総排気量125cc超250cc以下です(入力 125cc)',
    });
    expect(annualAmount(NATIONAL, { fiscalYear: 2026, vehicleClass: 'kei_two_wheel', displacementCc: 125.1 }).amount).toBe(3600);
    expect(annualAmount(NATIONAL, { fiscalYear: 2026, vehicleClass: 'kei_two_wheel', displacementCc: 250 }).amount).toBe(3600);
    expect(errorOf(() => annualAmount(NATIONAL, { fiscalYear: 2026, vehicleClass: 'kei_two_wheel', displacementCc: 250.1 }))?.field).toBe('displacementCc');
    expect(errorOf(() => annualAmount(NATIONAL, { fiscalYear: 2026, vehicleClass: 'small_two_wheeler', displacementCc: 250 }))?.message).toBe('二輪の小型自動車は総排気量250cc超です(入力 250cc)');
    expect(annualAmount(NATIONAL, { fiscalYear: 2026, vehicleClass: 'small_two_wheeler', displacementCc: 250.1 }).amount).toBe(6000);
  });

  it('a 3+-wheel moped is a ミニカー only with a cabin or a track over 50 cm; else 第一種', () => {
    const tricycle = { fiscalYear: 2026, vehicleClass: 'moped', wheels: 3, displacementCc: 49 } as const;
    expect(errorOf(() => annualAmount(NATIONAL, tricycle))?.field).toBe('cabin');
    expect(annualAmount(NATIONAL, { ...tricycle, cabin: false, trackWidthCm: 50 })).toMatchObject({ vehicleClass: 'moped_class1', amount: 2000 });
    expect(annualAmount(NATIONAL, { ...tricycle, cabin: true })).toMatchObject({ vehicleClass: 'minicar', amount: 3700 });
    const wide = annualAmount(NATIONAL, { ...tricycle, cabin: false, trackWidthCm: 50.5 });
    expect(wide).toMatchObject({ vehicleClass: 'minicar', amount: 3700 });
    expect(wide.explanation).toContain('車輪3・総排気量49cc・車室なし・輪距50.5cmからミニカーと判定');
  });

  it("takes a three-wheeler's body into its green rate, and refuses a body that contradicts the class", () => {
    const efficient = { lowEmission4Star: true, fuelEfficiency: { fy2020: 100, fy2030: 90 }, use: 'commercial' } as const;
    expect(errorOf(() => annualAmount(NATIONAL, { ...three, ...efficient }))?.field).toBe('body');
    expect(annualAmount(NATIONAL, { ...three, ...efficient, body: 'passenger' })).toMatchObject({ rateCase: 'green50', amount: 2000 });
    expect(annualAmount(NATIONAL, { ...three, ...efficient, body: 'cargo' }).rateCase).toBe('standard');
    expect(errorOf(() => annualAmount(NATIONAL, { ...three, body: 'passenger', lowEmission4Star: true, fuelEfficiency: { fy2020: 100, fy2030: 90 } }))?.field).toBe('use');
    expect(annualAmount(NATIONAL, { ...three, fuel: 'electric' }).rateCase).toBe('green75');
    expect(errorOf(() => annualAmount(NATIONAL, { ...passenger, body: 'cargo' }))).toEqual({ field: 'body', message: '軽自動車 四輪 乗用と車体(貨物)が矛盾します' });
    expect(annualAmount(NATIONAL, { ...passenger, body: 'passenger' }).amount).toBe(10800);
    expect(annualAmount(NATIONAL, { ...passenger, vehicleClass: 'kei_four_wheel_cargo', body: 'cargo' }).amount).toBe(5000);
    expect(errorOf(() => annualAmount(NATIONAL, { fiscalYear: 2026, vehicleClass: 'kei_two_wheel', body: 'passenger' }))?.message).toBe('車体(乗用・貨物)は三輪・四輪の軽自動車についてだけ入力します');
  });

  it('gives a natural-gas vehicle 75% only with the emission standard, and asks for it', () => {
    const gas = { ...passenger, fuel: 'natural_gas', firstInspection: '2025-06' } as const;
    expect(errorOf(() => annualAmount(NATIONAL, gas))?.field).toBe('naturalGasEmissionStandard');
    expect(annualAmount(NATIONAL, { ...gas, naturalGasEmissionStandard: true })).toMatchObject({ rateCase: 'green75', amount: 2700 });
    expect(annualAmount(NATIONAL, { ...gas, naturalGasEmissionStandard: false })).toMatchObject({ rateCase: 'standard', amount: 10800 });
    expect(annualAmount(NATIONAL, { ...gas, fuel: 'electric' }).rateCase).toBe('green75');
  });

  it('marks FY2027–FY2028 green results provisional and refuses a new vehicle in a year with no enacted rule', () => {
    const electric = { ...passenger, fuel: 'electric' } as const;
    const fy2027 = annualAmount(NATIONAL, { ...electric, fiscalYear: 2027, firstInspection: '2026-06' });
    expect(fy2027).toMatchObject({ rateCase: 'green75', provisional: true });
    expect(fy2027.cautions).toEqual([expect.stringMatching(/^※暫定: 2027年度の「グリーン化特例\(軽課\)の対象」は改正法の成立前の内容/)]);
    expect(fy2027.explanation).toContain('※暫定: 2027年度');
    expect(annualAmount(NATIONAL, { ...electric, fiscalYear: 2028, firstInspection: '2027-06', fuel: 'gasoline' })).toMatchObject({ rateCase: 'standard', provisional: true });
    expect(annualAmount(NATIONAL, { ...electric, fiscalYear: 2026, firstInspection: '2025-06' })).toMatchObject({ provisional: false, cautions: [] });
    expect(annualAmount(NATIONAL, { ...electric, fiscalYear: 2029, firstInspection: '2020-06' })).toMatchObject({ rateCase: 'standard', provisional: false });
    expect(errorOf(() => annualAmount(NATIONAL, { ...electric, fiscalYear: 2029, firstInspection: '2028-06' }))).toEqual({
      field: 'fiscalYear',
      message: '新車(2028年6月に最初の新規検査)の2029年度の「グリーン化特例(軽課)の対象」はまだ法令・告示で定められていないため計算できません(定められているのは2016年度〜2028年度)',
    });
  });

  it('asks for each fact that decides the rate, in words saying what it is needed for', () => {
    const { firstInspection: _omitted, ...noInspection } = passenger;
    expect(errorOf(() => annualAmount(NATIONAL, noInspection))).toEqual({ field: 'firstInspection', message: '三輪・四輪の軽自動車は初度検査年月(最初の新規検査の年月)が必要です' });
    const { fuel: _noFuel, ...noFuel } = passenger;
    expect(errorOf(() => annualAmount(NATIONAL, { ...noFuel, firstInspection: '2013-03' }))).toEqual({ field: 'fuel', message: '重課の判定(経年車の燃料による除外)に燃料の種類が必要です' });
    expect(errorOf(() => annualAmount(NATIONAL, { ...noFuel, firstInspection: '2025-06' }))).toEqual({ field: 'fuel', message: 'グリーン化特例(新車)の判定に燃料の種類が必要です' });
    expect(errorOf(() => annualAmount(NATIONAL, { ...three, fuel: 'natural_gas', naturalGasEmissionStandard: false }))).toEqual({
      field: 'body',
      message: '三輪の軽自動車のグリーン化特例の判定に車体(乗用 passenger / 貨物 cargo)が必要です',
    });
    expect(errorOf(() => annualAmount(NATIONAL, { ...three, body: 'passenger', lowEmission4Star: true, fuelEfficiency: { fy2020: 100, fy2030: 90 } }))).toEqual({
      field: 'use',
      message: 'グリーン化特例の判定に用途(自家用 private / 営業用 commercial)が必要です',
    });
    expect(errorOf(() => annualAmount(NATIONAL, { ...passenger, firstInspection: '2004' }))).toEqual({
      field: 'firstInspection',
      message: '年のみの初度検査年は2003年以前(平成15年10月14日より前の車検証)に限ります。年月で入力してください',
    });
  });

  it('refuses a four-wheel cargo vehicle with three wheels or a passenger body, naming both', () => {
    const cargo = { ...passenger, vehicleClass: 'kei_four_wheel_cargo' } as const;
    expect(errorOf(() => annualAmount(NATIONAL, { ...cargo, wheels: 3 }))).toEqual({ field: 'wheels', message: '軽自動車 四輪 貨物は四輪以上です(車輪の数 3 と矛盾します)' });
    expect(errorOf(() => annualAmount(NATIONAL, { ...cargo, body: 'passenger' }))).toEqual({ field: 'body', message: '軽自動車 四輪 貨物と車体(乗用)が矛盾します' });
  });

  it('says nothing of confidence where every rule is confirmed: a heavy-rate answer is plain', () => {
    const heavy = annualAmount(NATIONAL, { ...passenger, firstInspection: '2013-03' });
    expect(heavy).toMatchObject({ rateCase: 'heavy', cautions: [], citations: ['地方税法附則第30条第1項'] });
    expect(JSON.stringify(heavy)).not.toContain('未確認');
  });
});

describe('annual amount: every step explained and cited', () => {
  const p = { fiscalYear: 2026, vehicleClass: 'kei_four_wheel_passenger', use: 'private', fuel: 'gasoline' } as const;
  it.each([
      [{ ...p, firstInspection: '2018-06' }, 10800, 'kei_four_wheel_passenger_private', '2026年度 軽自動車 四輪 乗用 自家用。初度検査 2018年6月、ガソリン。標準税率 10,800円。年額 10,800円(標準税率)。', ['地方税法第463条の15第1項']],
      [{ ...p, firstInspection: '2015-03' }, 7200, 'kei_four_wheel_passenger_private', '2026年度 軽自動車 四輪 乗用 自家用。初度検査 2015年3月、ガソリン。2015年3月以前に最初の新規検査を受けた車両の旧税率 7,200円。年額 7,200円(旧税率)。', ['地方税法等の一部を改正する法律(平成26年法律第4号)附則第14条第1項']],
      [{ ...p, firstInspection: '2013-03' }, 12900, 'kei_four_wheel_passenger_private', '2026年度 軽自動車 四輪 乗用 自家用。初度検査 2013年3月、ガソリン。最初の新規検査から14年を経過した月の属する2026年度以後の経年車で、ガソリンは除外されないため重課税率 12,900円。年額 12,900円(重課(経年車))。', ['地方税法附則第30条第1項']],
      [{ ...p, firstInspection: '2002' }, 12900, 'kei_four_wheel_passenger_private', '2026年度 軽自動車 四輪 乗用 自家用。車検証が年のみ(2002年)のため12月とみなす。初度検査 2002年12月、ガソリン。最初の新規検査から14年を経過した月の属する2016年度以後の経年車で、ガソリンは除外されないため重課税率 12,900円。年額 12,900円(重課(経年車))。', ['地方税法等の一部を改正する法律(平成26年法律第4号)附則第14条第2項', '地方税法附則第30条第1項']],
      [{ ...p, firstInspection: '2010-05', fuel: 'hybrid_gasoline' }, 7200, 'kei_four_wheel_passenger_private', '2026年度 軽自動車 四輪 乗用 自家用。初度検査 2010年5月、ガソリン電力併用(ハイブリッド)。最初の新規検査から14年を経過した月の属する2024年度以後の経年車だがガソリン電力併用(ハイブリッド)は重課の対象外。2015年3月以前に最初の新規検査を受けた車両の旧税率 7,200円。年額 7,200円(旧税率)。', ['地方税法附則第30条第1項', '地方税法等の一部を改正する法律(平成26年法律第4号)附則第14条第1項']],
      [{ ...p, firstInspection: '2010-05', towed: true, fuel: 'diesel' }, 7200, 'kei_four_wheel_passenger_private', '2026年度 軽自動車 四輪 乗用 自家用。初度検査 2010年5月、軽油。最初の新規検査から14年を経過した月の属する2024年度以後の経年車だが被けん引車のため重課の対象外。2015年3月以前に最初の新規検査を受けた車両の旧税率 7,200円。年額 7,200円(旧税率)。', ['地方税法附則第30条第1項', '地方税法等の一部を改正する法律(平成26年法律第4号)附則第14条第1項']],
      [{ ...p, firstInspection: '2025-06', fuel: 'electric' }, 2700, 'kei_four_wheel_passenger_private', '2026年度 軽自動車 四輪 乗用 自家用。初度検査 2025年6月、電気。2025年6月に最初の新規検査を受けた新車で、翌2026年度に限り電気自動車(燃料電池を含む)としてグリーン化特例 75%軽減 2,700円。年額 2,700円(グリーン化特例 75%軽減)。', ['地方税法附則第30条第2項(令和5年度改正)', '地方税法附則第30条第2項']],
      [{ ...p, firstInspection: '2025-08', lowEmission4Star: true }, 10800, 'kei_four_wheel_passenger_private', '2026年度 軽自動車 四輪 乗用 自家用。初度検査 2025年8月、ガソリン。2026年度のグリーン化特例(2025年4月〜2026年3月の新車)の要件に該当しない。標準税率 10,800円。年額 10,800円(標準税率)。', ['地方税法附則第30条第2項(令和5年度改正)', '地方税法第463条の15第1項']],
      [{ ...p, use: 'commercial', firstInspection: '2025-10', lowEmission4Star: true, fuelEfficiency: { fy2020: 100, fy2030: 90 } }, 3500, 'kei_four_wheel_passenger_commercial', '2026年度 軽自動車 四輪 乗用 営業用。初度検査 2025年10月、ガソリン。2025年10月に最初の新規検査を受けた新車で、翌2026年度に限り営業用乗用で★★★★(平成30年排出ガス基準50%低減又は平成17年基準75%低減)かつ令和2年度燃費基準達成・令和12年度燃費基準90%達成としてグリーン化特例 50%軽減 3,500円。年額 3,500円(グリーン化特例 50%軽減)。', ['地方税法附則第30条第2項(令和5年度改正)', '地方税法附則第30条第2項']],
      [{ fiscalYear: 2026, vehicleClass: 'small_special_farm' }, 2400, 'small_special_farm', '2026年度 小型特殊自動車 農耕作業用。税率 2,400円(条例で定める小型特殊自動車の税率)。年額 2,400円(標準税率)。', ['地方税法第463条の15第3項']],
      [{ fiscalYear: 2026, vehicleClass: 'kei_two_wheel' }, 3600, 'kei_two_wheel', '2026年度 軽自動車 二輪。標準税率 3,600円(二輪に重課はありません)。年額 3,600円(標準税率)。', ['地方税法第463条の15第1項']],
      [{ fiscalYear: 2026, vehicleClass: 'small_two_wheeler' }, 6000, 'small_two_wheeler', '2026年度 二輪の小型自動車。標準税率 6,000円(二輪に重課はありません)。年額 6,000円(標準税率)。', ['地方税法第463条の15第1項']],
      [{ fiscalYear: 2026, vehicleClass: 'moped_class2_ko' }, 2400, 'moped_class2_ko', '2026年度 原動機付自転車 第二種甲(入力された区分)。標準税率 2,400円。年額 2,400円(標準税率)。', ['地方税法第463条の15第1項第1号', '地方税法第463条の15第1項']],
      [{ ...p, vehicleClass: 'kei_four_wheel_cargo', use: 'commercial', firstInspection: '2018-06' }, 3800, 'kei_four_wheel_cargo_commercial', '2026年度 軽自動車 四輪 貨物 営業用。初度検査 2018年6月、ガソリン。標準税率 3,800円。年額 3,800円(標準税率)。', ['地方税法第463条の15第1項']],
      [{ ...p, firstInspection: '2010-05', fuel: 'electric', fiscalYear: 2040 }, 7200, 'kei_four_wheel_passenger_private', '2040年度 軽自動車 四輪 乗用 自家用。初度検査 2010年5月、電気。最初の新規検査から14年を経過した月の属する2024年度以後の経年車だが電気は重課の対象外。2015年3月以前に最初の新規検査を受けた車両の旧税率 7,200円。年額 7,200円(旧税率)。', ['地方税法附則第30条第1項', '地方税法等の一部を改正する法律(平成26年法律第4号)附則第14条第1項']],
  ] as [VehicleInput, number, string, string, string[]][])('%o', (input, amount, rateKey, explanation, citations) => {
    expect(annualAmount(NATIONAL, input)).toMatchObject({ amount, rateKey, explanation, citations, cautions: [], provisional: false });
  });
});
