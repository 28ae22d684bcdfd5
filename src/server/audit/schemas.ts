import { z } from 'zod';
import { epochMs, Id, limitParam } from '../http.ts';

export const AuditEntry = z
  .object({
    id: z.string(),
    actor: z.object({ id: z.string(), name: z.string() }).nullable(),
    action: z.string(),
    objectType: z.string(),
    objectId: z.string(),
    object: z
      .object({
        title: z.string().nullable().describe('Its present title, else the one the entry remembers'),
        key: z.string().nullable().describe('A KPI’s key, which its page is addressed by'),
        exists: z.boolean().describe('False once the object is deleted (or the member has left)'),
      })
      .describe('The logged object, for a sentence and a link'),
    changes: z.record(z.string(), z.unknown()).nullable(),
    createdAt: epochMs,
  })
  .meta({ id: 'AuditEntry' });

export const AuditQuery = z.object({
  actorId: Id.optional(),
  objectType: z.string().max(64).optional(),
  objectId: Id.optional(),
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
  cursor: Id.optional(),
  limit: limitParam,
});
