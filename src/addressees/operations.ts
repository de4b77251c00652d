/** @module What each operation on the tax addressee register (税宛名, S2) needs. */
import { defineOperations } from '../access/operations.js';

export const ADDRESSEE_OPERATIONS = defineOperations({
  'addressee.search': { permission: 'addressee.read' },
  'addressee.match': { permission: 'addressee.read' },
  // The detail is recorded under the permission's own name.
  'addressee.read': { permission: 'addressee.read' },
  'addressee.register': { permission: 'addressee.write' },
  'addressee.update': { permission: 'addressee.write' },
  'addressee.integratedAddresseeNo.assign': { permission: 'addressee.write' },
  'addressee.taxAdministrator.set': { permission: 'addressee.write' },
  'addressee.taxAdministrator.end': { permission: 'addressee.write' },
  'addressee.mailDestination.set': { permission: 'addressee.write' },
  'addressee.mailDestination.end': { permission: 'addressee.write' },
  'addressee.searchKeys.refresh': { permission: 'addressee.write' },
});
