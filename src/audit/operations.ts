/** @module What each operation on the audit log needs. */
import { defineOperations } from '../access/operations.js';

export const AUDIT_OPERATIONS = defineOperations({
  'audit.search': { permission: 'audit.read' },
  // A download is a copy of data (C8).
  'audit.export': { permission: 'data.export', alsoRequires: ['audit.read'] },
  'audit.verify': { permission: 'audit.read' },
  'audit.checkpoint': { permission: 'audit.read' },
});
