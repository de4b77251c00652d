import { timingSafeEqual } from 'node:crypto';
import type { CityTransaction } from '../db/database.js';
import type { Keys } from '../keys/keys.js';
import { entryHash } from './chain.js';
import { appendCheckpoint, checkpointSignatureValid, readCheckpoints, signCheckpoint, type Checkpoint } from './checkpoint.js';
import { chainHead, readChainPage } from './repository.js';

export interface ChainProblem {
  /** The entry where the chain stops being trustworthy (or the checkpoint's entry). */
  seq: number;
  problem: string;
}

export interface VerifyReport {
  municipalityCode: string;
  entries: number;
  headSeq: number;
  checkpoints: number;
  ok: boolean;
  problems: ChainProblem[];
}

const PAGE = 5000;

const sameBytes = (a: Uint8Array | null, b: Uint8Array | null) =>
  a === null || b === null ? a === b : a.length === b.length && timingSafeEqual(a, b);

/**
 * Walks the municipality's whole chain: every entry must follow the previous one by number,
 * name its hash, and hash to what it stores; every signed checkpoint must match the entry it
 * names. Reports each break with its sequence number: an edit shows as "altered", a deletion as
 * a gap, a reordering as a broken link, a rewrite or truncation as a checkpoint mismatch.
 */
export async function verifyAuditChain(trx: CityTransaction, keys: Keys, checkpointDir: string, municipalityCode: string): Promise<VerifyReport> {
  const problems: ChainProblem[] = [];
  const hashes = new Map<number, Uint8Array>();
  let expectedSeq = 1;
  let previous: Uint8Array | null = null;
  let entries = 0;

  for (let page = await readChainPage(trx, municipalityCode, 0, PAGE); page.length > 0; ) {
    for (const entry of page) {
      entries++;
      if (entry.seq !== expectedSeq) {
        problems.push({ seq: expectedSeq, problem: `entries ${expectedSeq}–${entry.seq - 1} are missing (deleted or renumbered)` });
      }
      if (!sameBytes(entry.previousHash, previous)) {
        problems.push({ seq: entry.seq, problem: 'does not link to the entry before it (deleted, inserted or reordered)' });
      }
      if (!sameBytes(entryHash(keys.audit.hmacKey, entry), entry.entryHash)) {
        problems.push({ seq: entry.seq, problem: 'content does not match its hash (altered)' });
      }
      hashes.set(entry.seq, entry.entryHash);
      previous = entry.entryHash;
      expectedSeq = entry.seq + 1;
    }
    page = await readChainPage(trx, municipalityCode, expectedSeq - 1, PAGE);
  }

  const { checkpoints, unreadableLines } = readCheckpoints(checkpointDir, municipalityCode);
  for (const line of unreadableLines) problems.push({ seq: 0, problem: `checkpoint file line ${line} is unreadable` });
  for (const checkpoint of checkpoints) {
    const stored = hashes.get(checkpoint.seq);
    if (!checkpointSignatureValid(keys, checkpoint)) {
      problems.push({ seq: checkpoint.seq, problem: `checkpoint of ${checkpoint.signedAt} has an invalid signature` });
    } else if (!stored) {
      problems.push({ seq: checkpoint.seq, problem: `checkpoint of ${checkpoint.signedAt} names an entry the log no longer has (truncated)` });
    } else if (Buffer.from(stored).toString('hex') !== checkpoint.entryHash) {
      problems.push({ seq: checkpoint.seq, problem: `differs from the checkpoint signed at ${checkpoint.signedAt} (chain rewritten)` });
    }
  }

  problems.sort((a, b) => a.seq - b.seq);
  return { municipalityCode, entries, headSeq: expectedSeq - 1, checkpoints: checkpoints.length, ok: problems.length === 0, problems };
}

/**
 * Signs the current head of the chain into the checkpoint file, unless it is the head the last
 * checkpoint already signed. Returns the new checkpoint, if one was written.
 */
export async function takeCheckpoint(trx: CityTransaction, keys: Keys, checkpointDir: string, municipalityCode: string): Promise<Checkpoint | undefined> {
  const head = await chainHead(trx, municipalityCode);
  if (!head) return undefined;
  const last = readCheckpoints(checkpointDir, municipalityCode).checkpoints.at(-1);
  if (last?.seq === head.seq && last.entryHash === Buffer.from(head.entryHash).toString('hex')) return undefined;
  const checkpoint = signCheckpoint(keys, municipalityCode, head);
  appendCheckpoint(checkpointDir, checkpoint);
  return checkpoint;
}
