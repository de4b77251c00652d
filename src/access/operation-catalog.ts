/** @module Every capability's operations, for docs/permissions.md and the test that routes and services agree. */
import { ADDRESSEE_OPERATIONS } from '../addressees/operations.js';
import { AUDIT_OPERATIONS } from '../audit/operations.js';
import { CERTIFICATE_OPERATIONS } from '../certificates/operations.js';
import { INTEGRATED_ADDRESSEE_OPERATIONS } from '../integrated-addressees/operations.js';
import { NOTICE_OPERATIONS } from '../notices/operations.js';
import { PLATE_OPERATIONS } from '../plates/operations.js';
import { RESIDENT_CHANGE_OPERATIONS } from '../resident-changes/operations.js';
import { STAFF_OPERATIONS } from '../staff/operations.js';
import { TAX_RULE_OPERATIONS } from '../tax-rules/operations.js';
import { VEHICLE_IMPORT_OPERATIONS } from '../vehicle-imports/operations.js';
import { VEHICLE_OPERATIONS } from '../vehicles/operations.js';
import { ASSESSMENT_OPERATIONS } from '../assessment/operations.js';
import { TAX_LEDGER_OPERATIONS } from '../tax-ledger/operations.js';
import type { OperationSpec } from './operations.js';

export const ALL_OPERATIONS: readonly OperationSpec[] = [
  ADDRESSEE_OPERATIONS,
  INTEGRATED_ADDRESSEE_OPERATIONS,
  RESIDENT_CHANGE_OPERATIONS,
  STAFF_OPERATIONS,
  AUDIT_OPERATIONS,
  TAX_RULE_OPERATIONS,
  VEHICLE_IMPORT_OPERATIONS,
  VEHICLE_OPERATIONS,
  PLATE_OPERATIONS,
  CERTIFICATE_OPERATIONS,
  NOTICE_OPERATIONS,
  ASSESSMENT_OPERATIONS,
  TAX_LEDGER_OPERATIONS,
].flatMap((operations) => Object.values<OperationSpec>(operations));
