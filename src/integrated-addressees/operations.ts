/** @module What each operation on the integrated addressees (団体内統合宛名, S3) and the vault needs. */
import { defineOperations } from '../access/operations.js';

export const INTEGRATED_ADDRESSEE_OPERATIONS = defineOperations({
  'integratedAddressee.lookup': { permission: 'addressee.read' },
  // The reveal is recorded under the permission's own name.
  'addressee.individualNumber.reveal': { permission: 'addressee.individualNumber.reveal' },
  // An auditor reads why a number was revealed (the typed reason).
  'integratedAddressee.reveal.read': { permission: 'audit.read' },
  'integratedAddressee.provisionCode.record': { permission: 'linkage.operate' },
  'integratedAddressee.provisionCode.read': { permission: 'linkage.operate' },
  'integratedAddressee.provisionCode.resolve': { permission: 'linkage.operate' },
  'integratedAddressee.rekey': { permission: 'addressee.individualNumber.rekey' },
});
