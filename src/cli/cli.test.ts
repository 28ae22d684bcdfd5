import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKSPACE_NAME } from '../server/demo/team.ts';
import { runCli } from './main.ts';

const BIN = fileURLToPath(new URL('../../bin/opsplan.js', import.meta.url));
const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

type Result = { code: number | null; stdout: string; stderr: string };

let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'opsplan-cli-'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** The child's environment: SQLite in `dataDir`, whatever the parent's DATABASE_URL or PORT. */
function childEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    LOG_LEVEL: 'info',
    ...extra,
  };
  for (const name of ['PORT', 'HOST', 'WEB_DIR', 'PUBLIC_URL', 'OPSPLAN_SCHEDULER']) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

function start(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  // Run from another folder: the command must not depend on the working directory.
  return spawn(process.execPath, [BIN, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The real binary in a child process: for what only a process shows (tsx start-up, signals, exit codes). */
function spawnCli(args: string[], dataDir = path.join(root, 'unused')): Promise<Result> {
  return outputOf(start(args, childEnv(dataDir)));
}

/** What a child process printed, and its exit code, once it has closed. */
function outputOf(child: ChildProcess): Promise<Result> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The same command line in this process (`runCli` with its own streams and environment): no tsx start-up. */
async function run(args: string[], dataDir = path.join(root, 'unused'), extra: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'opsplan', ...args], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: childEnv(dataDir, extra),
  });
  return { code, stdout, stderr };
}

function openReadOnly(file: string): SQLite.Database {
  return new SQLite(file, { readonly: true, fileMustExist: true });
}

describe('opsplan command line', () => {
  it('prints help listing every command, and the version', async () => {
    // Once through the real binary, from another folder: the command must not depend on the working directory.
    const [help, version] = await Promise.all([spawnCli(['--help']), run(['--version'])]);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'demo', 'backup', 'restore', 'smart']) {
      expect(help.stdout).toMatch(new RegExp(`^\\s+${command} `, 'm'));
    }
    expect(help.stdout).toContain('运营细化工作计划');
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(VERSION);
  });

  it('ends quietly when its reader stops early (`opsplan --help | grep -q serve`)', async () => {
    const child = start(['--help'], childEnv(path.join(root, 'unused')));
    // The pipe closes before the child writes a byte: its writes then fail with EPIPE.
    child.stdout?.destroy();
    const result = await outputOf(child);
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.code).toBe(0);
  });

  it('runs as a command with what its first line sets before Node starts (malloc arenas)', async () => {
    // Executed directly, as `opsplan` is once installed: `#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node`.
    const probe = 'data:text/javascript,console.error(process.env.MALLOC_ARENA_MAX)';
    const result = await outputOf(
      spawn(BIN, ['--version'], {
        cwd: root,
        env: childEnv(path.join(root, 'unused'), { NODE_OPTIONS: `--import=${probe}` }),
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(VERSION);
    expect(result.stderr).toMatch(/^2$/m);
  });

  it('exits 2 with a message on stderr for an unknown command or option', async () => {
    const [command, option, port] = await Promise.all([
      run(['frobnicate']),
      run(['backup', 'x.db', '--frobnicate']),
      run(['serve', '--port', 'eighty']),
    ]);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain("unknown command 'frobnicate'");
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option '--frobnicate'");
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('Expected a port number');
  });

  it('exits 2 when demo is given a password sign-up would refuse', async () => {
    const weak = await run(['demo', '--password', '12345678'], path.join(root, 'weak-password'));
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('--password: This password is too simple');
  }, 60_000);

  it('refuses an unknown LOG_LEVEL with the allowed values and exit 2 (pino used to fail with exit 1)', async () => {
    const result = await run(['serve', '--port', '0'], path.join(root, 'unused'), { LOG_LEVEL: 'verbose' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'opsplan: LOG_LEVEL "verbose" is not a log level: use one of fatal, error, warn, info, debug, trace, silent.\n',
    );
  });
});

describe('opsplan smart', () => {
  it('prints the analysis as JSON with the extracted facts, and as text in the statement’s language', async () => {
    const [json, text, bad] = await Promise.all([
      run(['smart', '年底前把日活跃用户从8万提升到12万', '--today', '2026-11-26', '--json']),
      run(['smart', 'Reduce customer churn to under 3% within 90 days', '--today', '2026-11-26']),
      run(['smart', '提升用户体验', '--today', 'tomorrow']),
    ]);
    expect(json.code).toBe(0);
    const analysis = JSON.parse(json.stdout);
    expect(analysis.extracted).toMatchObject({
      direction: 'increase',
      baseline: { value: 80000 },
      target: { value: 120000 },
      deadline: '2026-12-31',
      kind: 'metric',
    });
    expect(analysis.criteria.timeBound.status).toBe('pass');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('✓ Time-bound');
    expect(text.stdout).toContain('2027-02-24');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('use a date like');
  });

  it('exits 1 when a criterion fails, as the exit codes promise, in text and JSON alike', async () => {
    const [vague, vagueJson] = await Promise.all([
      run(['smart', '提升用户体验', '--today', '2026-11-26']),
      run(['smart', '提升用户体验', '--today', '2026-11-26', '--json']),
    ]);
    expect(vague.stdout).toContain('✗');
    expect(vague.code).toBe(1);
    expect(vague.stderr).toBe('');
    const analysis = JSON.parse(vagueJson.stdout);
    expect(Object.values(analysis.criteria).some((c) => (c as { status: string }).status === 'fail')).toBe(
      true,
    );
    expect(vagueJson.code).toBe(1);
  });
});

describe('opsplan demo, backup and restore', () => {
  const dataDir = () => path.join(root, 'data');
  const backupFile = () => path.join(root, 'backups', 'opsplan-backup.db');
  let workspaceId = '';
  let password = '';

  it('demo creates an owner account and a demo workspace', async () => {
    const result = await run(['demo'], dataDir());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('demo@opsplan.local');
    workspaceId = /Workspace id: (\S+)/.exec(result.stdout)?.[1] ?? '';
    password = /Password: +(\S+) +\(generated/.exec(result.stdout)?.[1] ?? '';
    expect(workspaceId).not.toBe('');
    expect(password.length).toBeGreaterThanOrEqual(8);
  });

  it('backup writes a SQLite copy holding the demo team, and will not overwrite it', async () => {
    const result = await run(['backup', backupFile()], dataDir());
    expect(result.code).toBe(0);

    const copy = openReadOnly(backupFile());
    try {
      const { count } = copy.prepare('select count(*) as count from users').get() as { count: number };
      expect(count).toBeGreaterThanOrEqual(8);
      const workspace = copy.prepare('select name from workspaces where id = ?').get(workspaceId) as
        { name: string } | undefined;
      expect(workspace?.name).toBe(DEMO_WORKSPACE_NAME['zh-CN']);
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    } finally {
      copy.close();
    }

    const again = await run(['backup', backupFile()], dataDir());
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    // An existing folder is named as one; --force would not help, so it is not suggested.
    const folder = await run(['backup', path.dirname(backupFile())], dataDir());
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('is a folder: name a file inside it');
    expect(folder.stderr).not.toContain('--force');
  });

  it('restore refuses a file that is not an OpsPlan SQLite database', async () => {
    const junk = path.join(root, 'junk.db');
    writeFileSync(junk, 'this is not a database, just text '.repeat(200));
    const foreign = path.join(root, 'foreign.db');
    const database = new SQLite(foreign);
    database.exec('create table notes (body text)');
    database.close();

    const target = path.join(root, 'refused');
    const [junkResult, foreignResult] = await Promise.all([
      run(['restore', junk], target),
      run(['restore', foreign], target),
    ]);
    expect(junkResult.code).toBe(2);
    expect(junkResult.stderr).toContain('is not a SQLite database');
    expect(foreignResult.code).toBe(2);
    expect(foreignResult.stderr).toContain('no kysely_migration table');
  });

  it('restore puts the backup into a fresh data folder, then refuses to replace it without --force', async () => {
    const freshDir = path.join(root, 'fresh');
    const result = await run(['restore', backupFile()], freshDir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`into ${path.join(freshDir, 'opsplan.db')}`);

    const restored = openReadOnly(path.join(freshDir, 'opsplan.db'));
    try {
      const owner = restored.prepare('select id from users where email = ?').get('demo@opsplan.local');
      expect(owner).toBeDefined();
      const { count } = restored
        .prepare('select count(*) as count from memberships where workspace_id = ?')
        .get(workspaceId) as { count: number };
      expect(count).toBe(9);
    } finally {
      restored.close();
    }

    // The restored account still signs in with its password: demo reuses it for a second workspace.
    const [refused, reused] = await Promise.all([
      run(['restore', backupFile()], freshDir),
      run(['demo', '--password', password, '--locale', 'en'], freshDir),
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(reused.code).toBe(0);
    expect(reused.stdout).toContain(DEMO_WORKSPACE_NAME.en);
  });
});

describe('opsplan serve', () => {
  it('answers /healthz on a free port and exits 0 after SIGTERM', async () => {
    const child = start(
      ['serve', '--port', '0'],
      childEnv(path.join(root, 'serve'), { WEB_DIR: path.join(root, 'no-web') }),
    );
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no URL logged; stdout: ${stdout} stderr: ${stderr}`)),
          15_000,
        );
        child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.stdout?.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /"url":"(http:\/\/[^"]+)"/.exec(stdout);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.on('close', () => reject(new Error(`serve exited early; stderr: ${stderr}`)));
      });
      expect(stdout).toContain('npm run build');

      const response = await fetch(`${url}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', database: 'ok', dialect: 'sqlite' });

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout).toContain('"msg":"stopped"');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});

describe('opsplan lint', () => {
  const fixture = (name: string) => fileURLToPath(new URL(`../core/plan/fixtures/${name}`, import.meta.url));

  it('exits 0 on a clean plan, 1 on findings at or above --fail-on, 2 on unreadable or invalid input', async () => {
    const invalid = path.join(root, 'invalid.plan.yaml');
    writeFileSync(
      invalid,
      readFileSync(fixture('clean.plan.yaml'), 'utf8').replace('estimateHours: 24', 'estimateHours: lots'),
    );
    // One at a time: six compilers at once starve a small machine.
    const clean = await run(['lint', fixture('clean.plan.yaml'), '--today', '2026-12-01']);
    const broken = await run(['lint', fixture('broken.plan.yaml'), '--lang', 'en', '--today', '2026-12-01']);
    const json = await run([
      'lint',
      fixture('broken.plan.yaml'),
      '--format',
      'json',
      '--today',
      '2026-12-01',
    ]);
    const strict = await run([
      'lint',
      fixture('clean.plan.yaml'),
      '--fail-on',
      'info',
      '--today',
      '2026-12-01',
    ]);
    const bad = await run(['lint', invalid, '--lang', 'zh']);
    const missing = await run(['lint', path.join(root, 'nope.yaml')]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('SMART growth 4/5');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/broken\.plan\.yaml:\d+:\d+ error task-one-accountable tasks\[0\]\.raci: /);
    expect(broken.stdout).toContain('Dependencies go round in a loop');
    expect(broken.stderr).toContain('at or above error');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.findings.some((finding: { message: string }) => finding.message.includes('批准人'))).toBe(
      true,
    );
    expect(report.counts.error).toBeGreaterThan(10);
    expect(strict.code).toBe(0);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid.plan.yaml:41:20 tasks[0].estimateHours: 应为数字。');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  }, 120_000);
});

describe('opsplan export and import', () => {
  it('writes a workspace as plan.yaml and checks an import against the database', async () => {
    const dataDir = path.join(root, 'plan-data');
    const demo = await run(['demo', '--locale', 'zh-CN'], dataDir);
    expect(demo.code).toBe(0);
    const workspaceId = /Workspace id:\s+(\S+)/.exec(demo.stdout)?.[1] ?? '';
    const file = path.join(root, 'exported.plan.yaml');
    const exported = await run(['export', '--workspace', workspaceId, '-o', file], dataDir);
    expect(exported.code).toBe(0);
    const yaml = readFileSync(file, 'utf8');
    expect(yaml).toMatch(/^version: 1\n/);
    expect(yaml).toContain('key: t1.1');
    // The same plan again: its KPI keys are taken, so nothing is imported and the field is named.
    const again = await run(['import', file, '--workspace', workspaceId, '--dry-run'], dataDir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('已存在');
    expect(again.stderr).toContain('kpis[0].key');
    const unknown = await run(['export', '--workspace', 'nope'], dataDir);
    expect(unknown.code).toBe(2);
  }, 180_000);
});
