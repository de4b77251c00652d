/** @module What each operation on certificates (標識交付証明書, 廃車申告受付書) needs. */
import { defineOperations } from '../access/operations.js';

export const CERTIFICATE_OPERATIONS = defineOperations({
  'certificate.issue': { permission: 'certificate.issue' },
  // A reprint (再発行) is recorded under its own name, so an auditor can list reprints alone.
  'certificate.reprint': { permission: 'certificate.issue' },
  'certificate.list': { permission: 'vehicle.read' },
});
