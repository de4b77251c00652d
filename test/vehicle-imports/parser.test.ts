import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSV_PARSERS } from '../../src/vehicle-imports/parser.js';

const example = (name: string) => ({ fileName: name, bytes: readFileSync(new URL(`../../docs/examples/${name}`, import.meta.url)), encoding: 'auto' as const });

describe('the CSV layouts of docs/forwarded-data.md', () => {
  it('reads the example files of docs/examples, each by the parser of its layout', () => {
    const read = ['forwarded-declarations.csv', 'forwarded-inspections.csv'].map((name) => {
      const file = example(name);
      const parser = CSV_PARSERS.find((candidate) => candidate.recognises(file));
      return { parser: parser?.id, ...parser?.parse(file) };
    });
    expect(read.map((r) => [r.parser, r.recordCount, r.problems])).toEqual([
      ['keitax-csv-declarations', 3, []],
      ['keitax-csv-inspections', 2, []],
    ]);
    const [declarations, inspections] = read;
    expect(declarations?.records?.map((r) => [r.source, r.declarationType, r.vehicle.vehicleClassCode, r.vehicle.firstInspection, r.declaredOwner?.sexCode ?? null, r.vehicleUser?.nameKanji ?? null])).toEqual([
      ['kei_inspection_association', 'new_registration', 'kei_four_wheel_passenger_private', '2026-04', '1', null],
      ['kei_inspection_association', 'owner_change', 'kei_four_wheel_cargo_private', '2015-03', null, '架空\u3000次郎'],
      ['transport_bureau', 'deregistration', 'kei_two_wheel', null, '2', null],
    ]);
    expect(inspections?.records?.map((r) => [r.kind, r.vehicle.chassisNo, r.vehicle.fuelEfficiency2020Pct, r.vehicle.fuelEfficiency2030Pct, r.vehicle.lowEmission4star])).toEqual([
      ['inspection', 'JF1-100001', null, 75, true],
      ['inspection', 'DA17V-123456', 105, null, null],
    ]);
  });
});
