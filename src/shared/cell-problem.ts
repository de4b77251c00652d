/** @module A cell of an imported file that is wrong, as reports and screens show it: row and column, never the value. */
import { z } from 'zod';

export const cellProblemSchema = z.object({ row: z.number(), column: z.string(), message: z.string() });
export type CellProblem = z.infer<typeof cellProblemSchema>;
