import { z } from 'zod';
import { WorkspaceParams } from '../http.ts';

export const ExportQuery = z.object({
  format: z.enum(['yaml', 'json']).default('yaml'),
  goalId: z.string().min(1).max(64).optional().describe("Only this goal's subtree and what it touches"),
});

export { WorkspaceParams };
