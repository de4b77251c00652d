/** @module What each operation on the plate inventory and the compensation slips (標識・弁償金) needs. */
import { defineOperations } from '../access/operations.js';

export const PLATE_OPERATIONS = defineOperations({
  // The stock and a plate's history hold no personal data beyond declaration numbers: whoever may read the register may read them.
  'plate.inventory': { permission: 'vehicle.read' },
  'plate.history': { permission: 'vehicle.read' },
  'plate.range.load': { permission: 'plate.issue' },
  'plate.void': { permission: 'plate.issue' },
  // Which designs the city issues is one of its own settings, as its tax values are.
  'plate.designSeries.define': { permission: 'tax.rules.manage' },
  'plate.compensation.list': { permission: 'vehicle.read' },
  'plate.compensation.read': { permission: 'vehicle.read' },
});
