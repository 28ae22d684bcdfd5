import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { AppError, errorMessage } from '../../core/errors/index.ts';
import type { Locale } from '../../core/i18n/index.ts';
import { loadConfig } from '../../server/config.ts';
import { DOCUMENT_FORMATS, isDocumentFormat, type DocumentFormat } from '../../server/documents/formats.ts';
import {
  addDatabaseOptions,
  CliError,
  configFromOptions,
  EXIT,
  quietLogLevel,
  type DatabaseOptions,
} from '../options.ts';
import { parseLang, readPlanFile } from './planFile.ts';

type RenderOptions = DatabaseOptions & {
  format?: DocumentFormat;
  output: string;
  lang?: Locale;
  workspace?: string;
  goal?: string;
};

function parseFormat(value: string): DocumentFormat {
  if (isDocumentFormat(value)) return value;
  throw new InvalidArgumentError(`use one of: ${DOCUMENT_FORMATS.join(', ')}.`);
}

export function registerRender(program: Command): void {
  const command = program
    .command('render')
    .description(
      'Write the plan document (DOCX, PDF, HTML, Markdown or XLSX) from a plan.yaml or a workspace',
    )
    .argument('[file]', 'a plan.yaml to render without a server or database')
    .option('--workspace <id>', 'render this workspace from the database instead of a file')
    .option('--goal <id>', 'with --workspace: only this goal’s subtree')
    .option(
      '--format <format>',
      `${DOCUMENT_FORMATS.join(' | ')} (default: from the -o extension)`,
      parseFormat,
    )
    .requiredOption('-o, --output <file>', 'where to write the document')
    .option('--lang <lang>', 'language of the document: zh or en (default: the plan’s)', parseLang);
  addDatabaseOptions(command).action((file: string | undefined, options: RenderOptions) =>
    render(file, options),
  );
}

function formatOf(options: RenderOptions): DocumentFormat {
  if (options.format) return options.format;
  const extension = path.extname(options.output).slice(1).toLowerCase();
  const guessed = extension === 'markdown' ? 'md' : extension === 'htm' ? 'html' : extension;
  if (isDocumentFormat(guessed)) return guessed;
  throw new CliError(
    `--format is needed: ${options.output} does not end in .${DOCUMENT_FORMATS.join(', .')}.`,
  );
}

/** An error the user can act on, in the document's language; a missing browser is a failure (1), not a usage error. */
function cliErrorOf(error: unknown, locale: Locale): unknown {
  if (!(error instanceof AppError)) return error;
  const exitCode = error.status >= 500 ? EXIT.findings : EXIT.usage;
  return new CliError(errorMessage(error.code, locale, error.params), exitCode);
}

async function render(file: string | undefined, options: RenderOptions): Promise<void> {
  if (file && options.workspace) throw new CliError('give a plan file or --workspace, not both.');
  if (!file && !options.workspace) throw new CliError('give a plan file or --workspace <id>.');
  if (options.goal && !options.workspace) throw new CliError('--goal works with --workspace only.');
  const format = formatOf(options);
  const [{ renderDocument }, { documentOfPlan, renderWorkspacePlan, resolveLocale }] = await Promise.all([
    import('../../server/documents/render.ts'),
    import('../../server/documents/service.ts'),
  ]);
  let bytes: Buffer;
  let locale: Locale = options.lang ?? 'zh-CN';
  if (file) {
    const { plan } = await readPlanFile(file, options.lang);
    locale = options.lang ?? plan.locale;
    const now = Date.now();
    const timezone = plan.timezone ?? loadConfig().timezone;
    const document = documentOfPlan(plan, null, { locale, now, timezone, workspaceName: plan.name });
    try {
      bytes = await renderDocument(document, format);
    } catch (error) {
      throw cliErrorOf(error, locale);
    }
  } else {
    const config = configFromOptions(options, {
      runScheduler: false,
      webDir: null,
      logLevel: quietLogLevel(),
    });
    const { buildApp } = await import('../../server/app.ts');
    const app = await buildApp(config);
    try {
      const workspaceId = options.workspace ?? '';
      locale = await resolveLocale(app.services, workspaceId, options.lang, config.defaultLocale);
      bytes = (await renderWorkspacePlan(app.services, { workspaceId, goalId: options.goal, locale, format }))
        .bytes;
    } catch (error) {
      throw cliErrorOf(error, locale);
    } finally {
      await app.close();
    }
  }
  try {
    writeFileSync(options.output, bytes);
  } catch (error) {
    throw new CliError(
      `cannot write ${options.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  process.stdout.write(`${options.output} (${format}, ${locale}, ${bytes.length} bytes)\n`);
}
