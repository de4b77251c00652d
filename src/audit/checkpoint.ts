/**
 * @module A signed statement "the chain of this municipality had entry `seq` with hash `entryHash` at
 * `signedAt`", appended to a file outside the database. Whoever rewrites the whole chain in the
 * database — even with the HMAC key — cannot make it agree with these signatures (Ed25519, key
 * outside the database).
 */
import { sign, verify } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Keys } from '../keys/keys.js';
import { canonicalJson } from './chain.js';

export const checkpointSchema = z.object({
  municipalityCode: z.string(),
  seq: z.number().int().min(1),
  entryHash: z.string().regex(/^[0-9a-f]{64}$/),
  signedAt: z.string(),
  keyId: z.string(),
  signature: z.string(),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

type Statement = Omit<Checkpoint, 'signature'>;

const statementBytes = (statement: Statement) => Buffer.from(canonicalJson(statement));

export function signCheckpoint(keys: Keys, municipalityCode: string, head: { seq: number; entryHash: Uint8Array }): Checkpoint {
  const statement: Statement = {
    municipalityCode,
    seq: head.seq,
    entryHash: Buffer.from(head.entryHash).toString('hex'),
    signedAt: new Date().toISOString(),
    keyId: keys.audit.signingKeyId,
  };
  return { ...statement, signature: sign(null, statementBytes(statement), keys.audit.signingKey).toString('base64') };
}

export function checkpointSignatureValid(keys: Keys, checkpoint: Checkpoint): boolean {
  const { signature, ...statement } = checkpoint;
  return (
    checkpoint.keyId === keys.audit.signingKeyId &&
    verify(null, statementBytes(statement), keys.audit.verifyKey, Buffer.from(signature, 'base64'))
  );
}

export function checkpointFile(dir: string, municipalityCode: string): string {
  return join(dir, `${municipalityCode}.jsonl`);
}

export function appendCheckpoint(dir: string, checkpoint: Checkpoint): void {
  mkdirSync(dir, { recursive: true });
  appendFileSync(checkpointFile(dir, checkpoint.municipalityCode), `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
}

/** The municipality's checkpoints in file order; a line that does not parse is reported, not skipped. */
export function readCheckpoints(dir: string, municipalityCode: string): { checkpoints: Checkpoint[]; unreadableLines: number[] } {
  const file = checkpointFile(dir, municipalityCode);
  if (!existsSync(file)) return { checkpoints: [], unreadableLines: [] };
  const checkpoints: Checkpoint[] = [];
  const unreadableLines: number[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        checkpoints.push(checkpointSchema.parse(JSON.parse(line)));
      } catch {
        unreadableLines.push(i + 1);
      }
    });
  return { checkpoints, unreadableLines };
}
