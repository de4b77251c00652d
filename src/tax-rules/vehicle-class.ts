/**
 * @module The bridge from a vehicle record (軽自テーブル) to the tax-rule engine's input for a fiscal
 * year.
 */
import type { Selectable } from 'kysely';
import type { Vehicle } from '../db/schema.js';
import { RATE_KEYS, TaxInputError, type RateKey, type VehicleInput } from './model.js';

/** The columns of a vehicle record (軽自テーブル) that the tax depends on. */
export type VehicleRecord = Pick<
  Selectable<Vehicle>,
  | 'vehicleClassCode'
  | 'firstInspection'
  | 'fuelTypeCode'
  | 'towed'
  | 'lowEmission4star'
  | 'fuelEfficiency2015Pct'
  | 'fuelEfficiency2020Pct'
  | 'fuelEfficiency2030Pct'
  | 'displacementCc'
  | 'ratedOutputKw'
  | 'maxOutputKw'
>;

/**
 * Engine input from a vehicle record: the database's `vehicle_class_code` joins class and use
 * for four-wheel kei (`kei_four_wheel_passenger_private` …); the engine takes them apart. A
 * moped's code is the class its plate shows, which the engine checks against the measurements.
 */
export function vehicleInputOf(record: VehicleRecord, fiscalYear: number): VehicleInput {
  const code = record.vehicleClassCode;
  if (!(RATE_KEYS as readonly string[]).includes(code)) throw TaxInputError.of('vehicleClassCode', `車種コード「${code}」は税額計算の対象にありません`);
  const use = /_(private|commercial)$/.exec(code)?.[1] as VehicleInput['use'];
  const efficiency = {
    ...(record.fuelEfficiency2015Pct !== null ? { fy2015: record.fuelEfficiency2015Pct } : {}),
    ...(record.fuelEfficiency2020Pct !== null ? { fy2020: record.fuelEfficiency2020Pct } : {}),
    ...(record.fuelEfficiency2030Pct !== null ? { fy2030: record.fuelEfficiency2030Pct } : {}),
  };
  return {
    fiscalYear,
    vehicleClass: use ? (code.slice(0, -use.length - 1) as VehicleInput['vehicleClass']) : (code as Exclude<RateKey, `${string}_${'private' | 'commercial'}`>),
    ...(use ? { use } : {}),
    ...(record.firstInspection !== null ? { firstInspection: record.firstInspection } : {}),
    ...(record.fuelTypeCode !== null ? { fuel: record.fuelTypeCode } : {}),
    towed: record.towed,
    lowEmission4Star: record.lowEmission4star,
    ...(Object.keys(efficiency).length > 0 ? { fuelEfficiency: efficiency } : {}),
    ...(record.displacementCc !== null ? { displacementCc: record.displacementCc } : {}),
    ...(record.ratedOutputKw !== null ? { ratedOutputKw: record.ratedOutputKw } : {}),
    ...(record.maxOutputKw !== null ? { maxOutputKw: record.maxOutputKw } : {}),
  };
}
