/** @module What each operation of the initial assessment (当初賦課, issue 10) needs. */
import { defineOperations } from '../access/operations.js';

export const ASSESSMENT_OPERATIONS = defineOperations({
  // A preview or what-if reads every vehicle and taxpayer of the city: as much as a real run.
  'assessment.preview': { permission: 'levy.assess' },
  'assessment.whatIf': { permission: 'levy.assess' },
  'assessment.run': { permission: 'levy.assess' },
  'assessment.read': { permission: 'levy.read' },
});
