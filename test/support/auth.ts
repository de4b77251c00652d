import type { Actor } from '../../src/access/actor.js';
import { staffActor } from '../../src/access/actor.js';
import type { RoleCode } from '../../src/access/roles.js';
import { createSession, csrfTokenFor, SESSION_COOKIE } from '../../src/access/sessions.js';
import type { Database } from '../../src/db/database.js';
import { appPerSuite, type TestApp } from './app.js';

let serial = 0;

export interface SignedIn {
  staffNo: string;
  /** Cookie and CSRF header for `app.inject({ headers })`. */
  headers: { cookie: string; 'x-csrf-token': string };
  token: string;
}

/**
 * A staff member with `roles` in the app's municipality and a live session, made directly in the
 * database (the sign-in ceremony has its own tests). Creates the municipality and office it
 * needs if they are missing.
 */
export async function signInAs(t: Pick<TestApp, 'config'>, db: Database, roles: RoleCode[], staffNo = `T${String(++serial).padStart(4, '0')}`): Promise<SignedIn> {
  const municipalityCode = t.config.municipalityCode;
  const token = await db.withMunicipality(municipalityCode, async (trx) => {
    await trx
      .insertInto('municipality')
      .values({ municipalityCode, name: '試験市', prefecture: '試験県', isDemo: true })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx.insertInto('office').values({ municipalityCode, officeCode: '01', name: '本庁', kind: 'main' }).onConflict((oc) => oc.doNothing()).execute();
    await trx.insertInto('staff').values({ municipalityCode, staffNo, name: `試験職員${staffNo}`, officeCode: '01', department: '市民税課' }).execute();
    if (roles.length > 0) await trx.insertInto('staffRole').values(roles.map((roleCode) => ({ municipalityCode, staffNo, roleCode }))).execute();
    return createSession(trx, { municipalityCode, staffNo, ipAddress: '127.0.0.1', userAgent: 'vitest', settings: t.config.session });
  });
  return { staffNo, token, headers: { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': csrfTokenFor(token) } };
}

/** An actor for calling services directly, as a signed-in staff member with `roles` would. */
export function testActor(municipalityCode: string, roles: RoleCode[], staffNo = 'T9999'): Actor {
  return staffActor({
    municipalityCode,
    staffNo,
    staffName: '試験職員',
    officeCode: '01',
    roles,
    ipAddress: '127.0.0.1',
    terminal: 'vitest',
    reauthenticatedAt: new Date(),
  });
}

/** The app and database of one describe block (appPerSuite) and the staff member signed in to it. */
export interface SignedInSuite {
  t: TestApp;
  db: Database;
  signedIn: SignedIn;
}

/**
 * appPerSuite with one staff member of `roles` signed in before the first test. The fields of
 * the answer are filled in then, so tests read them (`suite.t`), never copy them at describe time.
 */
export function signedInAppPerSuite(roles: RoleCode[], staffNo?: string): SignedInSuite {
  const suite = {} as SignedInSuite;
  appPerSuite(async (t, db) => {
    Object.assign(suite, { t, db, signedIn: await signInAs(t, db, roles, staffNo) });
  });
  return suite;
}
