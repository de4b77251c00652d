/**
 * CSV as spreadsheet software in a Japanese office opens it: UTF-8 with a byte-order mark (so
 * Excel does not guess Shift_JIS), CRLF line ends, every field quoted, quotes doubled (RFC 4180).
 */
export type CsvField = string | number | boolean | null;

export function toCsv(header: readonly string[], rows: readonly (readonly CsvField[])[]): string {
  const line = (fields: readonly CsvField[]) =>
    fields.map((field) => `"${String(field ?? '').replaceAll('"', '""')}"`).join(',');
  return `\uFEFF${[line(header), ...rows.map(line)].join('\r\n')}\r\n`;
}

/** Content-Disposition for a download with a Japanese file name (RFC 6266 / RFC 5987). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
