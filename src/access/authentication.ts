import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
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

/**
 * Two-factor sign-in (C5): a password and a passkey whose user verification is the platform
 * authenticator's fingerprint or face check — the seed's 生体認証. Both factors are checked
 * together at the end, and a failure never says which one failed. Repeated failures lock the
 * account; every attempt is audited (the log, not the person at the screen, learns the reason).
 */
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

type FailureReason = 'challenge' | 'unknown_or_unavailable' | 'locked' | 'password' | 'passkey' | 'enrollment_code';

export class Authentication {
  private readonly rpID: string;

  constructor(
    private readonly db: Database,
    private readonly config: Config,
    private readonly keys: Keys,
    private readonly access: AccessControl,
  ) {
    this.rpID = new URL(config.publicOrigin).hostname;
  }

  /** Step 1 of sign-in: a challenge for the staff member's passkeys (or for plausible decoys). */
  async signInOptions(staffNo: string): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
    return this.db.withMunicipality(this.config.municipalityCode, async (trx) => {
      const passkeys = await passkeysOf(trx, staffNo);
      // An unknown staff number gets a decoy credential derived from it, stable across attempts,
      // so the answer does not reveal which staff numbers exist.
      const allowCredentials = passkeys.length
        ? passkeys.map((p) => ({ id: p.id, transports: p.transports }))
        : [{ id: createHmac('sha256', this.keys.audit.hmacKey).update(`decoy:${staffNo}`).digest('base64url') }];
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
      const passwordOk = await verifyPassword(staff?.passwordHash ?? null, input.password);
      const reason = await this.failureReason(trx, staff, challenge, passwordOk, input.credential);
      if (reason) return this.recordFailure(trx, staff, input.staffNo, 'auth.sign_in', reason, client);

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
   */
  async enrolmentOptions(
    input: { staffNo: string; password: string; enrollmentCode: string },
    client: Client,
  ): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
    const outcome = await this.db.withMunicipality(this.config.municipalityCode, async (trx) => {
      const staff = await signInCredentials(trx, input.staffNo);
      const passwordOk = await verifyPassword(staff?.passwordHash ?? null, input.password);
      const reason: FailureReason | null = !staff || !staff.available
        ? 'unknown_or_unavailable'
        : isLocked(staff)
          ? 'locked'
          : !passwordOk
            ? 'password'
            : !enrollmentCodeMatches(staff, input.enrollmentCode)
              ? 'enrollment_code'
              : null;
      if (reason) return this.recordFailure(trx, staff, input.staffNo, 'auth.passkey_enrol', reason, client);
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
      if (!challenge || !staff || !staff.available) {
        return this.recordFailure(trx, staff, input.staffNo, 'auth.passkey_enrol', 'challenge', client);
      }
      const verification = await verifyRegistrationResponse({
        response: input.credential,
        expectedChallenge: challenge,
        expectedOrigin: this.config.publicOrigin,
        expectedRPID: this.rpID,
        requireUserVerification: true,
      }).catch(() => ({ verified: false as const }));
      if (!verification.verified) return this.recordFailure(trx, staff, input.staffNo, 'auth.passkey_enrol', 'passkey', client);
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
      const passwordOk = await verifyPassword(staff?.passwordHash ?? null, input.password);
      const reason = await this.failureReason(trx, staff, challenge, passwordOk, input.credential);
      if (reason) return this.recordFailure(trx, staff, staffNo, 'auth.reauthenticate', reason, client);
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

  private async failureReason(
    trx: CityTransaction,
    staff: StaffCredentials | undefined,
    challenge: string | undefined,
    passwordOk: boolean,
    credential: AuthenticationResponseJSON,
  ): Promise<FailureReason | null> {
    if (!staff || !staff.available) return 'unknown_or_unavailable';
    if (isLocked(staff)) return 'locked';
    if (!challenge) return 'challenge';
    if (!passwordOk) return 'password';
    return (await this.passkeyVerified(trx, staff.staffNo, challenge, credential)) ? null : 'passkey';
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

  /** Counts the failure (locking at the threshold), audits it with its reason, and says what to show. */
  private async recordFailure(
    trx: CityTransaction,
    staff: StaffCredentials | undefined,
    staffNo: string,
    operation: string,
    reason: FailureReason,
    client: Client,
  ): Promise<{ failed: 'generic' | 'locked' }> {
    let locked = reason === 'locked';
    if (staff && staff.available && !locked) {
      const failures = staff.failedSignInCount + 1;
      locked = failures >= this.config.lockout.threshold;
      await setSignInFailures(trx, staff.staffNo, {
        failedSignInCount: locked ? 0 : failures,
        lockedUntil: locked ? new Date(Date.now() + this.config.lockout.minutes * 60_000) : staff.lockedUntil,
      });
    }
    await this.access.append(
      trx,
      { municipalityCode: this.config.municipalityCode, staffNo: staffNo.slice(0, 12), officeCode: staff?.officeCode ?? null, ipAddress: client.ipAddress, terminal: client.userAgent?.slice(0, 120) ?? null },
      { operation, subjectType: 'staff', subjectId: staffNo.slice(0, 12), result: 'failed', rowCount: null, detail: { reason, locked } },
    );
    return { failed: locked ? 'locked' : 'generic' };
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

function isLocked(staff: StaffCredentials): boolean {
  return staff.lockedUntil !== null && staff.lockedUntil > new Date();
}

function enrollmentCodeMatches(staff: StaffCredentials, code: string): boolean {
  if (!staff.enrollmentCodeHash || !staff.enrollmentCodeExpiresAt || staff.enrollmentCodeExpiresAt <= new Date()) return false;
  const given = enrollmentCodeHash(code);
  return given.length === staff.enrollmentCodeHash.length && timingSafeEqual(given, staff.enrollmentCodeHash);
}

/** The transaction commits the failure's bookkeeping; only then is the refusal thrown. */
function unwrap<T extends object>(outcome: T | { failed: 'generic' | 'locked' }, lockMinutes: number): T {
  if ('failed' in outcome) throw outcome.failed === 'locked' ? lockedProblem(lockMinutes) : SIGN_IN_FAILED;
  return outcome;
}
