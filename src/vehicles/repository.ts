import type { CityTransaction } from '../db/database.js';

/** SQL of the vehicle register (軽自テーブル); its use cases come with the register. */
export async function countCurrentVehicles(trx: CityTransaction): Promise<number> {
  const { n } = await trx
    .selectFrom('vehicle')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('supersededAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}
