import { sql } from 'kysely';
import { analyzeDatabase } from '../src/db/maintenance.js';
import { seedDemoCity } from '../src/demo/seed.js';
import { Vault } from '../src/integrated-addressees/vault.js';
import { generateKeyMaterial, parseVaultKeys } from '../src/keys/keys.js';
import { latency, ms, timeOnce, type Benchmark } from './harness.js';

const CITY = '112224';
const VEHICLES = 300_000;
const ADDRESSEES = 200_000;

/**
 * The vehicle register at the size of the seed's city (~300,000 vehicle records, 200,000
 * addressees), and the lookups clerks make at the counter, each in its own municipality-bound
 * transaction as a request would be (role switch and row-level security included).
 */
export const registerBenchmark: Benchmark = {
  title: 'Vehicle register at city scale',
  async run({ db }) {
    const demo = await timeOnce(() => seedDemoCity(db, new Vault(parseVaultKeys(generateKeyMaterial()))));
    // Two transactions with ANALYZE between them, as a batch import must: checking 300,000
    // foreign keys against a table whose statistics still say "302 rows" scans it every time.
    const load = await timeOnce(async () => {
      await db.withMunicipality(CITY, (trx) =>
        sql`
          insert into addressee (municipality_code, addressee_no, kind, name_kanji, name_kana, sex_code, birth_date, address)
          select ${CITY}, lpad((1000000 + g)::text, 15, '0'), 'resident', '試験' || chr(12288) || g, 'シケン' || chr(12288) || g,
                 (1 + g % 2)::text, date '1950-01-01' + (g % 20000), '埼玉県越谷市試験町' || g
            from generate_series(1, ${ADDRESSEES}) g`.execute(trx),
      );
      await analyzeDatabase(db);
      await db.withMunicipality(CITY, (trx) =>
        sql`
          insert into vehicle (municipality_code, declaration_year, declaration_serial, vehicle_class_code, generation,
                               owner_addressee_no, plate_part_1, plate_part_2, plate_part_3, chassis_no, first_inspection)
          select ${CITY}, 2000 + g % 26, 100000 + g, 'kei_four_wheel_passenger_private', 1,
                 lpad((1000000 + 1 + g % ${ADDRESSEES})::text, 15, '0'),
                 '越谷', '580 ' || chr(12354 + (g % 40)), lpad((g % 10000)::text, 4, '0'),
                 'BENCH-' || lpad(g::text, 7, '0'), (2000 + g % 26)::text || '-04'
            from generate_series(1, ${VEHICLES}) g`.execute(trx),
      );
    });
    const analyze = await timeOnce(() => analyzeDatabase(db));

    const byPlate = await latency(1000, (i) =>
      db.withMunicipality(CITY, (trx) =>
        trx
          .selectFrom('vehicle')
          .selectAll()
          .where('platePart1', '=', '越谷')
          .where('platePart2', '=', `580 ${String.fromCharCode(12354 + ((i * 7919) % 40))}`)
          .where('platePart3', '=', String((i * 7919) % 10000).padStart(4, '0'))
          .where('supersededAt', 'is', null)
          .execute(),
      ),
    );
    const byChassis = await latency(1000, (i) =>
      db.withMunicipality(CITY, (trx) =>
        trx.selectFrom('vehicle').selectAll().where('chassisNo', '=', `BENCH-${String((i * 104729) % VEHICLES).padStart(7, '0')}`).execute(),
      ),
    );
    const byOwner = await latency(1000, (i) =>
      db.withMunicipality(CITY, (trx) =>
        trx
          .selectFrom('vehicle')
          .innerJoin('addressee', (join) =>
            join.onRef('addressee.municipalityCode', '=', 'vehicle.municipalityCode').onRef('addressee.addresseeNo', '=', 'vehicle.ownerAddresseeNo'),
          )
          .select(['vehicle.declarationYear', 'vehicle.declarationSerial', 'vehicle.platePart3', 'addressee.nameKanji'])
          .where('vehicle.ownerAddresseeNo', '=', String(1_000_001 + ((i * 7919) % ADDRESSEES)).padStart(15, '0'))
          .execute(),
      ),
    );
    const emptyTransaction = await latency(2000, () => db.withMunicipality(CITY, async () => undefined));

    return [
      { what: 'demo city load (302 addressees, 458 vehicle records)', value: ms(demo.ms) },
      { what: `bulk load ${ADDRESSEES.toLocaleString('en-US')} addressees + ${VEHICLES.toLocaleString('en-US')} vehicles (SQL)`, value: ms(load.ms) },
      { what: 'ANALYZE of the whole database after the load', value: ms(analyze.ms) },
      { what: 'lookup by plate (current generation)', value: byPlate },
      { what: 'lookup by chassis number', value: byChassis },
      { what: "owner's vehicles with the owner's name", value: byOwner },
      { what: 'empty municipality-bound transaction (overhead per request)', value: emptyTransaction },
    ];
  },
};
