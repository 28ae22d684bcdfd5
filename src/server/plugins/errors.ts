import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import {
  AppError,
  ERRORS,
  errorMessage,
  localize,
  type ErrorCode,
  type FieldError,
} from '../../core/errors/index.ts';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { localeFromAcceptLanguage, type Locale } from '../../core/i18n/index.ts';
import { findInputProblem, validationMessage, type ValidationIssue } from '../../core/errors/validation.ts';

type ValidationEntry = {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
};

function translateValidation(entries: ValidationEntry[], locale: Locale, context: string): FieldError[] {
  return entries.map((entry) => {
    const segments = entry.instancePath.split('/').filter(Boolean);
    const issue = { ...entry.params, code: entry.keyword, message: entry.message } as ValidationIssue;
    const path = segments.join('.') || (context === 'body' ? '(body)' : context);
    return { path, message: validationMessage(issue, locale) };
  });
}

function body(locale: Locale, code: ErrorCode, params: Record<string, unknown> = {}) {
  return { error: { code, message: errorMessage(code, locale, params) } };
}

function send(
  reply: FastifyReply,
  locale: Locale,
  code: ErrorCode,
  params: Record<string, unknown> = {},
  fields?: FieldError[],
) {
  const message = errorMessage(code, locale, params);
  // A service may name the field and leave the sentence to the code's message.
  const filled = fields?.map((field) => ({
    path: field.path,
    message: localize(field.message, locale) || message,
  }));
  return reply
    .status(ERRORS[code].status)
    .send({ error: { code, message, ...(filled ? { fields: filled } : {}) } });
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_json',
};

/**
 * Refuses NUL characters and over-deep nesting in params, query and parsed body before any route (or the
 * workspace check) sees them: one place instead of every schema, and PostgreSQL never gets the chance to 500.
 */
function registerInputCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [context, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const problem = findInputProblem(value);
      if (!problem) continue;
      const path = problem.path.join('.') || (context === 'body' ? '(body)' : context);
      throw new AppError('validation_failed', {}, [
        {
          path,
          message: {
            en: validationMessage(problem.issue, 'en'),
            'zh-CN': validationMessage(problem.issue, 'zh-CN'),
          },
        },
      ]);
    }
  });
}

/** Maps every error to `{ error: { code, message, fields } }` in the caller's language; never leaks a stack. */
export function registerErrorHandling(app: FastifyInstance): void {
  registerInputCheck(app);
  // The API speaks JSON (and spreadsheets where a route says so): Fastify's default text/plain parser handed
  // routes a string they never expected (an import read it as a Buffer and answered 500). Now 415.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const locale = request.locale;
    if (error instanceof AppError) {
      return send(reply, locale, error.code, error.params, error.fields);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = translateValidation(
        error.validation as ValidationEntry[],
        locale,
        error.validationContext ?? 'body',
      );
      return send(reply, locale, 'validation_failed', {}, fields);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return send(reply, locale, 'internal', { requestId: request.id });
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) {
      return send(reply, locale, mapped, {
        limit: `${Math.round((app.initialConfig.bodyLimit ?? 0) / 1024)} KB`,
      });
    }
    if (error.statusCode === 429) {
      return send(reply, locale, 'rate_limited', { minutes: 1 });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ err: error }, 'client error');
      return send(reply, locale, 'validation_failed', {}, [{ path: '(request)', message: error.message }]);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, locale, 'internal', { requestId: request.id });
  });

  app.setNotFoundHandler((request, reply) => send(reply, request.locale, 'not_found'));
}

/**
 * Fastify's own URL errors (bad percent-encoding, a path parameter over `maxParamLength`) happen before any
 * hook runs, so the error handler never sees them: the `frameworkErrors` option answers them in the same shape.
 */
export function frameworkErrors(defaultLocale: Locale) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const locale = localeFromAcceptLanguage(request.headers['accept-language']) ?? defaultLocale;
    const code: ErrorCode =
      error.code === 'FST_ERR_BAD_URL'
        ? 'bad_url'
        : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'uri_too_long'
          : 'internal';
    if (code === 'internal') request.log.error({ err: error }, 'framework error');
    else request.log.info({ err: error }, 'client error');
    return send(reply, locale, code, { requestId: request.id });
  };
}

const CLIENT_ERRORS: Record<string, ErrorCode> = {
  HPE_HEADER_OVERFLOW: 'headers_too_large',
  ERR_HTTP_REQUEST_TIMEOUT: 'request_timeout',
};

/**
 * Requests Node's HTTP parser refuses (an address or headers over its 16 KB limit, broken syntax) never become
 * requests: answered on the socket in the documented shape, in the default language (no header was read).
 */
export function clientErrorHandler(defaultLocale: Locale) {
  return (error: Error & { code?: string }, socket: Socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const code = CLIENT_ERRORS[error.code ?? ''] ?? 'bad_request';
    const status = ERRORS[code].status;
    const text = JSON.stringify(body(defaultLocale, code));
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
      );
    }
    socket.destroy(error);
  };
}
