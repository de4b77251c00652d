import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { contrastRatio, HISTORY_TEXT_COLOUR, STATE_BACKGROUNDS } from '../../src/vehicles/model.js';
import { createTestDatabase } from '../support/database.js';

describe('history colours (seed S1 (3))', () => {
  let db: Database;
  let classColours: string[];
  beforeAll(async () => {
    db = await createTestDatabase();
    classColours = (await db.owner.selectFrom('vehicleClass').select('displayColour').execute()).map((row) => row.displayColour);
  });
  afterAll(() => db.close());

  it('keeps the text at 4.5:1 or more on every class colour and every ending state', () => {
    const backgrounds = [...classColours, ...Object.values(STATE_BACKGROUNDS)];
    const weakest = Math.min(...backgrounds.map((background) => contrastRatio(HISTORY_TEXT_COLOUR, background)));
    expect(weakest).toBeGreaterThanOrEqual(4.5);
  });

  it('gives deregistered and re-titled rows backgrounds no class has', () => {
    for (const background of Object.values(STATE_BACKGROUNDS)) expect(classColours).not.toContain(background);
    expect(new Set(Object.values(STATE_BACKGROUNDS)).size).toBe(2);
  });

  it('measures contrast as WCAG does (the check works)', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  });
});
