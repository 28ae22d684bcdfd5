import { AT_LEAST_ONE_FIELD } from '../../core/errors/validation.ts';
import { z } from 'zod';
import { PERMISSIONS } from '../../core/permissions/index.ts';
import { RoleSchema } from '../auth/schemas.ts';
import { epochMs } from '../http.ts';

export const WorkspaceSchema = z
  .object({ id: z.string(), name: z.string(), createdAt: epochMs })
  .meta({ id: 'Workspace' });

export const WorkspaceName = z.string().trim().min(1).max(100);

export const MemberSchema = z
  .object({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    title: z.string().nullable(),
    weeklyCapacityHours: z.number(),
    joinedAt: epochMs,
  })
  .meta({ id: 'Member' });

export const WorkspaceWithRole = z.object({ workspace: WorkspaceSchema, role: RoleSchema });

export const WorkspaceDetail = z.object({
  workspace: WorkspaceSchema,
  role: RoleSchema,
  permissions: z.array(z.enum(PERMISSIONS as [string, ...string[]])),
});

export const UpdateMemberBody = z
  .object({
    role: RoleSchema.optional(),
    title: z.string().trim().max(100).nullable().optional(),
    weeklyCapacityHours: z.number().min(0).max(168).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: AT_LEAST_ONE_FIELD });
