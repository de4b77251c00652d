/**
 * The public examples of ../shared/spec/TAX-RULES.md §6 as engine input, with the expected
 * yen and rate case. Fuel is stated where the example implies it (a year-only certificate of a
 * 平成14年 passenger car: gasoline), since the engine never assumes a fuel.
 */
export interface TaxRulesExample {
  rule: string;
  input: { fiscalYear: number } & Record<string, unknown>;
  amount: number;
  rateCase: string;
  vehicleClass: string;
}

export const TAX_RULES_EXAMPLES: TaxRulesExample[] = [
  { rule: 'rate', input: { fiscalYear: 2026, vehicleClass: 'moped', wheels: 2, displacementCc: 50 }, amount: 2000, rateCase: 'standard', vehicleClass: 'moped_class1' },
  {
    rule: '新基準原付',
    input: { fiscalYear: 2026, vehicleClass: 'moped', wheels: 2, displacementCc: 125, maxOutputKw: 4.0, firstInspection: '2025-06' },
    amount: 2000,
    rateCase: 'standard',
    vehicleClass: 'moped_class1',
  },
  {
    rule: 'no heavy rate for 2-wheelers',
    input: { fiscalYear: 2026, vehicleClass: 'kei_two_wheel', displacementCc: 250, firstInspection: '1999', fuel: 'gasoline' },
    amount: 3600,
    rateCase: 'standard',
    vehicleClass: 'kei_two_wheel',
  },
  ...[
    ['rate', 2026, 'private', 'gasoline', '2018-06', 10800, 'standard'],
    ['new rate boundary', 2026, 'private', 'gasoline', '2015-04', 10800, 'standard'],
    ['heavy boundary', 2026, 'private', 'gasoline', '2013-03', 12900, 'heavy'],
    ['heavy only from FY2026', 2025, 'private', 'gasoline', '2012-04', 7200, 'old'],
    ['hybrid exempt from heavy', 2026, 'private', 'hybrid_gasoline', '2012-09', 7200, 'old'],
    ['December rule (平成14年 only)', 2026, 'private', 'gasoline', '2002', 12900, 'heavy'],
    ['green 75%', 2026, 'private', 'electric', '2025-06', 2700, 'green75'],
    ['green only the next FY', 2027, 'private', 'electric', '2025-06', 10800, 'standard'],
  ].map(([rule, fiscalYear, use, fuel, firstInspection, amount, rateCase]) => ({
    rule: String(rule),
    input: { fiscalYear: Number(fiscalYear), vehicleClass: 'kei_four_wheel_passenger', use, fuel, firstInspection },
    amount: Number(amount),
    rateCase: String(rateCase),
    vehicleClass: 'kei_four_wheel_passenger',
  })),
  {
    rule: 'old rate boundary',
    input: { fiscalYear: 2026, vehicleClass: 'kei_four_wheel_cargo', use: 'private', fuel: 'gasoline', firstInspection: '2015-03' },
    amount: 4000,
    rateCase: 'old',
    vehicleClass: 'kei_four_wheel_cargo',
  },
  {
    rule: 'green 50%',
    input: {
      fiscalYear: 2026,
      vehicleClass: 'kei_four_wheel_passenger',
      use: 'commercial',
      fuel: 'gasoline',
      firstInspection: '2025-10',
      lowEmission4Star: true,
      fuelEfficiency: { fy2020: 100, fy2030: 90 },
    },
    amount: 3500,
    rateCase: 'green50',
    vehicleClass: 'kei_four_wheel_passenger',
  },
  {
    rule: 'private non-EV not eligible since FY2022',
    input: {
      fiscalYear: 2026,
      vehicleClass: 'kei_four_wheel_passenger',
      use: 'private',
      fuel: 'gasoline',
      firstInspection: '2025-08',
      lowEmission4Star: true,
      fuelEfficiency: { fy2015: 200, fy2020: 160, fy2030: 130 },
    },
    amount: 10800,
    rateCase: 'standard',
    vehicleClass: 'kei_four_wheel_passenger',
  },
  {
    rule: 'green 50% (FY2020)',
    input: {
      fiscalYear: 2020,
      vehicleClass: 'kei_four_wheel_passenger',
      use: 'private',
      fuel: 'gasoline',
      firstInspection: '2019-06',
      lowEmission4Star: true,
      fuelEfficiency: { fy2020: 130 },
    },
    amount: 5400,
    rateCase: 'green50',
    vehicleClass: 'kei_four_wheel_passenger',
  },
];
