import { z } from 'zod';
import { RoleSchema } from '../auth/schemas.ts';
import { epochMs } from '../http.ts';

export const Status = z.enum(['pending', 'accepted', 'expired', 'revoked']);

export const Invitation = z
  .object({
    id: z.string(),
    role: RoleSchema,
    email: z.string().nullable(),
    createdAt: epochMs,
    expiresAt: epochMs,
    createdBy: z.object({ id: z.string(), name: z.string() }),
    status: Status,
  })
  .meta({ id: 'Invitation' });

export const TokenParams = z.object({ token: z.string().min(10).max(200) });
