import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, normaliseIp, type ChainedEntry } from '../../src/audit/chain.js';
import { appendCheckpoint, signCheckpoint } from '../../src/audit/checkpoint.js';
import type { VerifyReport } from '../../src/audit/model.js';
import { verifyChain } from '../../src/audit/verify.js';
import { AuditWitness } from '../../src/audit/witness.js';
import { loadConfig } from '../../src/config.js';
import { loadKeys } from '../../src/keys/keys.js';
import { TEST_KEY_ENV } from '../support/keys.js';

/**
 * The chain's arithmetic without a database: how an entry hashes, and how verification walks a
 * chain, pages through it and weighs checkpoints and witnesses. Fast enough to mutate.
 */
const CITY = '112224';
const keys = loadKeys(loadConfig(TEST_KEY_ENV)).keys;

const base: Omit<ChainedEntry, 'entryHash' | 'seq' | 'previousHash'> = {
  municipalityCode: CITY,
  occurredAt: new Date('2026-04-01T00:00:00Z'),
  staffNo: 'S1',
  officeCode: '01',
  terminal: 'Firefox',
  ipAddress: '192.0.2.1',
  operation: 'vehicle.read',
  subjectType: 'vehicle',
  subjectId: '2025-1',
  result: 'succeeded',
  rowCount: 1,
  detail: { reason: 'check' },
};

function chainOf(length: number): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  for (let seq = 1; seq <= length; seq++) {
    const unhashed = { ...base, seq, previousHash: entries.at(-1)?.entryHash ?? null };
    entries.push({ ...unhashed, entryHash: entryHash(keys.audit.hmacKey, unhashed) });
  }
  return entries;
}

/** Verifies `entries` as the database would page them: ordered, after a seq, at most `limit`. */
function verifyEntries(entries: ChainedEntry[], { dir = mkdtempSync(join(tmpdir(), 'keitax-walk-')), neverEmpty = undefined as string | undefined } = {}): Promise<VerifyReport> {
  const ordered = [...entries].sort((a, b) => a.seq - b.seq);
  return verifyChain(
    {
      municipalityCode: CITY,
      readPage: async (afterSeq, limit) => ordered.filter((e) => e.seq > afterSeq).slice(0, limit),
      whyNeverEmpty: async () => neverEmpty,
    },
    keys,
    dir,
  );
}

const found = (report: VerifyReport) => report.problems.map(({ seq, code }) => ({ seq, code }));

describe('entry hash', () => {
  const unhashed: Omit<ChainedEntry, 'entryHash'> = { ...base, seq: 1, previousHash: null };
  const hash = (change: Partial<typeof unhashed>) => entryHash(keys.audit.hmacKey, { ...unhashed, ...change }).toString('hex');

  it('covers every field of the entry, the previous hash and the key', () => {
    const original = hash({});
    const changes: Partial<typeof unhashed>[] = [
      { municipalityCode: '131016' },
      { seq: 2 },
      { occurredAt: new Date('2026-04-01T00:00:01Z') },
      { staffNo: 'S2' },
      { officeCode: '02' },
      { terminal: 'Chrome' },
      { ipAddress: '192.0.2.2' },
      { operation: 'vehicle.write' },
      { subjectType: 'addressee' },
      { subjectId: '2025-2' },
      { result: 'denied' },
      { rowCount: 2 },
      { detail: { reason: 'other' } },
      { detail: null },
      { detail: {} },
      { previousHash: Buffer.alloc(32) },
    ];
    const hashes = changes.map(hash);
    for (const changed of hashes) expect(changed).not.toBe(original);
    expect(new Set(hashes).size).toBe(changes.length);
    expect(entryHash(Buffer.alloc(32, 1), unhashed).toString('hex')).not.toBe(original);
  });

  it('is a fixed HMAC-SHA-256 of the canonical fields, a newline and the previous hash in hex', async () => {
    const { createHmac } = await import('node:crypto');
    const previousHash = Buffer.alloc(32, 0xab);
    const fields = [CITY, 1, '2026-04-01T00:00:00.000Z', 'S1', '01', 'Firefox', '192.0.2.1', 'vehicle.read', 'vehicle', '2025-1', 'succeeded', 1, '{"reason":"check"}'];
    const expected = createHmac('sha256', keys.audit.hmacKey).update(JSON.stringify(fields)).update('\n').update('ab'.repeat(32)).digest('hex');
    expect(hash({ previousHash })).toBe(expected);
    const first = createHmac('sha256', keys.audit.hmacKey).update(JSON.stringify([...fields.slice(0, 12), null])).update('\n').digest('hex');
    expect(hash({ detail: null })).toBe(first);
  });

  it('hashes a detail the same whatever its key order, as it comes back from jsonb', () => {
    expect(hash({ detail: { b: 1, a: [2, { d: null, c: 'x' }] } })).toBe(hash({ detail: { a: [2, { c: 'x', d: null }], b: 1 } }));
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth, keeps array order and drops undefined values', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
    expect(canonicalJson({ ab: 1, a: 2, b: 3, B: 4 })).toBe('{"B":4,"a":2,"ab":1,"b":3}');
    expect(canonicalJson({ a: 1, a2: 2 })).toBe(canonicalJson({ a2: 2, a: 1 }));
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson('文字')).toBe('"文字"');
  });
});

describe('normaliseIp', () => {
  it('records IPv4 plainly and keeps IPv6 and absence as they are', () => {
    expect(normaliseIp('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(normaliseIp('::ffff:c000:201')).toBe('::ffff:c000:201');
    expect(normaliseIp('2001:db8::1')).toBe('2001:db8::1');
    expect(normaliseIp('192.0.2.1')).toBe('192.0.2.1');
    expect(normaliseIp('')).toBeNull();
    expect(normaliseIp(undefined)).toBeNull();
    expect(normaliseIp(null)).toBeNull();
  });
});

describe('verifying a chain', () => {
  it('passes an intact chain and says how much it checked', async () => {
    expect(await verifyEntries(chainOf(3))).toEqual({ municipalityCode: CITY, entries: 3, headSeq: 3, checkpoints: 0, witnessedSeq: 0, ok: true, problems: [] });
  });

  it('passes an empty chain unless something shows it had entries', async () => {
    expect(await verifyEntries([])).toMatchObject({ entries: 0, headSeq: 0, ok: true });
    expect(await verifyEntries([], { neverEmpty: '理由' })).toMatchObject({ ok: false, problems: [{ seq: 1, code: 'emptied', problem: '理由' }] });
    // Only an empty chain is weighed against the staff register.
    expect((await verifyEntries(chainOf(1), { neverEmpty: '理由' })).ok).toBe(true);
  });

  it('pages through a chain longer than a page without skipping an entry', async () => {
    const chain = chainOf(5001);
    expect(await verifyEntries(chain)).toMatchObject({ entries: 5001, headSeq: 5001, ok: true });
    const altered = chain.map((e) => (e.seq === 5001 ? { ...e, subjectId: 'x' } : e));
    expect(found(await verifyEntries(altered))).toEqual([{ seq: 5001, code: 'altered' }]);
  });

  it('reports a gap with its range, then the broken link, in order', async () => {
    const chain = chainOf(6).filter((e) => e.seq !== 2 && e.seq !== 3);
    const report = await verifyEntries(chain);
    expect(report.problems).toEqual([
      { seq: 2, code: 'gap', problem: '連番 2〜3 の記録がありません(削除または番号の付け替え)' },
      { seq: 4, code: 'unlinked', problem: '直前の記録とつながっていません(削除・挿入・並べ替え)' },
    ]);
    expect(report).toMatchObject({ entries: 4, headSeq: 6 });
  });

  it('reports a chain that does not start at 1', async () => {
    expect(found(await verifyEntries(chainOf(3).slice(1)))).toEqual([
      { seq: 1, code: 'gap' },
      { seq: 2, code: 'unlinked' },
    ]);
  });

  it('reports a missing or wrong-length hash or link instead of failing', async () => {
    const chain = chainOf(4);
    const nullHash = chain.map((e) => (e.seq === 2 ? { ...e, entryHash: null as unknown as Uint8Array } : e));
    expect(found(await verifyEntries(nullHash))).toEqual([
      { seq: 2, code: 'altered' },
      { seq: 3, code: 'unlinked' },
    ]);
    const nullLink = chain.map((e) => (e.seq === 3 ? { ...e, previousHash: null } : e));
    expect(found(await verifyEntries(nullLink))).toEqual([
      { seq: 3, code: 'unlinked' },
      { seq: 3, code: 'altered' },
    ]);
    const short = chain.map((e) => (e.seq === 2 ? { ...e, entryHash: e.entryHash.subarray(0, 16) } : e.seq === 4 ? { ...e, previousHash: e.previousHash!.subarray(0, 31) } : e));
    expect(found(await verifyEntries(short))).toEqual([
      { seq: 2, code: 'altered' },
      { seq: 3, code: 'unlinked' },
      { seq: 4, code: 'unlinked' },
      { seq: 4, code: 'altered' },
    ]);
    const firstLinked = chain.map((e) => (e.seq === 1 ? { ...e, previousHash: Buffer.alloc(32) } : e));
    expect(found(await verifyEntries(firstLinked))).toEqual([
      { seq: 1, code: 'unlinked' },
      { seq: 1, code: 'altered' },
    ]);
  });

  it('weighs every checkpoint: valid, forged, beyond the log, or differing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keitax-walk-'));
    const chain = chainOf(4);
    const signed = (seq: number, hash: Uint8Array) => signCheckpoint(keys, CITY, { seq, entryHash: hash });
    appendCheckpoint(dir, signed(2, chain[1]!.entryHash));
    appendCheckpoint(dir, { ...signed(3, chain[2]!.entryHash), seq: 1 });
    appendCheckpoint(dir, signed(9, chain[3]!.entryHash));
    appendCheckpoint(dir, signed(4, chain[0]!.entryHash));
    const report = await verifyEntries(chain, { dir });
    expect(found(report)).toEqual([
      { seq: 1, code: 'checkpoint_forged' },
      { seq: 4, code: 'rewritten' },
      { seq: 9, code: 'truncated' },
    ]);
    expect(report.checkpoints).toBe(4);
    expect(report.problems[0]?.problem).toMatch(/^\d{4}-\d\d-\d\dT.+ のチェックポイントの署名が正しくありません\(偽造\)$/);
    expect(report.problems[2]?.problem).toMatch(/^\d{4}-.+ のチェックポイントにある連番 9 の記録がログにありません\(末尾の削除\)$/);
  });

  it('weighs each witnessing process by the highest head it saw', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keitax-walk-'));
    const chain = chainOf(5);
    const witness = new AuditWitness(dir, keys.audit.hmacKey);
    for (const entry of chain.slice(0, 4)) witness.committed(CITY, entry);
    const report = await verifyEntries(chain, { dir });
    expect(report).toMatchObject({ ok: true, witnessedSeq: 4 });
    const truncated = await verifyEntries(chain.slice(0, 3), { dir });
    expect(truncated.problems).toEqual([{ seq: 4, code: 'truncated', problem: expect.stringMatching(/^\d{4}-.+ の証跡\(.+-\d+\)にある連番 4 の記録がログにありません\(末尾の削除\)$/) }]);
    const rewritten = chain.map((e) => (e.seq === 4 ? { ...e, entryHash: chain[4]!.entryHash } : e));
    expect((await verifyEntries(rewritten, { dir })).problems).toContainEqual({ seq: 4, code: 'rewritten', problem: expect.stringMatching(/の証跡\(.+\)と内容が異なります\(チェーンの書き換え\)$/) });
  });

  it('reports every unreadable line of the checkpoint file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keitax-walk-'));
    writeFileSync(join(dir, `${CITY}.jsonl`), '{}\n\nnot json\n');
    expect((await verifyEntries(chainOf(1), { dir })).problems).toEqual([
      { seq: 0, code: 'checkpoint_unreadable', problem: 'チェックポイントファイルの 1 行目が読めません(破損または偽造)' },
      { seq: 0, code: 'checkpoint_unreadable', problem: 'チェックポイントファイルの 3 行目が読めません(破損または偽造)' },
    ]);
  });

  it('names an altered entry and each forged witness line in words', async () => {
    const altered = chainOf(2).map((e) => (e.seq === 2 ? { ...e, subjectId: 'x' } : e));
    expect((await verifyEntries(altered)).problems).toEqual([{ seq: 2, code: 'altered', problem: '記録の内容がハッシュと一致しません(改ざん)' }]);
    const dir = mkdtempSync(join(tmpdir(), 'keitax-walk-'));
    writeFileSync(join(dir, `${CITY}.witness.forger-1.jsonl`), '{}\n');
    expect((await verifyEntries(chainOf(1), { dir })).problems).toEqual([
      { seq: 0, code: 'witness_forged', problem: `証跡ファイル ${CITY}.witness.forger-1.jsonl の 1 行目が正しくありません(偽造または破損)` },
    ]);
  });

  it('reports a head number a process witnessed twice with different hashes, and holds it to the first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keitax-walk-'));
    const chain = chainOf(3);
    const witness = new AuditWitness(dir, keys.audit.hmacKey);
    witness.committed(CITY, chain[2]!);
    // A forger holding the key appends a second line for the same head through another witness of that process.
    const forger = new AuditWitness(dir, keys.audit.hmacKey);
    forger.committed(CITY, { ...chain[2]!, entryHash: chain[0]!.entryHash });
    expect((await verifyEntries(chain, { dir })).problems).toEqual([
      { seq: 3, code: 'witness_conflict', problem: expect.stringMatching(/^証跡\(.+-\d+\)に連番 3 の異なる記録が二つあります\(偽造\)$/) },
    ]);
  });

  it('holds a process to the highest head in its file, wherever that line stands', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keitax-walk-'));
    const chain = chainOf(4);
    // Two witnesses of one process share its file: the lower head comes last.
    new AuditWitness(dir, keys.audit.hmacKey).committed(CITY, chain[3]!);
    new AuditWitness(dir, keys.audit.hmacKey).committed(CITY, chain[1]!);
    expect(found(await verifyEntries(chain.slice(0, 3), { dir }))).toEqual([{ seq: 4, code: 'truncated' }]);
  });
});
