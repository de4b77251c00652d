/**
 * @module Two-factor sign-in (C5): a password and a passkey whose user verification is the platform
 * authenticator's fingerprint or face check — the seed's 生体認証. Both factors are checked
 * together at the end, and a failure never says which one failed, whether the staff number
 * exists, or whether the account is locked: only someone who proved both factors learns of a
 * lock. A failure counts towards the lock only when one factor was right against a real
 * challenge — someone holds a stolen password or device and is guessing the other — so nobody
 * can lock a clerk out with made-up attempts (the throttle in auth-routes.ts slows those). Every
 * attempt is audited (the log, not the person at the screen, learns the reason).
 */
import { hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Config } from '../config.js';
import type { CityTransaction, Database } from '../db/database.js';
import type { Keys } from '../keys/keys.js';
import { Problem } from '../server/problem.js';
import type { StaffCredentials } from '../staff/model.js';
import {
  clearEnrollmentCode,
  commonPasskeyShape,
  enrollmentCodeHash,
  insertPasskey,
  passkeysOf,
  recordPasskeyUse,
  recordSignIn,
  setSignInFailures,
  signInCredentials,
} from '../staff/service.js';
import type { Actor } from './actor.js';
import type { AccessControl } from './guard.js';
import { verifyPassword } from './passwords.js';
import { createSession, endSession, endStaffSessions, sessionTokenHash } from './sessions.js';

const CHALLENGE_MINUTES = 5;
const RP_NAME = '軽自動車税(種別割) 管理システム';

export const SIGN_IN_FAILED = new Problem(
  401,
  'サインインできませんでした',
  '職員番号・パスワード・生体認証(パスキー)のいずれかが正しくありません。確認してもう一度お試しください。',
);

function lockedProblem(minutes: number): Problem {
  return new Problem(
    423,
    'アカウントがロックされています',
    `サインインの失敗が続いたため、このアカウントを一時的にロックしました。${minutes}分ほどおいて再度お試しいただくか、システム管理者に解除を依頼してください。`,
  );
}

interface Client {
  ipAddress: string | null;
  userAgent: string | null;
}

export const ENROLLMENT_CODE_REFUSED = new Problem(
  401,
  '登録コードを確認してください',
  '登録コードが正しくないか、すでに使われているか、有効期限が切れています。入力した登録コードを確認し、それでも登録できない場合はシステム管理者に新しい登録コードの発行を依頼してください。',
);

type FailureReason = 'challenge' | 'unknown_or_unavailable' | 'locked' | 'password' | 'passkey' | 'password_and_passkey' | 'enrollment_code';

/** Why an attempt failed, whether it counts towards the lock, and what the person is told. */
interface Failure {
  reason: FailureReason;
  counted: boolean;
  shown: 'generic' | 'locked' | 'enrollment_code';
}

const failure = (reason: FailureReason, counted = false): Failure => ({ reason, counted, shown: 'generic' });

/** What a visitor without a passkey is shown for a staff number with none: one plausible credential. */
interface CredentialShape {
  idBytes: number;
  transports: AuthenticatorTransportFuture[] | undefined;
}
/** Before any passkey is enrolled: the length and transport of a platform authenticator's credential. */
const DEFAULT_CREDENTIAL_SHAPE: CredentialShape = { idBytes: 32, transports: ['internal'] };

export class Authentication {
  private readonly rpID: string;
  /** Derives decoy credential ids; its own key, split off the audit HMAC key, so neither can stand in for the other. */
  private readonly decoyKey: Buffer;

  constructor(
    private readonly db: Database,
    private readonly config: Config,
    keys: Keys,
    private readonly access: AccessControl,
  ) {
    this.rpID = new URL(config.publicOrigin).hostname;
    this.decoyKey = Buffer.from(hkdfSync('sha256', keys.audit.hmacKey, '', 'keitax sign-in decoy credential', 32));
  }

  /**
   * Step 1 of sign-in: a challenge for the staff member's passkeys. A staff number without any —
   * unknown, or not yet enrolled — gets a decoy credential shaped like the installation's passkeys
   * and derived from the number, the same at every attempt, so the answer tells no one which
   * staff numbers exist or have enrolled.
   */
  async signInOptions(staffNo: string): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
    return this.db.withMunicipality(this.config.municipalityCode, async (trx) => {
      const passkeys = await passkeysOf(trx, staffNo);
      const allowCredentials = passkeys.length
        ? passkeys.map((p) => ({ id: p.id, transports: p.transports }))
        : [this.decoyCredential(staffNo, await this.commonCredentialShape(trx))];
      const options = await generateAuthenticationOptions({ rpID: this.rpID, allowCredentials, userVerification: 'required' });
      const challengeId = await this.storeChallenge(trx, 'sign_in', staffNo, options.challenge);
      return { challengeId, options };
    });
  }

  /** Step 2: password and passkey assertion together. Returns a new session token. */
  async signIn(
    input: { challengeId: string; staffNo: string; password: string; credential: AuthenticationResponseJSON; previousToken?: string | undefined },
    client: Client,
  ): Promise<{ token: string }> {
    const outcome = await this.db.withMunicipality(this.config.municipalityCode, async (trx) => {
      const challenge = await this.takeChallenge(trx, input.challengeId, 'sign_in', input.staffNo);
      const staff = await signInCredentials(trx, input.staffNo);
      const failed = await this.judgeFactors(trx, staff, challenge, input.password, input.credential);
      if (failed) return this.recordFailure(trx, staff, input.staffNo, 'auth.sign_in', failed, client);

      const token = await this.startSession(trx, staff!, client);
      if (input.previousToken) await endSession(trx, sessionTokenHash(input.previousToken), 'replaced');
      await this.audit(trx, staff!, client, 'auth.sign_in', 'succeeded', null);
      return { token };
    });
    return unwrap(outcome, this.config.lockout.minutes);
  }

  /**
   * Enrolment, step 1: the password and the one-time code an administrator issued prove who is
   * enrolling; the answer is a passkey creation challenge requiring user verification.
   *
   * A wrong, spent or expired code is said so plainly — the clerk can then ask for a new one —
   * and said alike for every staff number, known or not (an unknown one has no code to match),
   * so it tells no one which numbers exist. The code is checked before the password, and the
   * password is judged only for someone holding the code, so the answer never confirms a
   * password to a guesser. The trade-off: the holder of a code learns from the generic answer
   * that the code itself was right, which is no more than the one-time secret handed to them in
   * person already tells.
   */
  async enrolmentOptions(
    input: { staffNo: string; password: string; enrollmentCode: string },
    client: Client,
  ): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
    const outcome = await this.db.withMunicipality(this.config.municipalityCode, async (trx) => {
      const staff = await signInCredentials(trx, input.staffNo);
      // Hashed whatever happens, so the time taken does not tell either.
      const passwordOk = await verifyPassword(staff?.passwordHash ?? null, input.password);
      const failed: Failure | null = !staff || !staff.available
        ? { reason: 'unknown_or_unavailable', counted: false, shown: 'enrollment_code' }
        : !enrollmentCodeMatches(staff, input.enrollmentCode)
          ? { reason: 'enrollment_code', counted: false, shown: 'enrollment_code' }
          : !passwordOk
            ? failure('password', true)
            : isLocked(staff)
              ? { reason: 'locked', counted: false, shown: 'locked' }
              : null;
      if (failed) return this.recordFailure(trx, staff, input.staffNo, 'auth.passkey_enrol', failed, client);
      const existing = await passkeysOf(trx, staff!.staffNo);
      const options = await generateRegistrationOptions({
        rpName: RP_NAME,
        rpID: this.rpID,
        userName: staff!.staffNo,
        userDisplayName: staff!.name,
        userID: new TextEncoder().encode(`${this.config.municipalityCode}:${staff!.staffNo}`),
        attestationType: 'none',
        excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      });
      const challengeId = await this.storeChallenge(trx, 'enrol', staff!.staffNo, options.challenge);
      return { challengeId, options };
    });
    return unwrap(outcome, this.config.lockout.minutes);
  }

  /** Enrolment, step 2: store the passkey, spend the code, and sign the staff member in. */
  async enrol(
    input: { challengeId: string; staffNo: string; credential: RegistrationResponseJSON; deviceLabel?: string | undefined },
    client: Client,
  ): Promise<{ token: string }> {
    const outcome = await this.db.withMunicipality(this.config.municipalityCode, async (trx) => {
      const challenge = await this.takeChallenge(trx, input.challengeId, 'enrol', input.staffNo);
      const staff = await signInCredentials(trx, input.staffNo);
      // Nothing here counts towards the lock: step 1 already proved the code and the password.
      if (!challenge || !staff || !staff.available) {
        return this.recordFailure(trx, staff, input.staffNo, 'auth.passkey_enrol', failure('challenge'), client);
      }
      const verification = await verifyRegistrationResponse({
        response: input.credential,
        expectedChallenge: challenge,
        expectedOrigin: this.config.publicOrigin,
        expectedRPID: this.rpID,
        requireUserVerification: true,
      }).catch(() => ({ verified: false as const }));
      if (!verification.verified) return this.recordFailure(trx, staff, input.staffNo, 'auth.passkey_enrol', failure('passkey'), client);
      const { credential } = verification.registrationInfo;
      await insertPasskey(trx, {
        municipalityCode: this.config.municipalityCode,
        credentialId: Buffer.from(credential.id, 'base64url'),
        staffNo: staff.staffNo,
        publicKey: credential.publicKey,
        signCount: credential.counter,
        transports: credential.transports?.join(',') ?? null,
        deviceLabel: input.deviceLabel ?? null,
      });
      await clearEnrollmentCode(trx, staff.staffNo);
      await this.audit(trx, staff, client, 'auth.passkey_enrol', 'succeeded', { deviceLabel: input.deviceLabel ?? null });
      return { token: await this.startSession(trx, staff, client) };
    });
    return unwrap(outcome, this.config.lockout.minutes);
  }

  /** Re-authentication, step 1: a challenge for the signed-in staff member's passkeys. */
  async reauthenticationOptions(actor: Actor): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
    return this.db.withMunicipality(actor.municipalityCode, async (trx) => {
      const passkeys = await passkeysOf(trx, actor.staffNo ?? '');
      const options = await generateAuthenticationOptions({
        rpID: this.rpID,
        allowCredentials: passkeys.map((p) => ({ id: p.id, transports: p.transports })),
        userVerification: 'required',
      });
      return { challengeId: await this.storeChallenge(trx, 'reauthenticate', actor.staffNo, options.challenge), options };
    });
  }

  /** Re-authentication, step 2: both factors again; the session remembers when. */
  async reauthenticate(
    actor: Actor,
    sessionToken: string,
    input: { challengeId: string; password: string; credential: AuthenticationResponseJSON },
    client: Client,
  ): Promise<{ reauthenticatedAt: Date }> {
    const staffNo = actor.staffNo ?? '';
    const outcome = await this.db.withMunicipality(actor.municipalityCode, async (trx) => {
      const challenge = await this.takeChallenge(trx, input.challengeId, 'reauthenticate', staffNo);
      const staff = await signInCredentials(trx, staffNo);
      const failed = await this.judgeFactors(trx, staff, challenge, input.password, input.credential);
      if (failed) return this.recordFailure(trx, staff, staffNo, 'auth.reauthenticate', failed, client);
      const now = new Date();
      await trx.updateTable('staffSession').set({ reauthenticatedAt: now }).where('sessionTokenHash', '=', sessionTokenHash(sessionToken)).execute();
      await this.audit(trx, staff!, client, 'auth.reauthenticate', 'succeeded', null);
      return { reauthenticatedAt: now };
    });
    return unwrap(outcome, this.config.lockout.minutes);
  }

  async signOut(actor: Actor, sessionToken: string, everywhere: boolean): Promise<void> {
    await this.db.withMunicipality(actor.municipalityCode, async (trx) => {
      const ended = everywhere
        ? await endStaffSessions(trx, actor.staffNo ?? '', 'signed_out_everywhere')
        : (await endSession(trx, sessionTokenHash(sessionToken), 'signed_out'), 1);
      await this.access.append(trx, actor, {
        operation: everywhere ? 'auth.sign_out_everywhere' : 'auth.sign_out',
        subjectType: 'staff',
        subjectId: actor.staffNo,
        result: 'succeeded',
        rowCount: ended,
        detail: null,
      });
    });
  }

  /**
   * Both factors, judged together: null when both are right and the account is open. The
   * password is hashed in every case (against a dummy hash for an unknown staff number), so an
   * unknown number takes about as long as a known one.
   */
  private async judgeFactors(
    trx: CityTransaction,
    staff: StaffCredentials | undefined,
    challenge: string | undefined,
    password: string,
    credential: AuthenticationResponseJSON,
  ): Promise<Failure | null> {
    const passwordOk = await verifyPassword(staff?.passwordHash ?? null, password);
    if (!staff || !staff.available) return failure('unknown_or_unavailable');
    if (!challenge) return failure('challenge');
    const passkeyOk = await this.passkeyVerified(trx, staff.staffNo, challenge, credential);
    if (passwordOk && passkeyOk) return isLocked(staff) ? { reason: 'locked', counted: false, shown: 'locked' } : null;
    if (passwordOk || passkeyOk) return failure(passwordOk ? 'passkey' : 'password', true);
    return failure('password_and_passkey');
  }

  private async passkeyVerified(trx: CityTransaction, staffNo: string, challenge: string, credential: AuthenticationResponseJSON): Promise<boolean> {
    const stored = (await passkeysOf(trx, staffNo)).find((p) => p.id === credential.id);
    if (!stored) return false;
    const verification = await verifyAuthenticationResponse({
      response: credential,
      expectedChallenge: challenge,
      expectedOrigin: this.config.publicOrigin,
      expectedRPID: this.rpID,
      credential: { id: stored.id, publicKey: stored.publicKey, counter: stored.signCount, transports: stored.transports },
      requireUserVerification: true,
    }).catch(() => undefined);
    if (!verification?.verified) return false;
    await recordPasskeyUse(trx, Buffer.from(stored.id, 'base64url'), verification.authenticationInfo.newCounter);
    return true;
  }

  /** Counts a counted failure (locking at the threshold), audits it with its reason, and says what to show. */
  private async recordFailure(
    trx: CityTransaction,
    staff: StaffCredentials | undefined,
    staffNo: string,
    operation: string,
    failed: Failure,
    client: Client,
  ): Promise<{ failed: Failure['shown'] }> {
    let locked = staff !== undefined && isLocked(staff);
    if (staff && failed.counted) {
      const failures = staff.failedSignInCount + 1;
      const locks = failures >= this.config.lockout.threshold;
      locked ||= locks;
      await setSignInFailures(trx, staff.staffNo, {
        failedSignInCount: locks ? 0 : failures,
        lockedUntil: locks ? new Date(Date.now() + this.config.lockout.minutes * 60_000) : staff.lockedUntil,
      });
    }
    await this.access.append(
      trx,
      { municipalityCode: this.config.municipalityCode, staffNo: staffNo.slice(0, 12), officeCode: staff?.officeCode ?? null, ipAddress: client.ipAddress, terminal: client.userAgent?.slice(0, 120) ?? null },
      { operation, subjectType: 'staff', subjectId: staffNo.slice(0, 12), result: 'failed', rowCount: null, detail: { reason: failed.reason, counted: failed.counted, locked } },
    );
    return { failed: failed.shown };
  }

  /** A credential id derived from the staff number by the decoy key: stable, and unguessable without it. */
  private decoyCredential(staffNo: string, shape: CredentialShape) {
    const id = Buffer.from(hkdfSync('sha256', this.decoyKey, '', `staff:${staffNo}`, shape.idBytes)).toString('base64url');
    return { id, transports: shape.transports };
  }

  /** The most common length and transports of the enrolled passkeys, which a decoy copies. */
  private async commonCredentialShape(trx: CityTransaction): Promise<CredentialShape> {
    const row = await commonPasskeyShape(trx);
    return row ? { idBytes: Number(row.idBytes), transports: transportsOf(row.transports) } : DEFAULT_CREDENTIAL_SHAPE;
  }

  private async startSession(trx: CityTransaction, staff: StaffCredentials, client: Client): Promise<string> {
    await recordSignIn(trx, staff.staffNo);
    return createSession(trx, {
      municipalityCode: this.config.municipalityCode,
      staffNo: staff.staffNo,
      ipAddress: client.ipAddress,
      userAgent: client.userAgent,
      settings: this.config.session,
    });
  }

  private audit(trx: CityTransaction, staff: StaffCredentials, client: Client, operation: string, result: 'succeeded', detail: Record<string, unknown> | null) {
    return this.access.append(
      trx,
      { municipalityCode: this.config.municipalityCode, staffNo: staff.staffNo, officeCode: staff.officeCode, ipAddress: client.ipAddress, terminal: client.userAgent?.slice(0, 120) ?? null },
      { operation, subjectType: 'staff', subjectId: staff.staffNo, result, rowCount: null, detail },
    );
  }

  private async storeChallenge(trx: CityTransaction, purpose: 'sign_in' | 'enrol' | 'reauthenticate', staffNo: string | null, challenge: string): Promise<string> {
    await trx.deleteFrom('authChallenge').where('expiresAt', '<', new Date()).execute();
    const challengeId = randomUUID();
    await trx
      .insertInto('authChallenge')
      .values({
        municipalityCode: this.config.municipalityCode,
        challengeId,
        purpose,
        staffNo,
        challenge,
        expiresAt: new Date(Date.now() + CHALLENGE_MINUTES * 60_000),
      })
      .execute();
    return challengeId;
  }

  /** Removes and returns a live challenge of this purpose and staff member: a challenge works once. */
  private async takeChallenge(trx: CityTransaction, challengeId: string, purpose: 'sign_in' | 'enrol' | 'reauthenticate', staffNo: string): Promise<string | undefined> {
    const row = await trx
      .deleteFrom('authChallenge')
      .where('challengeId', '=', challengeId)
      .where('purpose', '=', purpose)
      .where('staffNo', '=', staffNo)
      .where('expiresAt', '>', new Date())
      .returning('challenge')
      .executeTakeFirst();
    return row?.challenge;
  }
}

function transportsOf(stored: string | null): AuthenticatorTransportFuture[] | undefined {
  return stored ? (stored.split(',') as AuthenticatorTransportFuture[]) : undefined;
}

function isLocked(staff: StaffCredentials): boolean {
  return staff.lockedUntil !== null && staff.lockedUntil > new Date();
}

function enrollmentCodeMatches(staff: StaffCredentials, code: string): boolean {
  if (!staff.enrollmentCodeHash || !staff.enrollmentCodeExpiresAt || staff.enrollmentCodeExpiresAt <= new Date()) return false;
  const given = enrollmentCodeHash(code);
  return given.length === staff.enrollmentCodeHash.length && timingSafeEqual(given, staff.enrollmentCodeHash);
}

/** The transaction commits the failure's bookkeeping; only then is the refusal thrown. */
function unwrap<T extends object>(outcome: T | { failed: Failure['shown'] }, lockMinutes: number): T {
  if (!('failed' in outcome)) return outcome;
  if (outcome.failed === 'locked') throw lockedProblem(lockMinutes);
  throw outcome.failed === 'enrollment_code' ? ENROLLMENT_CODE_REFUSED : SIGN_IN_FAILED;
}
