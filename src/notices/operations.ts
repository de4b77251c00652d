/** @module What each operation on tax notices needs. */
import { defineOperations } from '../access/operations.js';

export const NOTICE_OPERATIONS = defineOperations({
  // The print data handed to the contractor is a copy of taxpayers' data (C8, C9): `data.export`
  // as well as the right to print notices, audited as an export.
  'notice.print_data.export': { permission: 'data.export', alsoRequires: ['notice.print'] },
  // One taxpayer's notice printed again (再発行) reads their levies: the right to print and to read
  // levies, so the contractor, who prints from the batch files, cannot look a taxpayer up.
  'notice.reprint': { permission: 'notice.print', alsoRequires: ['levy.read'] },
  // Every notice of the year into print files: the same rights as a reprint, for the whole city.
  'notice.batch.print': { permission: 'notice.print', alsoRequires: ['levy.read'] },
});
