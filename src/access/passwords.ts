/**
 * @module Staff passwords (C5). Length over complexity and no forced periodic change, as NIST SP 800-63B
 * §5.1.1.2 and NISC's 政府機関等の対策基準 advise: at least 12 characters, refused when found among
 * ~49,000 common or breached passwords (zxcvbn's list, also after stripping trailing digits and
 * symbols) or when it contains the staff number. Stored as argon2id (RFC 9106) with OWASP's
 * minimum parameters: 19 MiB, 2 passes, 1 lane.
 */
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

const COMMON = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
const ARGON2ID = 2;
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** What is wrong with a proposed password, in Japanese; empty when it is acceptable. */
export function passwordProblems(password: string, staffNo: string): string[] {
  const problems: string[] = [];
  const lower = password.toLowerCase();
  if ([...password].length < MIN_PASSWORD_LENGTH) problems.push(`パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください。`);
  if ([...password].length > MAX_PASSWORD_LENGTH) problems.push(`パスワードは${MAX_PASSWORD_LENGTH}文字以内にしてください。`);
  if (COMMON.has(lower) || COMMON.has(lower.replace(/[\d\W_]+$/u, ''))) {
    problems.push('よく使われている(または漏えいした)パスワードのため使えません。推測されにくい語を組み合わせてください。');
  }
  if (staffNo && lower.includes(staffNo.toLowerCase())) problems.push('職員番号を含むパスワードは使えません。');
  if (/^(.)\1*$/u.test(password)) problems.push('同じ文字だけのパスワードは使えません。');
  return problems;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** A hash to compare against when the staff member does not exist, so timing does not tell. */
let decoy: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  const target = storedHash ?? (await (decoy ??= hashPassword('keitax-decoy-password-never-valid')));
  const matches = await verify(target, password).catch(() => false);
  return storedHash !== null && matches;
}
