import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/opsplan.js', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../core/feedback/fixtures/examples.csv', import.meta.url));

type Result = { code: number | null; stdout: string; stderr: string };
let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'opsplan-feedback-'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, LANG: 'C.UTF-8', ...env };
    delete childEnv.OPSPLAN_LOCALE;
    delete childEnv.LC_ALL;
    delete childEnv.LC_MESSAGES;
    const child = spawn(process.execPath, [BIN, 'feedback', 'cluster', ...args], {
      cwd: root,
      env: childEnv,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(root, name);
  writeFileSync(file, content);
  return file;
}

// Each case starts the command (tsx and jieba's dictionary): seconds each on a busy machine.
describe('opsplan feedback cluster', { timeout: 300_000 }, () => {
  it('prints exactly clusters and unclustered as JSON, every id once, the example topics apart', async () => {
    const file = path.join(root, 'examples.csv');
    copyFileSync(EXAMPLES, file);
    const result = await run([file, '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const output = JSON.parse(result.stdout) as {
      clusters: { label: string; terms: string[]; itemIds: string[] }[];
      unclustered: string[];
    };
    expect(Object.keys(output)).toEqual(['clusters', 'unclustered']);
    for (const cluster of output.clusters)
      expect(Object.keys(cluster)).toEqual(['label', 'terms', 'itemIds']);
    const ids = [...output.clusters.flatMap((cluster) => cluster.itemIds), ...output.unclustered];
    expect(ids.sort()).toEqual(
      Array.from({ length: 24 }, (_, index) => `e${String(index + 1).padStart(2, '0')}`),
    );
    const prefixes = output.clusters.map((cluster) => cluster.itemIds);
    expect(prefixes).toContainEqual(['e01', 'e02', 'e03', 'e04', 'e05', 'e06']);
    expect(prefixes).toContainEqual(['e07', 'e08', 'e09', 'e10', 'e11', 'e12']);
    const again = await run([file, '--json']);
    expect(again.stdout).toBe(result.stdout);
  });

  it('prints a table in the chosen language', async () => {
    const file = write(
      'table.csv',
      'id,text\n1,快递太慢\n2,物流太慢了\n3,Shipping is slow\n4,希望加个夜间模式\n',
    );
    const [zh, en] = await Promise.all([run([file, '--lang', 'zh']), run([file, '--lang', 'en'])]);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^共性问题 1 · 3 条 · /);
    expect(zh.stdout).toContain('未归入任何问题 · 1 条');
    expect(en.stdout).toMatch(/^Issue 1 · 3 items · /);
    expect(en.stdout).toContain('4 items: 1 clusters, 1 not clustered.');
  });

  it('exits 2 with one translated line for files it cannot use', async () => {
    const gbk = write(
      'gbk.csv',
      Uint8Array.from([...Buffer.from('id,text\n1,'), 0xc4, 0xe3, 0xba, 0xc3, 0x0a]),
    );
    const cases: [string[], RegExp][] = [
      [[path.join(root, 'missing.csv'), '--lang', 'en'], /cannot read .*missing\.csv: no such file/],
      [[root, '--lang', 'zh'], /无法读取 .*：这是一个文件夹/],
      [[write('empty.csv', ''), '--lang', 'en'], /empty\.csv is empty/],
      [[write('header.csv', 'id,text\r\n'), '--lang', 'zh'], /只有表头/],
      [
        [write('columns.csv', 'id,comment\n1,x\n'), '--lang', 'en'],
        /needs the columns id and text.*missing text/,
      ],
      [[gbk, '--lang', 'zh'], /GBK 编码.*--encoding gbk/],
      [[gbk, '--lang', 'en'], /GBK-encoded, not UTF-8/],
      [[EXAMPLES, '--threshold', '2'], /threshold/],
    ];
    const results = await Promise.all(cases.map(([args]) => run(args)));
    results.forEach((result, index) => {
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(cases[index]?.[1] ?? /never/);
    });
    for (const result of results.slice(0, 7)) expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reads GBK when asked, with a warning, and takes extra synonyms from a file', async () => {
    const gbk = write(
      'asked.csv',
      Uint8Array.from([...Buffer.from('id,text\n1,'), 0xc4, 0xe3, 0xba, 0xc3, 0x0a]),
    );
    const read = await run([gbk, '--encoding', 'gbk', '--json', '--lang', 'en']);
    expect(read.code).toBe(0);
    expect(read.stderr).toContain('read');
    expect(JSON.parse(read.stdout)).toEqual({ clusters: [], unclustered: ['1'] });
    const file = write(
      'words.csv',
      'id,text\n1,zorb is making noise\n2,flimflam beeps all night\n3,the weather\n',
    );
    const synonyms = write('synonyms.txt', '# our product names\nzorb, flimflam\n');
    const plain = JSON.parse((await run([file, '--json'])).stdout) as { unclustered: string[] };
    const withSynonyms = JSON.parse((await run([file, '--json', '--synonyms', synonyms])).stdout) as {
      clusters: { itemIds: string[] }[];
    };
    expect(plain.unclustered).toContain('1');
    expect(withSynonyms.clusters[0]?.itemIds).toEqual(['1', '2']);
  });
});
