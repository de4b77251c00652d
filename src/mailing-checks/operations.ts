/** @module What each operation of the checks before mailing (発送前点検, issue 10) needs. */
import { defineOperations } from '../access/operations.js';

export const MAILING_CHECK_OPERATIONS = defineOperations({
  // Running the checks reads every levy, vehicle and taxpayer of the year: as much as the assessment.
  'mailing_check.run': { permission: 'levy.assess' },
  'mailing_check.read': { permission: 'levy.read' },
  // The clerk who looks into a finding marks it 確認済み; the supervisor sees who did.
  'mailing_check.review': { permission: 'levy.assess' },
  // The 決裁 that releases the notices: a supervisor's alone.
  'mailing_check.sign_off': { permission: 'notice.release' },
  // The report as a file is a copy of personal data (C9): the read and data.export.
  'mailing_check.export': { permission: 'levy.read', alsoRequires: ['data.export'] },
});
