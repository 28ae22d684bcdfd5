import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.ts';
import { i18n } from '../i18n/index.ts';

export type FieldError = { path: string; message: string };

/** An error the API answered with, its message already in the UI language. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];

  constructor(status: number, code: string, message: string, fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const CSRF_COOKIE = 'opsplan_csrf';

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** The headers every API call carries: the UI language and, on unsafe methods, the CSRF token. */
export function apiHeaders(method: string): Record<string, string> {
  const headers: Record<string, string> = { 'Accept-Language': i18n.language === 'en' ? 'en' : 'zh-CN' };
  if (UNSAFE_METHODS.has(method.toUpperCase())) {
    const csrfToken = readCookie(CSRF_COOKIE);
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }
  return headers;
}

const headersMiddleware: Middleware = {
  onRequest({ request }) {
    for (const [name, value] of Object.entries(apiHeaders(request.method))) request.headers.set(name, value);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(headersMiddleware);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseFields(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((field: unknown) =>
    isRecord(field) && typeof field.path === 'string' && typeof field.message === 'string'
      ? [{ path: field.path, message: field.message }]
      : [],
  );
}

/** Turns an error body of the shape `{ error: { code, message, fields } }` into an ApiError. */
export function toApiError(response: Pick<Response, 'status'>, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const code = error && typeof error.code === 'string' ? error.code : 'http_error';
  const message =
    error && typeof error.message === 'string' && error.message
      ? error.message
      : i18n.t('errors.http', { status: response.status });
  return new ApiError(response.status, code, message, parseFields(error?.fields));
}

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/** Awaits an API call and returns its body, or throws an ApiError. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) throw toApiError(response, error);
  return data;
}

/** Awaits an API call that answers without a body (204), or throws an ApiError. */
/** The most ids (or keys) a list endpoint takes in one `ids=`/`keys=` (the server refuses more). */
const IDS_PER_REQUEST = 100;

/** Items of a list asked by id: one request per 100 ids, comma-joined, all at once, in the order asked. */
export async function itemsByIds<T>(
  ids: readonly string[],
  request: (joined: string) => Promise<{ items: T[] }>,
): Promise<T[]> {
  const requests: Promise<{ items: T[] }>[] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_REQUEST) {
    requests.push(request(ids.slice(start, start + IDS_PER_REQUEST).join(',')));
  }
  return (await Promise.all(requests)).flatMap((page) => page.items);
}

export async function unwrapEmpty(call: Promise<{ error?: unknown; response: Response }>): Promise<void> {
  const { error, response } = await call;
  if (!response.ok) throw toApiError(response, error);
}

/** The message to show for any error thrown by a query or mutation. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return i18n.t('errors.network');
}
