/** @module What each operation on forwarded vehicle data (seed I.1②) and the 車検証閲覧アプリ file needs. */
import { defineOperations } from '../access/operations.js';

export const VEHICLE_IMPORT_OPERATIONS = defineOperations({
  'vehicle.import': { permission: 'vehicle.write' },
  'vehicle.import.list': { permission: 'vehicle.write' },
  'vehicle.import.records': { permission: 'vehicle.write' },
  'vehicle.import.resolve.apply': { permission: 'vehicle.write' },
  'vehicle.import.resolve.register': { permission: 'vehicle.write' },
  'vehicle.import.resolve.dismiss': { permission: 'vehicle.write' },
  'vehicle.certificate.compare': { permission: 'vehicle.read' },
  'vehicle.certificate.apply': { permission: 'vehicle.write' },
});
