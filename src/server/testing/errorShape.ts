import { z } from 'zod';

/** The documented error body, strictly: nothing more, nothing less (`http.ts` ErrorBody is what the API says). */
const StrictErrorBody = z.strictObject({
  error: z.strictObject({
    code: z.string().regex(/^[a-z_]+$/),
    message: z.string().min(1),
    fields: z.array(z.strictObject({ path: z.string(), message: z.string().min(1) })).optional(),
  }),
});

/** Why a response is not a documented error (`{ error: { code, message, fields? } }` as JSON), or null. */
export function errorShapeProblem(response: {
  headers: Record<string, unknown>;
  body: string;
}): string | null {
  const type = String(response.headers['content-type'] ?? '');
  if (!type.startsWith('application/json')) return `content-type ${type || '(none)'}`;
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    return 'body is not JSON';
  }
  const parsed = StrictErrorBody.safeParse(json);
  return parsed.success
    ? null
    : `not the error shape: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`;
}
