/**
 * @module Loading the synthetic city (generate.ts) into an empty database in one transaction: the
 * small tables by insert, the large ones streamed by COPY (src/db/bulk-copy.ts), each generated
 * as it is sent, so memory stays flat whatever the size of the city.
 */
import { performance } from 'node:perf_hooks';
import { sql, type Insertable } from 'kysely';
import { z } from 'zod';
import { searchKeysOf } from '../addressees/service.js';
import type { Database } from '../db/database.js';
import { analyzeDatabase } from '../db/maintenance.js';
import { advanceNumberSequence } from '../db/numbering.js';
import type { Addressee, Vehicle } from '../db/schema.js';
import { sealIndividualNumber } from '../integrated-addressees/service.js';
import type { Vault } from '../integrated-addressees/vault.js';
import { municipalityCodeSchema } from '../municipality/model.js';
import { findMunicipality, insertMunicipality } from '../municipality/service.js';
import { Problem } from '../server/problem.js';
import { DEMO_MUNICIPALITY, NAME_SEPARATOR } from '../shared/fictional.js';
import {
  addresseeNoOf,
  individualNumberOf,
  syntheticAddressAreas,
  syntheticOffices,
  syntheticPersons,
  syntheticTaxAdministrators,
  syntheticVehicles,
  type SyntheticCityOptions,
} from './generate.js';

const count = (what: string, max: number) =>
  z.coerce.number({ message: `${what}は数字で指定してください` }).int(`${what}は整数で指定してください`).min(1, `${what}は1以上で指定してください`).max(max, `${what}は${max.toLocaleString('ja-JP')}以下で指定してください`);

/** What `keitax seed-synthetic` is asked for; at most a million addressees and vehicles (the numbering's room, and an evening's load). */
export const syntheticCityOptionsSchema = z.object({
  municipalityCode: municipalityCodeSchema,
  persons: count('宛名の数', 1_000_000),
  vehicles: count('車両の数', 1_000_000),
  seed: z.coerce.number({ message: '乱数の種は数字で指定してください' }).int('乱数の種は整数で指定してください').min(0, '乱数の種は0以上で指定してください').max(2 ** 32 - 1, '乱数の種は4294967295以下で指定してください'),
});

export interface SyntheticSummary {
  municipalityCode: string;
  addressees: number;
  /** Rows of the register: every generation of every record. */
  vehicleRecords: number;
  /** Milliseconds of each step, in order. */
  steps: { step: string; rows: number; ms: number }[];
}

const ADDRESSEE_COLUMNS = [
  'municipalityCode', 'addresseeNo', 'kind', 'integratedAddresseeNo', 'nameKanji', 'nameKana', 'sexCode', 'birthDate', 'corporateNumber',
  'postalCode', 'addressCode', 'address', 'phone', 'status', 'statusDate', 'nameKanjiSearch', 'nameKanaSearch', 'nameKanjiSearchTail',
  'nameKanaSearchTail', 'addressSearch', 'addressSearchLocal', 'phoneSearch', 'searchVersion',
] as const satisfies readonly (keyof Insertable<Addressee>)[];

/** Every column the generator fills, as the CamelCase plugin names them in the schema. */
const VEHICLE_COLUMNS = [
  'municipalityCode', 'declarationYear', 'declarationSerial', 'deregistrationDeclarationYear', 'deregistrationDeclarationSerial', 'vehicleClassCode',
  'platePart1', 'platePart2', 'platePart3', 'generation', 'ownerAddresseeNo', 'registrationReasonCode', 'registrationDate', 'registrationReceivedDate',
  'deregistrationReasonCode', 'deregistrationRemark1', 'deregistrationDate', 'deregistrationReceivedDate', 'plateReturnCode', 'plateReturnedDate',
  'vehicleMakeCode', 'vehicleMakeName', 'fuelTypeCode', 'displacementCc', 'ratedOutputKw', 'maxOutputKw', 'chassisNo', 'modelDesignation', 'modelYear',
  'taxationCode', 'taxHoldReasonCode', 'taxationRemark', 'previousOwnerAddresseeNo', 'previousOwnerDeclarationNo', 'newOwnerAddresseeNo',
  'newOwnerDeclarationNo', 'crimePreventionRegistrationNo', 'storageAddressCode', 'storageBlockNo', 'storageLotNo', 'changeReasonCode', 'changeDate',
  'vehicleUserKindCode', 'vehicleUserAddresseeNo', 'registrationOfficeCode', 'firstInspection', 'lowEmission4star', 'fuelEfficiency2020Pct',
  'fuelEfficiency2030Pct', 'supersededAt', 'wheels', 'bodyType', 'cabin', 'trackWidthCm', 'declarationChannel', 'plateSearch', 'plateSerialSearch',
  'plateSearchReversed', 'chassisSearch', 'chassisSearchReversed',
] as const satisfies readonly (keyof Insertable<Vehicle>)[];

/** A schema name as the CamelCase plugin writes it: platePart1 → plate_part_1, lowEmission4star → low_emission_4star. */
const snakeOf = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/([a-z])([0-9])/g, '$1_$2');

function* indexes(count: number): Generator<number> {
  for (let index = 0; index < count; index++) yield index;
}

function* mapped<T, R>(rows: Iterable<T>, map: (row: T) => R): Generator<R> {
  for (const row of rows) yield map(row);
}

/**
 * Loads the synthetic city `city` into `db`, refusing a municipality already registered (a city is
 * never loaded over another). Individual numbers are sealed by `vault` as the register seals them.
 * The planner's statistics are refreshed afterwards, as after any bulk load.
 */
export async function seedSyntheticCity(db: Database, vault: Vault, city: SyntheticCityOptions, onStep: (step: SyntheticSummary['steps'][number]) => void = () => undefined): Promise<SyntheticSummary> {
  const code = city.municipalityCode;
  const steps: SyntheticSummary['steps'] = [];
  const timed = async (step: string, work: () => Promise<number>) => {
    const start = performance.now();
    const rows = await work();
    const done = { step, rows, ms: performance.now() - start };
    steps.push(done);
    onStep(done);
    return rows;
  };
  const { addressees, vehicleRecords } = await db.withBulkLoad(code, async (trx, copy) => {
    if (await findMunicipality(trx, code)) throw Problem.conflict(`地方公共団体コード ${code} は既に登録されているため、合成データは読み込みません。空のデータベースを指定してください。`);
    await insertMunicipality(trx, code === DEMO_MUNICIPALITY.code ? DEMO_MUNICIPALITY : { code, name: '合成市', prefecture: '架空県', isDemo: true });
    await trx.insertInto('office').values(syntheticOffices(code)).execute();
    await trx.insertInto('addressArea').values(syntheticAddressAreas(code)).execute();
    await timed('integrated addressees (individual numbers sealed)', () =>
      copy(
        'integrated_addressee',
        ['municipality_code', 'integrated_addressee_no', 'individual_number_ciphertext', 'individual_number_key_id', 'individual_number_lookup_hash'],
        mapped(indexes(city.persons), (index) => {
          const integratedAddresseeNo = addresseeNoOf(code, index);
          const individualNumber = individualNumberOf(index);
          const sealed = individualNumber ? sealIndividualNumber(vault, code, integratedAddresseeNo, individualNumber) : undefined;
          return [code, integratedAddresseeNo, sealed?.individualNumberCiphertext, sealed?.individualNumberKeyId, sealed?.individualNumberLookupHash];
        }),
      ),
    );
    const addressees = await timed('addressees with search keys', () =>
      copy(
        'addressee',
        ADDRESSEE_COLUMNS.map(snakeOf),
        mapped(syntheticPersons(city), ({ addressee }) => {
          const row: Insertable<Addressee> = { ...addressee, ...searchKeysOf(addressee) };
          return ADDRESSEE_COLUMNS.map((column) => row[column]);
        }),
      ),
    );
    // Set-based from the rows just loaded: each addressee's first entry, registered when the register was migrated.
    await timed('addressee history', async () => {
      const { numAffectedRows } = await sql`
        insert into addressee_history (municipality_code, addressee_no, changed_at, source, change_kind, reason, effective_date, changes)
        select municipality_code, addressee_no, timestamptz '2018-04-01 10:00+09',
               case when kind = 'resident' then 'resident_registry' else 'entry' end, 'registered', '旧システムからの移行(合成データ)', date '2018-04-01',
               jsonb_build_object('nameKanji', jsonb_build_object('after', name_kanji), 'address', jsonb_build_object('after', address))
          from addressee`.execute(trx);
      return Number(numAffectedRows ?? 0);
    });
    // One active resident in fifty has notices sent elsewhere (送付先): a relative's house, an accountant.
    await timed('mail destinations', async () => {
      const { numAffectedRows } = await sql`
        insert into mail_destination (municipality_code, addressee_no, valid_from, name, postal_code, address)
        select municipality_code, addressee_no, date '2022-04-01',
               case when right(addressee_no, 3)::int % 2 = 0 then split_part(name_kanji, ${NAME_SEPARATOR}, 1) || ${`${NAME_SEPARATOR}様方`} else '合成税理士事務所' end,
               '1200000', '東京都足立区架空町1丁目' || (right(addressee_no, 3)::int % 30 + 1) || '番1号'
          from addressee
         where kind = 'resident' and status = 'active' and right(addressee_no, 2)::int % 50 = 7`.execute(trx);
      return Number(numAffectedRows ?? 0);
    });
    await timed('tax administrators', () =>
      copy(
        'tax_administrator_assignment',
        ['municipality_code', 'taxpayer_addressee_no', 'administrator_addressee_no', 'valid_from'],
        mapped(syntheticTaxAdministrators(city), (t) => [t.municipalityCode, t.taxpayerAddresseeNo, t.administratorAddresseeNo, t.validFrom]),
      ),
    );
    const vehicleRecords = await timed('vehicle register (every generation) with search keys', () =>
      copy(
        'vehicle',
        VEHICLE_COLUMNS.map(snakeOf),
        mapped(syntheticVehicles(city), (row) => VEHICLE_COLUMNS.map((column) => row[column])),
      ),
    );
    // The register draws its next numbers after the synthetic city's.
    await advanceNumberSequence(trx, code, 'addressee_no', city.persons);
    await advanceNumberSequence(trx, code, 'integrated_addressee_no', city.persons);
    return { addressees, vehicleRecords };
  });
  await timed('ANALYZE', async () => {
    await analyzeDatabase(db);
    return 0;
  });
  return { municipalityCode: code, addressees, vehicleRecords, steps };
}
