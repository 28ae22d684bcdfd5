import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../core/errors/index.ts';
import type { Actor, Services, WorkspaceContext } from './context.ts';

/** The caller, or 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated');
  return request.actor;
}

/** The context of a use case called by a workspace route: its services, the signed-in caller (401 when
 * anonymous), the workspace of the path and the request's language. */
export function workspaceContext(
  services: Services,
  request: FastifyRequest & { params: { workspaceId: string } },
): WorkspaceContext {
  return {
    services,
    actor: requireActor(request),
    workspaceId: request.params.workspaceId,
    locale: request.locale,
  };
}

/** The caller signed in through the browser; API tokens may not manage accounts. */
export function requireSessionActor(request: FastifyRequest): Actor {
  const actor = requireActor(request);
  if (actor.tokenWorkspaceId) throw new AppError('token_scope');
  return actor;
}

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  410: ErrorBody,
  429: ErrorBody,
};

/** Response schemas for a route: its successes plus the shared error shape. */
export function responses<T extends Record<number, z.ZodType>>(success: T): T & typeof errorResponses {
  return { ...errorResponses, ...success };
}

export const NoContent = z.null().describe('No content');

/**
 * An id as the API takes it, in params, query and body. Ours are UUIDs; an empty, long or odd one is refused
 * here (400 naming the field) instead of reaching a query as a foreign key that cannot exist.
 */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]*$/); // `*`: an empty id is one "required" error, not two

export const WorkspaceParams = z.object({ workspaceId: Id });

export const epochMs = z.number().int().describe('Epoch milliseconds');

/** Page size for list endpoints: never unbounded. */
export const limitParam = z.coerce.number().int().min(1).max(200).default(50);

/**
 * A comma-separated list in a query string (`?ids=a,b`) as an array of at most `max` items, each checked by
 * `item`: a bad item is a 400 naming its place (`ids.2`), too many one naming the field.
 */
export function commaList<T extends z.ZodType<string, string>>(item: T, max: number) {
  return z
    .string()
    .max(max * 65)
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(item).min(1).max(max));
}

/** A true/false query flag (`?dryRun=false`), as a boolean. */
export function queryFlag(defaultValue: boolean) {
  return z
    .enum(['true', 'false'])
    .default(defaultValue ? 'true' : 'false')
    .transform((value) => value === 'true');
}
