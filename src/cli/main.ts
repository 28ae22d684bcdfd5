import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { registerBackup } from './commands/backup.ts';
import { registerDemo } from './commands/demo.ts';
import { registerFeedback } from './commands/feedback.ts';
import { registerProcess } from './commands/process.ts';
import { registerLint } from './commands/lint.ts';
import { registerPlan } from './commands/plan.ts';
import { registerRender } from './commands/render.ts';
import { registerRestore } from './commands/restore.ts';
import { registerServe } from './commands/serve.ts';
import { registerSmart } from './commands/smart.ts';
import { ConfigError } from '../server/config.ts';
import { CliError, EXIT, packageRoot, processIo, type CliIo } from './options.ts';

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** The `opsplan` program. Settings come first: subcommands made with `.command()` inherit them. */
export function buildProgram(io: CliIo = processIo()): Command {
  const program = new Command('opsplan')
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .description('OpsPlan: write, run and review an operations team’s detailed work plan (运营细化工作计划).')
    .version(packageVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .exitOverride()
    .showHelpAfterError('(run `opsplan --help` for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 findings or an unexpected failure, 2 usage or input error.\n' +
        'Run `opsplan <command> --help` for the options of a command.',
    );
  registerServe(program, io);
  registerDemo(program, io);
  registerBackup(program, io);
  registerRestore(program, io);
  registerSmart(program, io);
  registerFeedback(program);
  registerProcess(program);
  registerLint(program, io);
  registerPlan(program, io);
  registerRender(program);
  return program;
}

/**
 * Runs the command line; resolves with the exit code (serve keeps running until a signal). `io` is where
 * output goes and which environment counts: tests run commands in-process with their own.
 */
export async function runCli(argv: string[] = process.argv, io: CliIo = processIo()): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other complaint of commander is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      if (error.message) io.stderr.write(`opsplan: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`opsplan: ${error.message}\n`);
      return EXIT.usage;
    }
    const isDebug = io.env.LOG_LEVEL === 'debug' || io.env.LOG_LEVEL === 'trace';
    const detail =
      error instanceof Error ? (isDebug ? (error.stack ?? error.message) : error.message) : String(error);
    io.stderr.write(`opsplan: ${detail}${isDebug ? '' : ' (LOG_LEVEL=debug shows the stack trace)'}\n`);
    return EXIT.findings;
  }
}
