import * as fs from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AuditWitness } from '../../src/audit/witness.js';
import { loadConfig } from '../../src/config.js';
import { loadKeys } from '../../src/keys/keys.js';
import { TEST_KEY_ENV } from '../support/keys.js';

/**
 * The witness is only worth its line if the line survives a crash: each append is fsynced, a new
 * file's folder too, and every descriptor opened is closed. Observed through spies on node:fs,
 * since no test can pull the power.
 */
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  return { ...actual, openSync: vi.fn(actual.openSync), fsyncSync: vi.fn(actual.fsyncSync), closeSync: vi.fn(actual.closeSync) };
});

const keys = loadKeys(loadConfig(TEST_KEY_ENV)).keys;
const head = (seq: number) => ({ seq, entryHash: Buffer.alloc(32, seq) });

describe('the witness on disk', () => {
  it('fsyncs every line, the folder when the file is new, and closes what it opened', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'keitax-durable-')), 'witness');
    const witness = new AuditWitness(dir, keys.audit.hmacKey);
    const opened = () => vi.mocked(fs.openSync).mock.calls.map(([path, flags]) => [String(path), flags]);
    const descriptors = () => vi.mocked(fs.openSync).mock.results.map((result) => result.value as number);
    vi.mocked(fs.openSync).mockClear();
    vi.mocked(fs.fsyncSync).mockClear();
    vi.mocked(fs.closeSync).mockClear();

    witness.committed('112224', head(1));
    const file = join(dir, fs.readdirSync(dir)[0]!);
    expect(opened()).toEqual([
      [file, 'a'],
      [dir, 'r'],
    ]);
    expect(vi.mocked(fs.fsyncSync).mock.calls.map(([fd]) => fd)).toEqual(descriptors());
    expect(vi.mocked(fs.closeSync).mock.calls.map(([fd]) => fd)).toEqual(descriptors());

    vi.mocked(fs.openSync).mockClear();
    vi.mocked(fs.fsyncSync).mockClear();
    vi.mocked(fs.closeSync).mockClear();
    witness.committed('112224', head(2));
    expect(opened()).toEqual([[file, 'a']]);
    expect(vi.mocked(fs.fsyncSync).mock.calls.map(([fd]) => fd)).toEqual(descriptors());
    expect(vi.mocked(fs.closeSync).mock.calls.map(([fd]) => fd)).toEqual(descriptors());
  });
});
