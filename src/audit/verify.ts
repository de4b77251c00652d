/**
 * @module Verifying the audit chain (`audit verify`): every entry's hash recomputed and compared
 * with the signed checkpoints and the witness, each break reported in Japanese for the auditor;
 * and taking a new checkpoint.
 */
import { timingSafeEqual } from 'node:crypto';
import type { CityTransaction } from '../db/database.js';
import type { Keys } from '../keys/keys.js';
import { municipalityIn } from '../municipality/service.js';
import { staffFootprint } from '../staff/service.js';
import { entryHash, type ChainedEntry } from './chain.js';
import type { VerifyReport } from './model.js';
import { appendCheckpoint, checkpointSignatureValid, readCheckpoints, signCheckpoint, type Checkpoint } from './checkpoint.js';
import { chainHead, readChainPage } from './repository.js';
import { readWitnesses, type WitnessLine } from './witness.js';

/** What verification found, for machines; `problem` says it in Japanese for the auditor. */
export type ChainProblemCode =
  | 'gap'
  | 'unlinked'
  | 'altered'
  | 'checkpoint_unreadable'
  | 'checkpoint_forged'
  | 'witness_forged'
  | 'witness_conflict'
  | 'truncated'
  | 'rewritten'
  | 'emptied';

export interface ChainProblem {
  /** The entry where the chain stops being trustworthy (or the entry a checkpoint or witness names; 0 for a file). */
  seq: number;
  code: ChainProblemCode;
  problem: string;
}

const PAGE = 5000;

const sameBytes = (a: Uint8Array | null, b: Uint8Array | null) =>
  a === null || b === null ? a === b : a.length === b.length && timingSafeEqual(a, b);

// A hash nulled by a tamperer must be reported as such, not crash the walk.
const hex = (bytes: Uint8Array | null) => (bytes ? Buffer.from(bytes).toString('hex') : '');

/** A statement from outside the database that the chain had entry `seq` with hash `entryHash`. */
interface HeadClaim {
  seq: number;
  entryHash: string;
  /** Who claims it, in the auditor's words: 「2026-… のチェックポイント」. */
  by: string;
}

/**
 * Walks the municipality's whole chain: every entry must follow the previous one by number,
 * name its hash, and hash to what it stores; every signed checkpoint and every witnessed head
 * must match the entry it names. Reports each break with its sequence number: an edit shows as
 * "altered", a deletion as a gap, a reordering as a broken link, a rewrite or truncation as a
 * mismatch with a checkpoint or the witness, a log emptied beside its staff register as "emptied".
 */
export function verifyAuditChain(trx: CityTransaction, keys: Keys, checkpointDir: string, municipalityCode: string): Promise<VerifyReport> {
  return verifyChain(
    { municipalityCode, readPage: (afterSeq, limit) => readChainPage(trx, municipalityCode, afterSeq, limit), whyNeverEmpty: () => emptiedBesideStaff(trx, municipalityCode) },
    keys,
    checkpointDir,
  );
}

/** Where a chain comes from: the database, or (in tests) anything that pages entries in order. */
export interface ChainSource {
  municipalityCode: string;
  readPage(afterSeq: number, limit: number): Promise<ChainedEntry[]>;
  /** Why this chain cannot be empty, if something outside it shows it had entries. */
  whyNeverEmpty(): Promise<string | undefined>;
}

export async function verifyChain(source: ChainSource, keys: Keys, checkpointDir: string): Promise<VerifyReport> {
  const { municipalityCode } = source;
  const problems: ChainProblem[] = [];
  const hashes = new Map<number, string>();
  let expectedSeq = 1;
  let previous: Uint8Array | null = null;

  for (let page = await source.readPage(0, PAGE); page.length > 0; page = await source.readPage(page.at(-1)!.seq, PAGE)) {
    for (const entry of page) {
      if (entry.seq !== expectedSeq) {
        problems.push({ seq: expectedSeq, code: 'gap', problem: `連番 ${expectedSeq}〜${entry.seq - 1} の記録がありません(削除または番号の付け替え)` });
      }
      if (!sameBytes(entry.previousHash, previous)) {
        problems.push({ seq: entry.seq, code: 'unlinked', problem: '直前の記録とつながっていません(削除・挿入・並べ替え)' });
      }
      if (!sameBytes(entryHash(keys.audit.hmacKey, entry), entry.entryHash)) {
        problems.push({ seq: entry.seq, code: 'altered', problem: '記録の内容がハッシュと一致しません(改ざん)' });
      }
      hashes.set(entry.seq, hex(entry.entryHash));
      previous = entry.entryHash;
      expectedSeq = entry.seq + 1;
    }
  }

  const claims: HeadClaim[] = [];
  const { checkpoints, unreadableLines } = readCheckpoints(checkpointDir, municipalityCode);
  for (const line of unreadableLines) problems.push({ seq: 0, code: 'checkpoint_unreadable', problem: `チェックポイントファイルの ${line} 行目が読めません(破損または偽造)` });
  for (const checkpoint of checkpoints) {
    if (checkpointSignatureValid(keys, checkpoint)) claims.push({ seq: checkpoint.seq, entryHash: checkpoint.entryHash, by: `${checkpoint.signedAt} のチェックポイント` });
    else problems.push({ seq: checkpoint.seq, code: 'checkpoint_forged', problem: `${checkpoint.signedAt} のチェックポイントの署名が正しくありません(偽造)` });
  }
  const witnesses = readWitnesses(checkpointDir, keys.audit.hmacKey, municipalityCode);
  for (const { file, line } of witnesses.refused) problems.push({ seq: 0, code: 'witness_forged', problem: `証跡ファイル ${file} の ${line} 行目が正しくありません(偽造または破損)` });
  // Each process's highest witnessed head pins every entry before it through the chain's links.
  const highest = new Map<string, WitnessLine>();
  // A process witnesses each head once, so one number with two hashes in its file is a forgery.
  const witnessed = new Map<string, string>();
  for (const line of witnesses.lines) {
    const key = `${line.witness}#${line.seq}`;
    const earlier = witnessed.get(key);
    if (earlier === undefined) witnessed.set(key, line.entryHash);
    else if (earlier !== line.entryHash) problems.push({ seq: line.seq, code: 'witness_conflict', problem: `証跡(${line.witness})に連番 ${line.seq} の異なる記録が二つあります(偽造)` });
    if ((highest.get(line.witness)?.seq ?? 0) < line.seq) highest.set(line.witness, line);
  }
  for (const line of highest.values()) claims.push({ seq: line.seq, entryHash: line.entryHash, by: `${line.witnessedAt} の証跡(${line.witness})` });

  for (const claim of claims) {
    const stored = hashes.get(claim.seq);
    if (stored === undefined) {
      problems.push({ seq: claim.seq, code: 'truncated', problem: `${claim.by}にある連番 ${claim.seq} の記録がログにありません(末尾の削除)` });
    } else if (stored !== claim.entryHash) {
      problems.push({ seq: claim.seq, code: 'rewritten', problem: `${claim.by}と内容が異なります(チェーンの書き換え)` });
    }
  }

  if (hashes.size === 0) {
    const emptied = await source.whyNeverEmpty();
    if (emptied) problems.push({ seq: 1, code: 'emptied', problem: emptied });
  }

  problems.sort((a, b) => a.seq - b.seq);
  return {
    municipalityCode,
    entries: hashes.size,
    headSeq: expectedSeq - 1,
    checkpoints: checkpoints.length,
    witnessedSeq: Math.max(0, ...[...highest.values()].map((line) => line.seq)),
    ok: problems.length === 0,
    problems,
  };
}

/**
 * An empty chain is expected only where no audited act can have happened: creating an account
 * and every sign-in are audited. The demo city's accounts are loaded without audit, so there
 * only a sign-in counts.
 */
async function emptiedBesideStaff(trx: CityTransaction, municipalityCode: string): Promise<string | undefined> {
  const { accounts, signedIn } = await staffFootprint(trx);
  const demo = (await municipalityIn(trx, municipalityCode))?.isDemo ?? false;
  if (signedIn > 0) return `サインインした職員が ${signedIn} 人いるのに監査ログが空です(全件削除)`;
  if (accounts > 0 && !demo) return `職員が ${accounts} 人登録されているのに監査ログが空です(全件削除)`;
  return undefined;
}

/**
 * Signs the current head of the chain into the checkpoint file, unless it is the head the last
 * checkpoint already signed. Returns the new checkpoint, if one was written.
 */
export async function takeCheckpoint(trx: CityTransaction, keys: Keys, checkpointDir: string, municipalityCode: string): Promise<Checkpoint | undefined> {
  const head = await chainHead(trx, municipalityCode);
  if (!head) return undefined;
  const last = readCheckpoints(checkpointDir, municipalityCode).checkpoints.at(-1);
  if (last?.seq === head.seq && last.entryHash === hex(head.entryHash)) return undefined;
  const checkpoint = signCheckpoint(keys, municipalityCode, head);
  appendCheckpoint(checkpointDir, checkpoint);
  return checkpoint;
}
