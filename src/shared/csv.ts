/** @module CSV as spreadsheet software in a Japanese office opens it: UTF-8 with a byte-order mark (so
 * Excel does not guess Shift_JIS), CRLF line ends, every field quoted, quotes doubled (RFC 4180).
 * Every CSV the system writes goes through `toCsv` (src/shared/csv.test.ts checks the sources).
 */
export type CsvField = string | number | boolean | null;

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV Injection"),
 * so text an anonymous visitor typed — a staff number, a User-Agent — could run on the auditor's PC.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A string field that would start a formula is kept as text by a leading apostrophe. Numbers the
 * system itself typed as numbers (a negative amount) are written as they are: they are data, and
 * a spreadsheet reads `-1200` as the number it is. A number held in a string is treated as text.
 */
function cell(field: CsvField): string {
  const text = String(field ?? '');
  const safe = typeof field === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvField[])[]): string {
  const line = (fields: readonly CsvField[]) => fields.map(cell).join(',');
  return `\uFEFF${[line(header), ...rows.map(line)].join('\r\n')}\r\n`;
}

/** Content-Disposition for a download with a Japanese file name (RFC 6266 / RFC 5987). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
