/** @module SQL of the certificate issue log (certificate_issue) and its number counter. */
import { sql } from 'kysely';
import type { CityTransaction } from '../db/database.js';
import type { CertificateKind, IssuedCertificate } from './model.js';

/** 2026, 123 → 2026-000123. */
export const certificateNo = (fiscalYear: number, serial: number) => `${fiscalYear}-${String(serial).padStart(6, '0')}`;

function parseCertificateNo(number: string): { fiscalYear: number; serial: number } {
  const [year, serial] = number.split('-');
  return { fiscalYear: Number(year), serial: Number(serial) };
}

/**
 * The next serial of the municipality's fiscal year. The counter row stays locked until the
 * transaction ends, so parallel issues queue for it, and a rollback gives the number back: the
 * serials of issued certificates run without gaps.
 */
export async function drawCertificateSerial(trx: CityTransaction, municipalityCode: string, fiscalYear: number): Promise<number> {
  const { rows } = await sql<{ lastSerial: number }>`
    insert into certificate_number_counter (municipality_code, fiscal_year, last_serial)
    values (${municipalityCode}, ${fiscalYear}, 1)
    on conflict (municipality_code, fiscal_year) do update set last_serial = certificate_number_counter.last_serial + 1
    returning last_serial`.execute(trx);
  const serial = rows[0]?.lastSerial;
  if (serial === undefined) throw new Error('certificate_number_counter returned no serial');
  return serial;
}

export interface NewIssue {
  municipalityCode: string;
  fiscalYear: number;
  serial: number;
  kind: CertificateKind;
  declarationNo: string;
  officeCode: string;
  staffNo: string | null;
  issuedOn: string;
  reprintOf: string | null;
}

export async function insertIssue(trx: CityTransaction, issue: NewIssue): Promise<void> {
  const original = issue.reprintOf ? parseCertificateNo(issue.reprintOf) : null;
  await trx
    .insertInto('certificateIssue')
    .values({
      municipalityCode: issue.municipalityCode,
      fiscalYear: issue.fiscalYear,
      serial: issue.serial,
      certificateKind: issue.kind,
      declarationNo: issue.declarationNo,
      officeCode: issue.officeCode,
      staffNo: issue.staffNo,
      issuedOn: issue.issuedOn,
      reprintOfFiscalYear: original?.fiscalYear ?? null,
      reprintOfSerial: original?.serial ?? null,
    })
    .execute();
}

const issueColumns = ['fiscalYear', 'serial', 'certificateKind', 'declarationNo', 'officeCode', 'staffNo', 'issuedAt', 'issuedOn', 'reprintOfFiscalYear', 'reprintOfSerial'] as const;

type IssueRow = { fiscalYear: number; serial: number; certificateKind: CertificateKind; declarationNo: string; issuedOn: string; reprintOfFiscalYear: number | null; reprintOfSerial: number | null };

const toIssued = (row: IssueRow): IssuedCertificate => ({
  certificateNo: certificateNo(row.fiscalYear, row.serial),
  kind: row.certificateKind,
  declarationNo: row.declarationNo,
  issuedOn: row.issuedOn,
  reprintOf: row.reprintOfFiscalYear === null || row.reprintOfSerial === null ? null : certificateNo(row.reprintOfFiscalYear, row.reprintOfSerial),
});

/** The latest first issue (not a reprint) of a kind for a declaration: what a reprint replaces. */
export async function latestOriginal(trx: CityTransaction, declarationNo: string, kind: CertificateKind): Promise<IssuedCertificate | undefined> {
  const row = await trx
    .selectFrom('certificateIssue')
    .select(issueColumns)
    .where('declarationNo', '=', declarationNo)
    .where('certificateKind', '=', kind)
    .where('reprintOfSerial', 'is', null)
    .orderBy('issuedAt', 'desc')
    .orderBy('fiscalYear', 'desc')
    .orderBy('serial', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toIssued(row);
}

/** Every certificate issued for a declaration, newest first. */
export async function listIssues(trx: CityTransaction, declarationNo: string): Promise<(IssuedCertificate & { officeCode: string; staffNo: string | null; issuedAt: string })[]> {
  const rows = await trx
    .selectFrom('certificateIssue')
    .select(issueColumns)
    .where('declarationNo', '=', declarationNo)
    .orderBy('fiscalYear', 'desc')
    .orderBy('serial', 'desc')
    .execute();
  return rows.map((row) => ({ ...toIssued(row), officeCode: row.officeCode, staffNo: row.staffNo, issuedAt: row.issuedAt.toISOString() }));
}
