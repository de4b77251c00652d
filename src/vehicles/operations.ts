/** @module What each operation on the vehicle register (軽自テーブル, S1) needs. */
import { defineOperations } from '../access/operations.js';

export const VEHICLE_OPERATIONS = defineOperations({
  'vehicle.search': { permission: 'vehicle.read' },
  // The detail is recorded under the permission's own name.
  'vehicle.read': { permission: 'vehicle.read' },
  'vehicle.ownerHistory': { permission: 'vehicle.read' },
  'vehicle.deleted.list': { permission: 'vehicle.read' },
  'vehicle.register': { permission: 'vehicle.write' },
  'vehicle.ownerChange': { permission: 'vehicle.write' },
  'vehicle.deregister': { permission: 'vehicle.write' },
  'vehicle.deregisterExOfficio': { permission: 'vehicle.write' },
  'vehicle.taxStop': { permission: 'vehicle.write' },
  'vehicle.storageChange': { permission: 'vehicle.write' },
  'vehicle.classChange': { permission: 'vehicle.write' },
  'vehicle.plateReissue': { permission: 'vehicle.write' },
  'vehicle.delete': { permission: 'vehicle.write' },
  'vehicle.restore': { permission: 'vehicle.write' },
  'vehicle.remark.add': { permission: 'remark.write' },
  'vehicle.remark.edit': { permission: 'remark.write' },
});
