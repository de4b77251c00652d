/**
 * @module The chain's head witnessed outside the database at every commit (docs/decisions/0009-audit-witness.md):
 * one fsynced line per committed head, in a file of this process's own beside the checkpoints.
 * Whoever deletes the newest entries in the database cannot make the chain reach the head its
 * witness saw. Each line carries an HMAC, so a line added or edited without the key is refused.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalJson } from './chain.js';

export const witnessLineSchema = z.object({
  municipalityCode: z.string(),
  seq: z.number().int().min(1),
  entryHash: z.string().regex(/^[0-9a-f]{64}$/),
  witnessedAt: z.string(),
  /** Which process saw the commit (`host-pid`), so several servers on one PostgreSQL stay apart. */
  witness: z.string(),
  mac: z.string(),
});
export type WitnessLine = z.infer<typeof witnessLineSchema>;

export interface ChainHead {
  seq: number;
  entryHash: Uint8Array;
}

const WITNESS_SUFFIX = '.jsonl';
const witnessPrefix = (municipalityCode: string) => `${municipalityCode}.witness.`;

/** Domain-separated from the chain's own use of the key: a witness MAC is never an entry hash. */
function witnessMac(hmacKey: Buffer, line: Omit<WitnessLine, 'mac'>): string {
  return createHmac('sha256', hmacKey).update('keitax.audit.witness\n').update(canonicalJson(line)).digest('hex');
}

export class AuditWitness {
  private readonly highestWitnessed = new Map<string, number>();
  private readonly name = `${hostname()}-${process.pid}`;

  constructor(
    private readonly dir: string,
    private readonly hmacKey: Buffer,
    /** A witness that cannot be written must not undo a commit; it is reported instead. */
    private readonly onError: (error: unknown) => void = (error) => process.emitWarning(error instanceof Error ? error : String(error)),
  ) {}

  /**
   * Records `head` as committed. Call only once it is: a head witnessed and then rolled back
   * would read as a truncation. A head at or below one this process already witnessed is
   * skipped — the later head pins it through the chain's links.
   */
  committed(municipalityCode: string, head: ChainHead): void {
    if ((this.highestWitnessed.get(municipalityCode) ?? 0) >= head.seq) return;
    const unsigned = {
      municipalityCode,
      seq: head.seq,
      entryHash: Buffer.from(head.entryHash).toString('hex'),
      witnessedAt: new Date().toISOString(),
      witness: this.name,
    };
    const line = `${JSON.stringify({ ...unsigned, mac: witnessMac(this.hmacKey, unsigned) })}\n`;
    try {
      mkdirSync(this.dir, { recursive: true });
      const file = join(this.dir, `${witnessPrefix(municipalityCode)}${this.name}${WITNESS_SUFFIX}`);
      const isNew = !existsSync(file);
      syncAppend(file, line);
      // A new file's name lives in the folder: sync that too, or a crash can lose the whole file.
      if (isNew) syncFolder(this.dir);
      this.highestWitnessed.set(municipalityCode, head.seq);
    } catch (error) {
      this.onError(error);
    }
  }
}

function syncAppend(file: string, text: string): void {
  const fd = openSync(file, 'a', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncFolder(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface WitnessReading {
  lines: WitnessLine[];
  /** Lines that do not parse or whose MAC is wrong: forged or damaged. */
  refused: { file: string; line: number }[];
}

/** Every witness line of the municipality, from every process's file. */
export function readWitnesses(dir: string, hmacKey: Buffer, municipalityCode: string): WitnessReading {
  const reading: WitnessReading = { lines: [], refused: [] };
  if (!existsSync(dir)) return reading;
  const files = readdirSync(dir).filter((name) => name.startsWith(witnessPrefix(municipalityCode)) && name.endsWith(WITNESS_SUFFIX));
  for (const file of files.sort()) {
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .forEach((text, i) => {
        if (text.trim() === '') return;
        const line = parseLine(text);
        if (line && line.municipalityCode === municipalityCode && macValid(hmacKey, line)) reading.lines.push(line);
        else reading.refused.push({ file, line: i + 1 });
      });
  }
  return reading;
}

function parseLine(text: string): WitnessLine | undefined {
  try {
    return witnessLineSchema.parse(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function macValid(hmacKey: Buffer, line: WitnessLine): boolean {
  const { mac, ...unsigned } = line;
  const expected = Buffer.from(witnessMac(hmacKey, unsigned), 'hex');
  const given = Buffer.from(mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
