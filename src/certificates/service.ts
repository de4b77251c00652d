/**
 * @module Issuing certificates (標識交付証明書, 廃車申告受付書): each issue draws a number from
 * the municipality's yearly counter, is written to the issue log and rendered as PDF in one
 * transaction, through AccessControl, so every issue and reprint is audited and a refused or
 * failed one uses no number. A vehicle under a certificate restriction (証明制限) gets none.
 */
import type { Actor } from '../access/actor.js';
import type { AccessControl, AuditNote } from '../access/guard.js';
import type { CityTransaction } from '../db/database.js';
import { listOffices, municipalityIn } from '../municipality/service.js';
import { Problem, validated } from '../server/problem.js';
import { z } from 'zod';
import { fiscalYearOf, japanToday } from '../shared/dates.js';
import {
  CERTIFICATE_KINDS,
  certificateContentSchema,
  type CertificateContent,
  type CertificateFacts,
  type CertificateRequest,
  type CertificateSource,
  type IssuedCertificate,
} from './model.js';
import { CERTIFICATE_OPERATIONS } from './operations.js';
import { certificateSources } from './register-facts.js';
import { renderCertificates } from './render.js';
import { certificateNo, drawCertificateSerial, insertIssue, latestOriginal, listIssues } from './repository.js';

const certificateSourcesSchema = z
  .array(z.object({ content: certificateContentSchema, certificateRestricted: z.boolean() }))
  .min(1, '発行する証明書を指定してください')
  .max(2, '一度に発行できる証明書は2枚(名義変更)までです')
  .transform((sources) => sources as [CertificateSource, ...CertificateSource[]]);

export interface IssuedCertificates {
  /** One A4 page per certificate, in the order asked. */
  pdf: Buffer;
  certificates: IssuedCertificate[];
}

function certificateRestricted(declarationNo: string): Problem {
  return new Problem(
    409,
    '証明書を発行できません',
    `申告書番号 ${declarationNo} の車両には証明制限が設定されているため、標識交付証明書・廃車申告受付書は発行できません。制限の理由を備考履歴で確かめ、解除が必要なときは課税担当へ相談してください。`,
    undefined,
    'urn:keitax:problem:certificate-restricted',
  );
}

function nothingToReprint(content: CertificateContent): Problem {
  return Problem.conflict(
    `申告書番号 ${content.vehicle.declarationNo} の${CERTIFICATE_KINDS[content.kind]}はまだ発行されていないため、再発行できません。「再発行」を外して発行してください。`,
    [{ field: 'reprint', message: '発行済みの証明書がありません' }],
  );
}

const NO_OFFICE = new Problem(
  409,
  '発行拠点が分かりません',
  '証明書には発行した拠点を印字します。この職員には所属の拠点が登録されていないため、システム管理者に所属拠点の登録を依頼してください。',
);

/** 越谷市長 and 北部出張所: who certifies, and where. */
async function issuer(trx: CityTransaction, actor: Actor): Promise<{ issuerTitle: string; officeCode: string; officeName: string }> {
  const office = (await listOffices(trx)).find((candidate) => candidate.officeCode === actor.officeCode);
  const municipality = await municipalityIn(trx, actor.municipalityCode);
  if (!office || !municipality) throw NO_OFFICE;
  return { issuerTitle: `${municipality.name}長`, officeCode: office.officeCode, officeName: office.name };
}

/**
 * Numbers, logs and renders `sources` inside the caller's AccessControl transaction; refuses the
 * lot if any vehicle is under a certificate restriction, and a reprint of what was never issued.
 * Numbers are drawn in the order given, so an owner change's two certificates are consecutive.
 */
export async function issueCertificates(trx: CityTransaction, actor: Actor, sources: readonly CertificateSource[], { reprint }: { reprint: boolean }): Promise<IssuedCertificates> {
  const restricted = sources.find((source) => source.certificateRestricted);
  if (restricted) throw certificateRestricted(restricted.content.vehicle.declarationNo);
  const { officeCode, ...stamp } = await issuer(trx, actor);
  const issuedOn = japanToday();
  const fiscalYear = fiscalYearOf(issuedOn);
  const facts: CertificateFacts[] = [];
  for (const { content } of sources) {
    const reprintOf = reprint ? ((await latestOriginal(trx, content.vehicle.declarationNo, content.kind))?.certificateNo ?? null) : null;
    if (reprint && !reprintOf) throw nothingToReprint(content);
    const serial = await drawCertificateSerial(trx, actor.municipalityCode, fiscalYear);
    const issuance = { ...stamp, certificateNo: certificateNo(fiscalYear, serial), issuedOn, reprintOf };
    await insertIssue(trx, { municipalityCode: actor.municipalityCode, fiscalYear, serial, kind: content.kind, declarationNo: content.vehicle.declarationNo, officeCode, staffNo: actor.staffNo, issuedOn, reprintOf });
    facts.push({ ...content, issuance });
  }
  // Rendered before the commit: a certificate that cannot be printed gives its number back.
  const pdf = await renderCertificates(facts);
  return {
    pdf,
    certificates: facts.map(({ kind, vehicle, issuance }) => ({ certificateNo: issuance.certificateNo, kind, declarationNo: vehicle.declarationNo, issuedOn, reprintOf: issuance.reprintOf })),
  };
}

export class CertificateService {
  constructor(private readonly access: AccessControl) {}

  /**
   * Issues certificates from facts the caller has gathered, checked first as any input is;
   * audited under the first vehicle's declaration number.
   */
  async issue(actor: Actor, sources: readonly CertificateSource[], options: { reprint: boolean }): Promise<IssuedCertificates> {
    const checked = validated(certificateSourcesSchema, sources);
    return this.run(actor, checked[0].content.vehicle.declarationNo, options, async () => checked);
  }

  /** Issues the certificate a clerk asks for a vehicle of the register, from what the register holds. */
  issueForVehicle(actor: Actor, declarationNo: string, request: CertificateRequest): Promise<IssuedCertificates> {
    return this.run(actor, declarationNo, request, (trx) => certificateSources(trx, actor.municipalityCode, declarationNo, request.kind));
  }

  /** The certificates issued for a declaration, newest first. */
  list(actor: Actor, declarationNo: string) {
    return this.access.run(actor, { ...CERTIFICATE_OPERATIONS['certificate.list'], subject: { type: 'vehicle', id: declarationNo } }, async (trx, note) => {
      const issues = await listIssues(trx, declarationNo);
      note.rows(issues.length);
      return issues;
    });
  }

  private run(actor: Actor, declarationNo: string, { reprint }: { reprint: boolean }, load: (trx: CityTransaction) => Promise<readonly CertificateSource[]>): Promise<IssuedCertificates> {
    const spec = CERTIFICATE_OPERATIONS[reprint ? 'certificate.reprint' : 'certificate.issue'];
    return this.access.run(actor, { ...spec, subject: { type: 'vehicle', id: declarationNo } }, async (trx, note: AuditNote) => {
      const issued = await issueCertificates(trx, actor, await load(trx), { reprint });
      note.rows(issued.certificates.length);
      note.detail({ certificates: issued.certificates.map(({ certificateNo: number, kind, reprintOf }) => ({ certificateNo: number, kind, reprintOf })) });
      return issued;
    });
  }
}
