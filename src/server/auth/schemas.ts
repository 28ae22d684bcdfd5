import { AT_LEAST_ONE_FIELD } from '../../core/errors/validation.ts';
import { z } from 'zod';
import { LOCALES } from '../../core/i18n/index.ts';
import { ROLES } from '../../core/permissions/index.ts';

export const LocaleSchema = z.enum(LOCALES);
export const RoleSchema = z.enum(ROLES);
export const EmailSchema = z.email().max(254);
export const PasswordSchema = z.string().min(8).max(200);
export const NameSchema = z.string().trim().min(1).max(100);

export const UserSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string(), locale: LocaleSchema })
  .meta({ id: 'User' });

export const SignUpBody = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  name: NameSchema,
  locale: LocaleSchema.optional(),
});

export const LogInBody = z.object({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(200),
});

export const MeResponse = z.object({
  user: UserSchema,
  workspaces: z.array(z.object({ id: z.string(), name: z.string(), role: RoleSchema })),
  csrfToken: z.string().nullable(),
});

export const UpdateProfileBody = z
  .object({ name: NameSchema.optional(), locale: LocaleSchema.optional() })
  .refine((body) => body.name !== undefined || body.locale !== undefined, { message: AT_LEAST_ONE_FIELD });

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: PasswordSchema,
  revokeApiTokens: z
    .boolean()
    .default(false)
    .describe('Also revoke your API tokens in every workspace; other sessions end in any case'),
});
