import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { appendCheckpoint, checkpointFile, checkpointSignatureValid, readCheckpoints, signCheckpoint } from '../../src/audit/checkpoint.js';
import { AuditWitness, readWitnesses } from '../../src/audit/witness.js';
import { loadConfig } from '../../src/config.js';
import { generateKeyMaterial, keyEnvironment, loadKeys } from '../../src/keys/keys.js';
import { TEST_KEY_ENV } from '../support/keys.js';

/** The files outside the database that vouch for the chain: signed checkpoints and the witness. */
const CITY = '112224';
const keys = loadKeys(loadConfig(TEST_KEY_ENV)).keys;
const otherKeys = loadKeys(loadConfig(keyEnvironment(generateKeyMaterial()))).keys;
const head = (seq: number) => ({ seq, entryHash: Buffer.alloc(32, seq) });
const freshDir = () => join(mkdtempSync(join(tmpdir(), 'keitax-files-')), 'nested');

describe('checkpoints', () => {
  it('sign the head with the audit key, and only that key verifies them', () => {
    const checkpoint = signCheckpoint(keys, CITY, head(7));
    expect(checkpoint).toMatchObject({ municipalityCode: CITY, seq: 7, entryHash: '07'.repeat(32), keyId: keys.audit.signingKeyId });
    expect(Date.now() - Date.parse(checkpoint.signedAt)).toBeLessThan(60_000);
    expect(checkpointSignatureValid(keys, checkpoint)).toBe(true);
    expect(checkpointSignatureValid(otherKeys, checkpoint)).toBe(false);
    expect(checkpointSignatureValid(keys, { ...checkpoint, seq: 8 })).toBe(false);
    expect(checkpointSignatureValid(keys, { ...checkpoint, keyId: otherKeys.audit.signingKeyId })).toBe(false);
    // The same signature under a key id claiming another key is refused before it is checked.
    expect(checkpointSignatureValid({ ...keys, audit: { ...keys.audit, signingKeyId: 'other' } }, checkpoint)).toBe(false);
  });

  it('are appended one JSON line each to the municipality file, readable only by the owner', () => {
    const dir = freshDir();
    expect(readCheckpoints(dir, CITY)).toEqual({ checkpoints: [], unreadableLines: [] });
    const first = signCheckpoint(keys, CITY, head(1));
    const second = signCheckpoint(keys, CITY, head(2));
    appendCheckpoint(dir, first);
    appendCheckpoint(dir, second);
    expect(checkpointFile(dir, CITY)).toBe(join(dir, `${CITY}.jsonl`));
    expect(readFileSync(checkpointFile(dir, CITY), 'utf8')).toBe(`${JSON.stringify(first)}\n${JSON.stringify(second)}\n`);
    expect(statSync(checkpointFile(dir, CITY)).mode & 0o777).toBe(0o600);
    expect(readCheckpoints(dir, CITY)).toEqual({ checkpoints: [first, second], unreadableLines: [] });
  });

  it('report each line that does not parse or fit, by its line number', () => {
    const dir = freshDir();
    const good = signCheckpoint(keys, CITY, head(1));
    appendCheckpoint(dir, good);
    const text = [JSON.stringify(good), '   ', '{', JSON.stringify({ ...good, seq: 0 }), JSON.stringify({ ...good, entryHash: 'AB'.repeat(32) }), JSON.stringify({ ...good, entryHash: 'ab'.repeat(31) }), JSON.stringify({ ...good, entryHash: `${good.entryHash}0` }), JSON.stringify({ ...good, entryHash: `0${good.entryHash}` }), ''].join('\n');
    writeFileSync(checkpointFile(dir, CITY), text);
    expect(readCheckpoints(dir, CITY)).toEqual({ checkpoints: [good], unreadableLines: [3, 4, 5, 6, 7, 8] });
  });
});

describe('the witness', () => {
  const file = (dir: string) => join(dir, `${CITY}.witness.${hostname()}-${process.pid}.jsonl`);

  it('appends one MAC-carrying line per committed head to this process’s own file, readable only by the owner', () => {
    const dir = freshDir();
    const witness = new AuditWitness(dir, keys.audit.hmacKey);
    witness.committed(CITY, head(1));
    witness.committed(CITY, head(3));
    const lines = readFileSync(file(dir), 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[1]!)).toEqual({ municipalityCode: CITY, seq: 3, entryHash: '03'.repeat(32), witnessedAt: expect.any(String), witness: `${hostname()}-${process.pid}`, mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(Date.now() - Date.parse(JSON.parse(lines[1]!).witnessedAt)).toBeLessThan(60_000);
    expect(statSync(file(dir)).mode & 0o777).toBe(0o600);
    expect(readWitnesses(dir, keys.audit.hmacKey, CITY)).toEqual({ lines: [JSON.parse(lines[0]!), JSON.parse(lines[1]!)], refused: [] });
  });

  it('skips a head at or below one it already witnessed for that municipality', () => {
    const dir = freshDir();
    const witness = new AuditWitness(dir, keys.audit.hmacKey);
    witness.committed(CITY, head(2));
    witness.committed(CITY, head(2));
    witness.committed(CITY, head(1));
    witness.committed('131016', head(1));
    expect(readWitnesses(dir, keys.audit.hmacKey, CITY).lines.map((l) => l.seq)).toEqual([2]);
    expect(readWitnesses(dir, keys.audit.hmacKey, '131016').lines.map((l) => l.seq)).toEqual([1]);
  });

  it('reports a write it could not make, and tries again with the next head', () => {
    const dir = freshDir();
    const errors: unknown[] = [];
    writeFileSync(join(dir, '..', 'blocker'), '');
    const blocked = new AuditWitness(join(dir, '..', 'blocker'), keys.audit.hmacKey, (error) => errors.push(error));
    blocked.committed(CITY, head(1));
    blocked.committed(CITY, head(1));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBeInstanceOf(Error);
  });

  it('reports an unwritable witness as a process warning unless told otherwise', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const blocker = join(mkdtempSync(join(tmpdir(), 'keitax-files-')), 'blocker');
      writeFileSync(blocker, '');
      new AuditWitness(blocker, keys.audit.hmacKey).committed(CITY, head(1));
      expect(warn).toHaveBeenCalledWith(expect.any(Error));
    } finally {
      warn.mockRestore();
    }
  });

  it('reads every process’s file of the municipality and refuses lines without a valid MAC', () => {
    const dir = freshDir();
    new AuditWitness(dir, keys.audit.hmacKey).committed(CITY, head(4));
    const [line] = readFileSync(file(dir), 'utf8').trim().split('\n');
    const valid = JSON.parse(line!);
    writeFileSync(join(dir, `${CITY}.witness.other-1.jsonl`), `${line}\n  \n${JSON.stringify({ ...valid, witness: 'other-1' })}\n{\n${JSON.stringify({ ...valid, mac: 'ab' })}\n`);
    writeFileSync(join(dir, `${CITY}.witness.other-2.txt`), 'ignored');
    writeFileSync(join(dir, `${CITY}.jsonl`), 'checkpoints are not witness lines');
    writeFileSync(join(dir, `131016.witness.x.jsonl`), `${line}\n`);
    expect(readWitnesses(dir, keys.audit.hmacKey, CITY)).toEqual({
      lines: [valid, valid],
      refused: [
        { file: `${CITY}.witness.other-1.jsonl`, line: 3 },
        { file: `${CITY}.witness.other-1.jsonl`, line: 4 },
        { file: `${CITY}.witness.other-1.jsonl`, line: 5 },
      ],
    });
    expect(readWitnesses(dir, otherKeys.audit.hmacKey, CITY).refused).toHaveLength(5);
    expect(readWitnesses(dir, keys.audit.hmacKey, '131016').refused).toEqual([{ file: '131016.witness.x.jsonl', line: 1 }]);
    expect(readWitnesses(join(dir, 'absent'), keys.audit.hmacKey, CITY)).toEqual({ lines: [], refused: [] });
  });

  it('signs each line with an HMAC kept apart from the entry hashes, and refuses a hash that is not 64 hex digits', async () => {
    const { createHmac } = await import('node:crypto');
    const { canonicalJson } = await import('../../src/audit/chain.js');
    const dir = freshDir();
    new AuditWitness(dir, keys.audit.hmacKey).committed(CITY, head(5));
    const line = JSON.parse(readFileSync(file(dir), 'utf8').trim());
    const { mac, ...unsigned } = line;
    expect(mac).toBe(createHmac('sha256', keys.audit.hmacKey).update('keitax.audit.witness\n').update(canonicalJson(unsigned)).digest('hex'));
    const resign = (changed: object) => {
      const body = { ...unsigned, ...changed };
      return JSON.stringify({ ...body, mac: createHmac('sha256', keys.audit.hmacKey).update('keitax.audit.witness\n').update(canonicalJson(body)).digest('hex') });
    };
    writeFileSync(file(dir), [resign({}), resign({ entryHash: `${unsigned.entryHash}0` }), resign({ entryHash: `0${unsigned.entryHash}` })].join('\n'));
    expect(readWitnesses(dir, keys.audit.hmacKey, CITY)).toEqual({ lines: [line], refused: [2, 3].map((n) => ({ file: file(dir).slice(dir.length + 1), line: n })) });
  });
});
