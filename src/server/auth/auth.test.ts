import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { as, createTestApp, signUpUser, type TestApp } from '../testing/app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ loginAttemptsPerAccount: 3, loginAttemptsPerAddress: 100 });
});
afterEach(() => t.close());

const DAY = 24 * 60 * 60 * 1000;

async function logIn(email: string, password: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, headers });
}

describe('sign-up', () => {
  it('creates the account, signs in and sets HttpOnly session and readable CSRF cookies', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'Lina@Example.com', password: 'secret-password', name: '李娜', locale: 'zh-CN' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().user).toMatchObject({ email: 'lina@example.com', name: '李娜', locale: 'zh-CN' });
    const session = response.cookies.find((c) => c.name === 'opsplan_session');
    const csrf = response.cookies.find((c) => c.name === 'opsplan_csrf');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    expect(csrf?.httpOnly).toBeFalsy();
    const stored = await t.database.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^scrypt\$/);
    expect(stored.password_hash).not.toContain('secret-password');
  });

  it('names each invalid field, translated by Accept-Language', async () => {
    const payload = { email: 'not-an-email', password: 'short', name: '' };
    const zh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload,
      headers: { 'accept-language': 'zh-CN,zh;q=0.9' },
    });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.code).toBe('validation_failed');
    expect(zh.json().error.message).toBe('部分字段填写有误。');
    const fields = zh.json().error.fields as Array<{ path: string; message: string }>;
    expect(fields.map((f) => f.path).sort()).toEqual(['email', 'name', 'password']);
    expect(fields.find((f) => f.path === 'password')?.message).toBe('至少 8 个字符。');
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload,
      headers: { 'accept-language': 'en-US' },
    });
    expect(en.json().error.fields.find((f: { path: string }) => f.path === 'email').message).toBe(
      'Enter a valid e-mail address.',
    );
    expect(await t.database.db.selectFrom('users').selectAll().execute()).toHaveLength(0);
  });

  it('refuses a second account with the same e-mail, whatever its case', async () => {
    await signUpUser(t.app, { email: 'dup@example.com' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'DUP@example.com', password: 'another-password', name: 'Dup' },
      headers: { 'accept-language': 'en' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'email_taken', fields: [{ path: 'email' }] });
  });

  it('answers malformed JSON, wrong content types and huge bodies with translated errors', async () => {
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      body: '{"email": ',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toMatchObject({ code: 'invalid_json', message: '请求内容不是有效的 JSON。' });
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'a@example.com', password: 'x'.repeat(2 * 1024 * 1024), name: 'A' },
      headers: { 'accept-language': 'en' },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      body: 'email=a',
      headers: { 'content-type': 'text/csv' },
    });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().error.code).toBe('unsupported_media_type');
  });
  it('throttles sign-ups per address, also when they arrive at once', async () => {
    await t.close();
    t = await createTestApp({ signUpsPerAddress: 5 });
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/signup',
          payload: { email: `many${index}@example.com`, password: 'a long passphrase', name: `N${index}` },
          headers: { 'accept-language': 'en' },
        }),
      ),
    );
    expect(responses.filter((response) => response.statusCode === 201)).toHaveLength(5);
    const refused = responses.filter((response) => response.statusCode === 429);
    expect(refused).toHaveLength(15);
    expect(refused[0]?.json().error.code).toBe('rate_limited');
    expect(await t.database.db.selectFrom('users').selectAll().execute()).toHaveLength(5);
    // Another address is not affected.
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      remoteAddress: '10.0.0.7',
      payload: { email: 'elsewhere@example.com', password: 'a long passphrase', name: 'E' },
    });
    expect(elsewhere.statusCode).toBe(201);
  });
});

describe('log-in and sessions', () => {
  it('signs in with the right password only', async () => {
    await signUpUser(t.app, { email: 'wang@example.com', password: 'right-password' });
    expect((await logIn('wang@example.com', 'wrong-password')).statusCode).toBe(401);
    const ok = await logIn('WANG@example.com', 'right-password');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.email).toBe('wang@example.com');
  });

  it('limits failed attempts per account, then lets the user in again after the window', async () => {
    await signUpUser(t.app, { email: 'zhao@example.com', password: 'right-password' });
    for (let i = 0; i < 3; i += 1)
      expect((await logIn('zhao@example.com', 'nope-nope')).statusCode).toBe(401);
    const limited = await logIn('zhao@example.com', 'right-password', { 'accept-language': 'zh-CN' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.message).toContain('分钟后再试');
    t.clock.advance(16 * 60 * 1000);
    expect((await logIn('zhao@example.com', 'right-password')).statusCode).toBe(200);
  });

  it('limits attempts per address across accounts', async () => {
    await t.close();
    t = await createTestApp({ loginAttemptsPerAccount: 100, loginAttemptsPerAddress: 2 });
    expect((await logIn('a@example.com', 'whatever1')).statusCode).toBe(401);
    expect((await logIn('b@example.com', 'whatever2')).statusCode).toBe(401);
    expect((await logIn('c@example.com', 'whatever3')).statusCode).toBe(429);
  });

  it('checks at most the limit of 60 wrong passwords sent at once, per account', async () => {
    await t.close();
    t = await createTestApp({ loginAttemptsPerAccount: 10, loginAttemptsPerAddress: 1000 });
    await signUpUser(t.app, { email: 'burst@example.com', password: 'right-password' });
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, index) => logIn('burst@example.com', `wrong-password-${index}`)),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 401)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(50);
    // The right password is refused too until the window has passed.
    expect((await logIn('burst@example.com', 'right-password')).statusCode).toBe(429);
  });

  it('checks at most the limit of parallel attempts per address, across accounts', async () => {
    await t.close();
    t = await createTestApp({ loginAttemptsPerAccount: 1000, loginAttemptsPerAddress: 10 });
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, index) => logIn(`nobody${index}@example.com`, 'wrong-password')),
    );
    expect(responses.filter((response) => response.statusCode === 401)).toHaveLength(10);
    expect(responses.filter((response) => response.statusCode === 429)).toHaveLength(50);
  });

  it('does not let successful log-ins use up the address allowance', async () => {
    await t.close();
    t = await createTestApp({ loginAttemptsPerAccount: 100, loginAttemptsPerAddress: 3 });
    await signUpUser(t.app, { email: 'often@example.com', password: 'right-password' });
    for (let i = 0; i < 5; i += 1) {
      expect((await logIn('often@example.com', 'right-password')).statusCode).toBe(200);
    }
  });

  it('ends the session on log-out', async () => {
    const user = await signUpUser(t.app);
    expect((await t.app.inject(as(user, { method: 'GET', url: '/api/v1/me' }))).statusCode).toBe(200);
    const out = await t.app.inject(as(user, { method: 'POST', url: '/api/v1/auth/logout' }));
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject(as(user, { method: 'GET', url: '/api/v1/me' }))).statusCode).toBe(401);
  });

  it('expires an idle session and slides an active one', async () => {
    const user = await signUpUser(t.app);
    t.clock.advance(10 * DAY);
    expect((await t.app.inject(as(user, { method: 'GET', url: '/api/v1/me' }))).statusCode).toBe(200);
    t.clock.advance(10 * DAY);
    expect((await t.app.inject(as(user, { method: 'GET', url: '/api/v1/me' }))).statusCode).toBe(200);
    t.clock.advance(15 * DAY);
    const expired = await t.app.inject(as(user, { method: 'GET', url: '/api/v1/me' }));
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('unauthenticated');
  });

  it('uses the profile language when the request names none', async () => {
    const user = await signUpUser(t.app, { locale: 'zh-CN' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workspaces',
      payload: {},
      headers: { cookie: user.cookie, 'x-csrf-token': user.csrf },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe('部分字段填写有误。');
  });
});

describe('profile', () => {
  it('updates name and language', async () => {
    const user = await signUpUser(t.app);
    const response = await t.app.inject(
      as(user, { method: 'PATCH', url: '/api/v1/me', payload: { name: '  陈静 ', locale: 'zh-CN' } }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ name: '陈静', locale: 'zh-CN' });
    const me = await t.app.inject(as(user, { method: 'GET', url: '/api/v1/me' }));
    expect(me.json().user.locale).toBe('zh-CN');
    const empty = await t.app.inject(
      as(user, { method: 'PATCH', url: '/api/v1/me', payload: { locale: 'fr' } }),
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields[0].path).toBe('locale');
  });

  it('changes the password, signing out other sessions but not this one', async () => {
    const user = await signUpUser(t.app, { email: 'sun@example.com', password: 'first-password' });
    const other = await logIn('sun@example.com', 'first-password');
    const otherCookie = other.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

    const wrong = await t.app.inject(
      as(user, {
        method: 'POST',
        url: '/api/v1/me/password',
        payload: { currentPassword: 'nope-nope', newPassword: 'second-password' },
      }),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual([
      { path: 'currentPassword', message: 'The current password is wrong.' },
    ]);

    const changed = await t.app.inject(
      as(user, {
        method: 'POST',
        url: '/api/v1/me/password',
        payload: { currentPassword: 'first-password', newPassword: 'second-password' },
      }),
    );
    expect(changed.statusCode).toBe(204);
    expect((await t.app.inject(as(user, { method: 'GET', url: '/api/v1/me' }))).statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: otherCookie } })).statusCode,
    ).toBe(401);
    expect((await logIn('sun@example.com', 'first-password')).statusCode).toBe(401);
    expect((await logIn('sun@example.com', 'second-password')).statusCode).toBe(200);
  });
});

describe('password rules', () => {
  const signUp = (email: string, password: string, language = 'en') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email, password, name: 'Lina' },
      headers: { 'accept-language': language },
    });

  it('refuses common, trivial and e-mail-based passwords at sign-up, naming the field', async () => {
    const refused: Array<[string, string]> = [
      ['12345678', 'password_too_simple'],
      ['        ', 'password_too_simple'],
      ['aaaaaaaaaa', 'password_too_simple'],
      ['abcdefgh', 'password_too_simple'],
      ['87654321', 'password_too_simple'],
      ['qwertyuiop', 'password_too_simple'],
      ['password', 'password_too_common'],
      ['Password123', 'password_too_common'],
      ['qwerty123', 'password_too_common'],
      ['11111111', 'password_too_simple'],
      ['iloveyou', 'password_too_common'],
      ['a1234567', 'password_too_common'],
      ['woaini1314', 'password_too_common'],
      ['lina.chen@example.com', 'password_contains_email'],
      ['LinaChen2026!', 'password_contains_email'],
    ];
    for (const [password, code] of refused) {
      const response = await signUp('lina.chen@example.com', password);
      expect({ password, status: response.statusCode, code: response.json().error.code }).toEqual({
        password,
        status: 400,
        code,
      });
      expect(response.json().error.fields).toEqual([{ path: 'password', message: expect.any(String) }]);
    }
    const zh = await signUp('lina.chen@example.com', 'woaini1314', 'zh-CN');
    expect(zh.json().error.fields).toEqual([
      { path: 'password', message: '这是最常见的密码之一，请换一个。' },
    ]);
    expect(await t.database.db.selectFrom('users').selectAll().execute()).toHaveLength(0);
    expect((await signUp('lina.chen@example.com', 'tea at the lake, 7 pm')).statusCode).toBe(201);
  });

  it('refuses the same on a password change, under newPassword', async () => {
    const user = await signUpUser(t.app, { email: 'zhou.min@example.com', password: 'first passphrase' });
    for (const [newPassword, code] of [
      ['zhoumin2026', 'password_contains_email'],
      ['1qaz2wsx', 'password_too_simple'],
      ['iloveyou1314', 'password_too_common'],
    ]) {
      const response = await t.app.inject(
        as(user, {
          method: 'POST',
          url: '/api/v1/me/password',
          payload: { currentPassword: 'first passphrase', newPassword },
        }),
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code, fields: [{ path: 'newPassword' }] });
    }
    expect((await logIn('zhou.min@example.com', 'first passphrase')).statusCode).toBe(200);
  });

  it('revokes API tokens on a password change only when asked', async () => {
    const user = await signUpUser(t.app, { email: 'gao@example.com', password: 'first passphrase' });
    const created = await t.app.inject(
      as(user, { method: 'POST', url: '/api/v1/workspaces', payload: { name: 'Ops' } }),
    );
    const workspaceId = created.json().workspace.id as string;
    const newToken = async (name: string) =>
      (
        await t.app.inject(
          as(user, { method: 'POST', url: '/api/v1/me/tokens', payload: { name, workspaceId } }),
        )
      ).json().secret as string;
    const viaToken = (secret: string) =>
      t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${secret}` } });
    const change = (currentPassword: string, newPassword: string, extra: Record<string, unknown> = {}) =>
      t.app.inject(
        as(user, {
          method: 'POST',
          url: '/api/v1/me/password',
          payload: { currentPassword, newPassword, ...extra },
        }),
      );

    const kept = await newToken('kept');
    expect((await change('first passphrase', 'second passphrase')).statusCode).toBe(204);
    expect((await viaToken(kept)).statusCode).toBe(200);

    expect(
      (await change('second passphrase', 'third passphrase', { revokeApiTokens: true })).statusCode,
    ).toBe(204);
    expect((await viaToken(kept)).statusCode).toBe(401);
    const audit = await t.database.db
      .selectFrom('audit_entries')
      .select('action')
      .where('workspace_id', '=', workspaceId)
      .where('action', '=', 'token.revoked')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe('responses', () => {
  it('carry a request id and security headers, and never a stack trace', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/nowhere',
      headers: { 'x-request-id': 'req-123' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['x-request-id']).toBe('req-123');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body).not.toContain('at ');
  });

  it('reports database reachability', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });
});
