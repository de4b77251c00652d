/** @module What each operation on resident changes (住民異動, C16) needs. */
import { defineOperations } from '../access/operations.js';

export const RESIDENT_CHANGE_OPERATIONS = defineOperations({
  'resident.import': { permission: 'resident.import' },
  'resident.import.list': { permission: 'resident.import' },
  'resident.import.report': { permission: 'resident.import' },
  'resident.review.list': { permission: 'resident.import' },
  'resident.review.apply': { permission: 'resident.import' },
  'resident.review.register': { permission: 'resident.import' },
  'resident.review.dismiss': { permission: 'resident.import' },
  'resident.review.rekey': { permission: 'addressee.individualNumber.rekey' },
});
