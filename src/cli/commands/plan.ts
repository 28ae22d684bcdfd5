import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError, localize } from '../../core/errors/index.ts';
import { errorMessage } from '../../core/errors/index.ts';
import type { Locale } from '../../core/i18n/index.ts';
import type { Actor, Services } from '../../server/context.ts';
import {
  addDatabaseOptions,
  CliError,
  configFromOptions,
  EXIT,
  processIo,
  quietLogLevel,
  type CliIo,
  type DatabaseOptions,
} from '../options.ts';
import { parseLang, readPlanFile } from './planFile.ts';

type ImportOptions = DatabaseOptions & { workspace: string; dryRun?: boolean; lang?: Locale };
type ExportOptions = DatabaseOptions & { workspace: string; output?: string; goal?: string; lang?: Locale };

export function registerPlan(program: Command, io: CliIo = processIo()): void {
  const importCommand = program
    .command('import')
    .description('Load a plan.yaml into a workspace in one transaction (all or nothing)')
    .argument('<file>', 'the plan file')
    .requiredOption('--workspace <id>', 'the workspace id')
    .option('--dry-run', 'check everything and list what would be created, then roll back')
    .option('--lang <lang>', 'language of the messages: zh or en (default: the plan’s)', parseLang);
  addDatabaseOptions(importCommand).action((file: string, options: ImportOptions) =>
    runImport(file, options, io),
  );

  const exportCommand = program
    .command('export')
    .description('Write a workspace’s plan as plan.yaml')
    .requiredOption('--workspace <id>', 'the workspace id')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .option('--goal <id>', 'only this goal’s subtree and what it touches')
    .option('--lang <lang>', 'the plan’s language when the workspace has none: zh or en', parseLang);
  addDatabaseOptions(exportCommand).action((options: ExportOptions) => runExport(options, io));
}

/** Runs `work` against the database, as the workspace's first owner: the CLI has the database's own rights. */
async function withOwner<T>(
  options: DatabaseOptions & { workspace: string },
  io: CliIo,
  work: (services: Services, actor: Actor) => Promise<T>,
): Promise<T> {
  const config = configFromOptions(
    options,
    { runScheduler: false, webDir: null, logLevel: quietLogLevel(io.env) },
    io.env,
  );
  const { buildApp } = await import('../../server/app.ts');
  const app = await buildApp(config);
  try {
    const owner = await app.services.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.name', 'users.email', 'users.locale'])
      .where('memberships.workspace_id', '=', options.workspace)
      .where('memberships.role', '=', 'owner')
      .orderBy('memberships.created_at')
      .executeTakeFirst();
    if (!owner) throw new CliError(`no workspace ${options.workspace} in this database.`);
    const actor: Actor = {
      userId: owner.id,
      name: owner.name,
      email: owner.email,
      locale: owner.locale === 'en' ? 'en' : 'zh-CN',
      sessionId: null,
      csrfToken: null,
      tokenWorkspaceId: null,
    };
    return await work(app.services, actor);
  } finally {
    await app.close();
  }
}

/** An AppError as the lines a person fixes: the message, then one line per field. */
function describe(error: AppError, locale: Locale): string {
  const lines = [errorMessage(error.code, locale, error.params)];
  for (const field of error.fields ?? []) {
    const message = localize(field.message, locale);
    lines.push(`  ${field.path}${message ? `: ${message}` : ''}`);
  }
  return lines.join('\n');
}

async function runImport(file: string, options: ImportOptions, io: CliIo): Promise<void> {
  const { plan, locate } = await readPlanFile(file, options.lang);
  const { importPlan } = await import('../../server/plans/import.ts');
  const locale = options.lang ?? plan.locale;
  const report = await withOwner(options, io, async (services, actor) => {
    try {
      return await importPlan(
        { services, actor, locale },
        { workspaceId: options.workspace, plan, locate, dryRun: options.dryRun ?? false },
      );
    } catch (error) {
      if (error instanceof AppError) throw new CliError(describe(error, locale), EXIT.usage);
      throw error;
    }
  });
  const zh = locale === 'zh-CN';
  const heading = report.dryRun
    ? zh
      ? '试运行：将创建以下内容（未写入）'
      : 'Dry run: would create (nothing written)'
    : zh
      ? '已导入'
      : 'Imported';
  const counts = Object.entries(report.created)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  const lines = [`${heading}: ${counts}`];
  for (const item of report.items) lines.push(`  + ${item.kind} ${item.key} ${item.title}`);
  for (const finding of report.findings) {
    lines.push(
      `${file}:${finding.line ?? 1}:${finding.column ?? 1} ${finding.severity} ${finding.rule}: ${finding.message}`,
    );
  }
  io.stdout.write(`${lines.join('\n')}\n`);
}

async function runExport(options: ExportOptions, io: CliIo): Promise<void> {
  const [{ readPlan }, { writePlanYaml }] = await Promise.all([
    import('../../server/plans/service.ts'),
    import('../../core/plan/yaml.ts'),
  ]);
  const yaml = await withOwner(options, io, async (services) => {
    try {
      const { plan } = await readPlan(
        services,
        { workspaceId: options.workspace, goalId: options.goal },
        options.lang ?? 'zh-CN',
        { observations: false },
      );
      return writePlanYaml(plan);
    } catch (error) {
      if (error instanceof AppError) throw new CliError(describe(error, options.lang ?? 'en'), EXIT.usage);
      throw error;
    }
  });
  if (options.output) writeFileSync(options.output, yaml);
  else io.stdout.write(yaml);
}
