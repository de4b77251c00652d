import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionTokenHash } from '../../src/access/sessions.js';
import type { Database } from '../../src/db/database.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { signInAs, type SignedIn } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { generatedIndividualNumber } from '../support/residents.js';

const CITY = '112224';
const NUMBER = generatedIndividualNumber(4242);

describe('revealing an individual number', () => {
  let db: Database;
  let t: TestApp;
  let clerk: SignedIn;
  let assessor: SignedIn;
  let addresseeNo: string;
  let withoutNumber: string;

  const reveal = (who: SignedIn, payload: object = { reasonCode: 'identity_verification', reason: '窓口で個人番号カードと照合' }, no = addresseeNo) =>
    t.app.inject({ method: 'POST', url: `/api/v1/addressees/${no}/individual-number/reveal`, headers: who.headers, payload });
  const lastAudit = () => db.withMunicipality(CITY, (trx) => trx.selectFrom('auditLog').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow());
  const reveals = () => db.withMunicipality(CITY, (trx) => trx.selectFrom('individualNumberReveal').selectAll().orderBy('revealedAt').execute());
  const reauthenticatedMinutesAgo = (who: SignedIn, minutes: number) =>
    sql`update staff_session set reauthenticated_at = now() - make_interval(mins => ${minutes}) where session_token_hash = ${sessionTokenHash(who.token)}`.execute(db.owner);

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp(db);
    clerk = await signInAs(t, db, ['counter_clerk']);
    assessor = await signInAs(t, db, ['assessor']);
    const person = { kind: 'non_resident', nameKanji: '開示　太郎', nameKana: 'カイジ　タロウ', sexCode: '1', birthDate: '1975-03-03', address: '東京都足立区架空町1-1', reason: '申告' };
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/addressees', headers: clerk.headers, payload: { ...person, individualNumber: NUMBER } });
    addresseeNo = created.json().addresseeNo;
    withoutNumber = (await t.app.inject({ method: 'POST', url: '/api/v1/addressees', headers: clerk.headers, payload: { ...person, nameKanji: '番号　無' } })).json().addresseeNo;
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('is refused to a counter clerk, who lacks the permission, and the refusal is audited', async () => {
    const res = await reveal(clerk);
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('「個人番号の表示」の権限がありません');
    expect(res.body).not.toContain(NUMBER);
    expect(await lastAudit()).toMatchObject({ staffNo: clerk.staffNo, operation: 'addressee.individualNumber.reveal', result: 'denied' });
    expect(await reveals()).toEqual([]);
  });

  it('shows the full number to an assessor who re-authenticated recently, stating a reason, and audits it', async () => {
    const res = await reveal(assessor);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body.individualNumber).toBe(NUMBER);

    const [recorded] = await reveals();
    expect(recorded).toMatchObject({ staffNo: assessor.staffNo, addresseeNo, reasonCode: 'identity_verification', reason: '窓口で個人番号カードと照合', revealId: body.revealId });
    const audit = await lastAudit();
    expect(audit).toMatchObject({
      staffNo: assessor.staffNo,
      operation: 'addressee.individualNumber.reveal',
      subjectType: 'addressee',
      subjectId: addresseeNo,
      result: 'succeeded',
      rowCount: 1,
      detail: { reasonCode: 'identity_verification', revealId: body.revealId },
    });
    // The reason's words may name people: they stay in the reveal record, out of the audit log.
    expect(JSON.stringify(audit.detail)).not.toContain('窓口');
    expect(JSON.stringify(audit)).not.toContain(NUMBER);
  });

  it('asks for a re-authentication older than the window allows, with a problem the screen recognises, and audits the failure', async () => {
    await reauthenticatedMinutesAgo(assessor, 6);
    const before = (await reveals()).length;
    const res = await reveal(assessor);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ type: 'urn:keitax:problem:reauthentication-required', title: '再認証が必要です' });
    expect(res.json().detail).toMatch(/5分以内/);
    expect(res.body).not.toContain(NUMBER);
    expect(await lastAudit()).toMatchObject({ operation: 'addressee.individualNumber.reveal', result: 'failed', subjectId: addresseeNo, detail: { status: 403 } });
    expect(await reveals()).toHaveLength(before);
  });

  it('takes the window from KEITAX_REVEAL_REAUTH_MINUTES', async () => {
    const wider = await buildTestApp(db, { KEITAX_REVEAL_REAUTH_MINUTES: '10' });
    try {
      const res = await wider.app.inject({
        method: 'POST',
        url: `/api/v1/addressees/${addresseeNo}/individual-number/reveal`,
        headers: assessor.headers,
        payload: { reasonCode: 'declaration_check', reason: '申告書の番号と照合' },
      });
      expect(res.statusCode).toBe(200);
    } finally {
      await wider.app.close();
      await reauthenticatedMinutesAgo(assessor, 0);
    }
  });

  it('needs a reason category and words, and reveals nothing without them', async () => {
    const before = (await reveals()).length;
    const res = await reveal(assessor, { reasonCode: 'curiosity', reason: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['reason', 'reasonCode']);
    expect(await reveals()).toHaveLength(before);
  });

  it('says so when an addressee has no number on file', async () => {
    const res = await reveal(assessor, undefined, withoutNumber);
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toBe('この宛名には個人番号が登録されていません。');
  });

  it("shows an auditor the reveal's reason in the clerk's words, by the audit entry's revealId, and records that look", async () => {
    const revealed = await reveal(assessor, { reasonCode: 'other', reason: '納税義務者からの電話照会に回答' });
    const { revealId } = revealed.json();
    const auditor = await signInAs(t, db, ['auditor']);
    const res = await t.app.inject({ url: `/api/v1/individual-number-reveals/${revealId}`, headers: auditor.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toMatchObject({ revealId, staffNo: assessor.staffNo, addresseeNo, reasonCode: 'other', reasonLabel: 'その他', reason: '納税義務者からの電話照会に回答' });
    expect(res.body).not.toContain(NUMBER);
    expect(await lastAudit()).toMatchObject({ staffNo: auditor.staffNo, operation: 'integratedAddressee.reveal.read', subjectId: addresseeNo, result: 'succeeded', detail: { revealId } });
    expect((await t.app.inject({ url: `/api/v1/individual-number-reveals/${revealId}`, headers: assessor.headers })).statusCode).toBe(403);
    const unknown = await t.app.inject({ url: '/api/v1/individual-number-reveals/00000000-0000-4000-8000-000000000000', headers: auditor.headers });
    expect(unknown.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/individual-number-reveals/not-an-id', headers: auditor.headers })).statusCode).toBe(400);
  });
});
