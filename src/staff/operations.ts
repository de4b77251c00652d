/** @module What each operation on staff accounts and the user-ID inventory needs. */
import { defineOperations } from '../access/operations.js';

export const STAFF_OPERATIONS = defineOperations({
  'staff.list': { permission: 'staff.admin' },
  'staff.read': { permission: 'staff.admin' },
  'staff.create': { permission: 'staff.admin' },
  'staff.update': { permission: 'staff.admin' },
  'staff.roles': { permission: 'staff.admin' },
  'staff.disable': { permission: 'staff.admin' },
  'staff.enable': { permission: 'staff.admin' },
  'staff.enrollment_code': { permission: 'staff.admin' },
  'staff.unlock': { permission: 'staff.admin' },
  'staff.password_reset': { permission: 'staff.admin' },
  'office.list': { permission: 'staff.admin' },
  // The roles and their permissions, for the account form: no personal data, not audited.
  'role.list': { permission: 'staff.admin' },
  'staff.inventory': { permission: 'staff.inventory' },
  // A download is a copy of data (C8).
  'staff.inventory.export': { permission: 'data.export', alsoRequires: ['staff.inventory'] },
});
