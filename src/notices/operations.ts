/** @module What each operation on tax notices needs. */
import { defineOperations } from '../access/operations.js';

export const NOTICE_OPERATIONS = defineOperations({
  // The print data handed to the contractor is a copy of taxpayers' data (C8, C9): `data.export`
  // as well as the right to print notices, audited as an export.
  'notice.print_data.export': { permission: 'data.export', alsoRequires: ['notice.print'] },
});
