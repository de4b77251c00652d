/** @module What each operation on the tax ledger (課税台帳) and its survey (課税状況調) needs. */
import { defineOperations } from '../access/operations.js';

export const TAX_LEDGER_OPERATIONS = defineOperations({
  // Each levy names its taxpayer: a search is a touch of personal data, audited with whom it found.
  'taxLedger.search': { permission: 'levy.read' },
  // The whole ledger as a file is a copy of every taxpayer's levy (C8): `data.export` as well.
  'taxLedger.export': { permission: 'data.export', alsoRequires: ['levy.read'] },
  // Counts and sums only, no person in them; still authorised and logged, whatever the format.
  'taxLedger.survey': { permission: 'levy.read' },
});
