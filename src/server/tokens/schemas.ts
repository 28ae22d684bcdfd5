import { z } from 'zod';
import { epochMs, Id } from '../http.ts';

export const ApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    workspaceId: z.string(),
    workspaceName: z.string(),
    prefix: z.string(),
    createdAt: epochMs,
    expiresAt: epochMs.nullable(),
    lastUsedAt: epochMs.nullable(),
  })
  .meta({ id: 'ApiToken' });

export const CreateTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  workspaceId: Id,
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
