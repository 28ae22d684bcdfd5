import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/opsplan.js', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../core/plan/fixtures/clean.plan.yaml', import.meta.url));
const run = promisify(execFile);

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'opsplan-render-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The command in a fresh SQLite folder, whatever the parent's DATABASE_URL; resolves with the exit code. */
async function opsplan(args: string[], dataDir = path.join(root, 'data')) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' };
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      cwd: root,
      env,
      timeout: 390_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('opsplan render', { timeout: 400_000 }, () => {
  it('renders a plan.yaml without a server or database, in the chosen language', async () => {
    const output = path.join(root, 'plan.docx');
    const result = await opsplan(['render', FIXTURE, '-o', output, '--lang', 'zh']);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('(docx, zh-CN,');
    const zip = await JSZip.loadAsync(readFileSync(output));
    const body = (await zip.file('word/document.xml')?.async('string')) ?? '';
    for (const heading of ['1 目标', '3 时间安排', '5 KPI 与绩效评估', '9 市场调研'])
      expect(body).toContain(heading);
  });

  it('renders a workspace from the database, in the chosen language', async () => {
    const dataDir = path.join(root, 'demo');
    const demo = await opsplan(['demo', '--password', 'correct horse battery'], dataDir);
    expect(demo.code).toBe(0);
    const workspaceId = /Workspace id:\s+(\S+)/.exec(demo.stdout)?.[1] ?? '';
    const output = path.join(root, 'demo.md');
    const result = await opsplan(
      ['render', '--workspace', workspaceId, '-o', output, '--lang', 'en'],
      dataDir,
    );
    expect(result.code).toBe(0);
    const markdown = readFileSync(output, 'utf8');
    expect(markdown).toContain('## 1 Goals');
    expect(markdown).toContain('### 1.1 在三个月内将用户增长率提升20%');
    expect(markdown).toContain('## 4 Processes');

    const unknown = await opsplan(['render', '--workspace', 'nope', '-o', path.join(root, 'x.md')], dataDir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('工作区不存在');
  });

  it('exits 2 on usage errors with one line', async () => {
    const both = await opsplan(['render', FIXTURE, '--workspace', 'w', '-o', path.join(root, 'x.md')]);
    expect(both).toMatchObject({ code: 2, stderr: 'opsplan: give a plan file or --workspace, not both.\n' });
    const bad = path.join(root, 'bad.yaml');
    writeFileSync(bad, 'version: 1\nname: [unclosed\n');
    const invalid = await opsplan(['render', bad, '-o', path.join(root, 'bad.md')]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/bad\.yaml:\d+:\d+/);
  });
});
