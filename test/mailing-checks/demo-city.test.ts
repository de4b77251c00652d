import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessControl } from '../../src/access/guard.js';
import { AssessmentService } from '../../src/assessment/service.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { seedDemoCity } from '../../src/demo/seed.js';
import { loadKeys } from '../../src/keys/keys.js';
import { MailingCheckService } from '../../src/mailing-checks/service.js';
import { NATIONAL } from '../../src/tax-rules/service.js';
import { testActor } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_KEY_ENV, TEST_VAULT } from '../support/keys.js';

describe('the checks before mailing on the demo city', () => {
  let db: Database;
  let code: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    code = (await seedDemoCity(db, TEST_VAULT)).municipalityCode;
  }, 120_000);
  afterAll(() => db.close());

  it('finds something for several rules once the demo city is assessed', async () => {
    const access = new AccessControl(db, loadKeys(loadConfig(TEST_KEY_ENV)).keys);
    const assessment = new AssessmentService(access, NATIONAL);
    const supervisor = testActor(code, ['supervisor'], 'D005');
    await assessment.run(supervisor, 2026);
    const report = await new MailingCheckService(access, assessment).run(supervisor, 2026);
    expect(report.countsByRule).toMatchObject({ green_reduction_missing: 1, first_inspection_missing: 1, owner_gone_still_levied: 1, chassis_levied_twice: 2 });
  }, 120_000);
});
