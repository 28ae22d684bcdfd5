import type { Command } from 'commander';
import { AppError } from '../../core/errors/index.ts';
import type { Locale } from '../../core/i18n/index.ts';
import type { Actor, Services } from '../../server/context.ts';
import {
  addDatabaseOptions,
  CliError,
  configFromOptions,
  parseLocale,
  processIo,
  quietLogLevel,
  type CliIo,
  type DatabaseOptions,
} from '../options.ts';

export const DEMO_EMAIL = 'demo@opsplan.local';
const DEMO_NAME = { 'zh-CN': '演示负责人', en: 'Demo Owner' } as const;

type DemoOptions = DatabaseOptions & { email: string; password?: string; name?: string; locale: Locale };

export function registerDemo(program: Command, io: CliIo = processIo()): void {
  const command = program
    .command('demo')
    .description('Create a sample operations team workspace and an owner account to sign in with')
    .option('--email <email>', 'e-mail of the owner account (created, or reused when it exists)', DEMO_EMAIL)
    .option('--password <password>', 'its password, at least 8 characters (default: generated and printed)')
    .option('--name <name>', 'display name of a new owner account')
    .option(
      '--locale <locale>',
      'language of the account and the demo content: zh-CN or en',
      parseLocale,
      'zh-CN',
    );
  addDatabaseOptions(command).action((options: DemoOptions) => demo(options, io));
}

/** The server modules `demo` uses: loaded when it runs, so other commands and `--help` do not pay for them. */
async function loadServer() {
  const [app, passwords, queries, schemas, auth, demoService, secrets] = await Promise.all([
    import('../../server/app.ts'),
    import('../../server/auth/passwords.ts'),
    import('../../server/auth/queries.ts'),
    import('../../server/auth/schemas.ts'),
    import('../../server/auth/service.ts'),
    import('../../server/demo/service.ts'),
    import('../../server/secrets.ts'),
  ]);
  return { ...app, ...passwords, ...queries, ...schemas, ...auth, ...demoService, ...secrets };
}

type ServerModules = Awaited<ReturnType<typeof loadServer>>;

async function demo(options: DemoOptions, io: CliIo): Promise<void> {
  const server = await loadServer();
  const { normaliseEmail, EmailSchema, PasswordSchema, NameSchema, buildApp, createDemoWorkspace } = server;
  const email = normaliseEmail(options.email);
  if (!EmailSchema.safeParse(email).success)
    throw new CliError(`--email "${options.email}" is not an e-mail address.`);
  if (options.password !== undefined && !PasswordSchema.safeParse(options.password).success) {
    throw new CliError('--password must be 8 to 200 characters long.');
  }
  const name = options.name ?? DEMO_NAME[options.locale];
  if (!NameSchema.safeParse(name).success) throw new CliError('--name must be 1 to 100 characters long.');

  const config = configFromOptions(
    options,
    { runScheduler: false, webDir: null, logLevel: quietLogLevel(io.env) },
    io.env,
  );
  const app = await buildApp(config);
  try {
    const services = app.services;
    const { actor, password, isNewAccount } = await ownerAccount(server, services, {
      email,
      password: options.password,
      name,
      locale: options.locale,
    });
    const { workspace } = await createDemoWorkspace(services, actor, { locale: options.locale });
    const lines = [
      `Demo workspace created: ${workspace.name}`,
      `  Workspace id: ${workspace.id}`,
      `  Sign in at:   ${config.publicUrl}  (start the server with \`opsplan serve\` or \`npm start\`)`,
      `  E-mail:       ${actor.email}`,
      isNewAccount
        ? `  Password:     ${password}${options.password === undefined ? '  (generated: note it now, it is not stored in clear)' : ''}`
        : '  Password:     (the existing account’s password, unchanged)',
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await app.close();
  }
}

/** The demo owner: a new account, or the existing one when the given password matches it. */
async function ownerAccount(
  server: ServerModules,
  services: Services,
  input: { email: string; password: string | undefined; name: string; locale: Locale },
): Promise<{ actor: Actor; password: string; isNewAccount: boolean }> {
  const {
    selectUserByEmail,
    verifyPassword,
    toPublicUser,
    newSecret,
    checkNewPassword,
    signUp,
    logOut,
    hashSecret,
  } = server;
  const existing = await selectUserByEmail(services.db, input.email);
  if (existing) {
    if (input.password === undefined) {
      throw new CliError(
        `An account ${input.email} already exists: pass --password with its password to add another demo workspace to it, or choose another --email.`,
      );
    }
    if (!(await verifyPassword(input.password, existing.password_hash))) {
      throw new CliError(`An account ${input.email} already exists and --password does not match it.`);
    }
    const user = toPublicUser(existing);
    return { actor: toActor(user), password: input.password, isNewAccount: false };
  }
  const password = input.password ?? newSecret(12);
  // A new account's password follows the sign-up rules: a weak --password is a usage error (exit 2).
  if (input.password !== undefined) {
    try {
      checkNewPassword(input.password, input.email, 'password');
    } catch (error) {
      if (error instanceof AppError) throw new CliError(`--password: ${error.message}`);
      throw error;
    }
  }
  const session = await signUp(
    services,
    { email: input.email, password, name: input.name, locale: input.locale },
    { ip: '127.0.0.1', userAgent: 'opsplan demo' },
  );
  // Sign-up opens a session for the browser; the command line has no use for it.
  await logOut(services, hashSecret(session.sessionToken));
  return { actor: toActor(session.user), password, isNewAccount: true };
}

function toActor(user: { id: string; name: string; email: string; locale: Locale }): Actor {
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    locale: user.locale,
    sessionId: null,
    csrfToken: null,
    tokenWorkspaceId: null,
  };
}
