import { interpolate, type Locale } from '../i18n/index.ts';

type ErrorDefinition = { status: number; en: string; 'zh-CN': string };

/** Every error code the API returns, with its HTTP status and message in each language. */
export const ERRORS = {
  validation_failed: { status: 400, en: 'Some fields are not valid.', 'zh-CN': '部分字段填写有误。' },
  invalid_json: {
    status: 400,
    en: 'The request body is not valid JSON.',
    'zh-CN': '请求内容不是有效的 JSON。',
  },
  payload_too_large: {
    status: 413,
    en: 'The request is too large (limit {limit}).',
    'zh-CN': '请求内容过大(上限 {limit})。',
  },
  unsupported_media_type: {
    status: 415,
    en: 'Send the request body as JSON.',
    'zh-CN': '请以 JSON 格式发送请求内容。',
  },
  unauthenticated: { status: 401, en: 'Please sign in first.', 'zh-CN': '请先登录。' },
  invalid_credentials: {
    status: 401,
    en: 'The e-mail or password is wrong.',
    'zh-CN': '邮箱或密码不正确。',
  },
  wrong_password: { status: 400, en: 'The current password is wrong.', 'zh-CN': '当前密码不正确。' },
  csrf_failed: {
    status: 403,
    en: 'The security token is missing or stale. Reload the page and try again.',
    'zh-CN': '安全令牌缺失或已过期,请刷新页面后重试。',
  },
  forbidden: {
    status: 403,
    en: 'Your role in this workspace does not allow this.',
    'zh-CN': '你在此工作区的角色无权执行此操作。',
  },
  token_scope: {
    status: 403,
    en: 'This API token only works in its own workspace.',
    'zh-CN': '此 API 令牌只能用于其所属的工作区。',
  },
  not_found: { status: 404, en: 'Not found.', 'zh-CN': '未找到。' },
  workspace_not_found: {
    status: 404,
    en: 'Workspace not found, or you are not a member.',
    'zh-CN': '工作区不存在,或你不是其成员。',
  },
  member_not_found: { status: 404, en: 'Member not found.', 'zh-CN': '未找到该成员。' },
  invitation_not_found: { status: 404, en: 'Invitation not found.', 'zh-CN': '未找到该邀请。' },
  invitation_expired: {
    status: 410,
    en: 'This invitation has expired or was revoked.',
    'zh-CN': '此邀请已过期或已被撤销。',
  },
  invitation_email_mismatch: {
    status: 403,
    en: 'This invitation is for {email}.',
    'zh-CN': '此邀请仅限 {email} 使用。',
  },
  already_member: {
    status: 409,
    en: 'You are already a member of this workspace.',
    'zh-CN': '你已是该工作区成员。',
  },
  token_not_found: { status: 404, en: 'API token not found.', 'zh-CN': '未找到该 API 令牌。' },
  email_taken: {
    status: 409,
    en: 'An account with this e-mail already exists.',
    'zh-CN': '该邮箱已注册。',
  },
  role_not_allowed: {
    status: 403,
    en: 'You cannot give or take the role {role}.',
    'zh-CN': '你无权授予或收回角色“{role}”。',
  },
  last_owner: {
    status: 409,
    en: 'A workspace needs at least one owner.',
    'zh-CN': '工作区至少需要一位所有者。',
  },
  rate_limited: {
    status: 429,
    en: 'Too many attempts. Try again in {minutes} minutes.',
    'zh-CN': '尝试次数过多,请 {minutes} 分钟后再试。',
  },
  database_unavailable: {
    status: 503,
    en: 'The database is not reachable.',
    'zh-CN': '数据库无法连接。',
  },
  internal: {
    status: 500,
    en: 'Something went wrong on our side. Request id: {requestId}.',
    'zh-CN': '服务器内部错误。请求编号:{requestId}。',
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERRORS;

export type FieldError = { path: string; message: string };

/** The one error type of OpsPlan: a stable code, parameters for its message, and optional field errors. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, unknown>;
  readonly fields: FieldError[] | undefined;

  constructor(code: ErrorCode, params: Record<string, unknown> = {}, fields?: FieldError[]) {
    super(interpolate(ERRORS[code].en, params));
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.fields = fields;
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}

/** The message for an error code in a language. */
export function errorMessage(code: ErrorCode, locale: Locale, params: Record<string, unknown> = {}): string {
  return interpolate(ERRORS[code][locale], params);
}
