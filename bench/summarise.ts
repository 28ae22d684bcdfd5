// Prints Markdown tables from result files, for BENCHMARKS.md: `npx tsx bench/summarise.ts bench/results/<file>.json…`
import { readFileSync } from 'node:fs';

type Load = {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  serverRssMb: number | null;
};
type Level = {
  app: Load;
  bareHttp: Load;
  directSql: { opsPerSecond: number } | null;
  ceilingRatio: number;
  floorRatio: number | null;
};
type Result = {
  scale: string;
  db: string;
  endpoints: Record<string, { responseBytes: number; queries: number | null; levels: Record<string, Level> }>;
  twoInstances: Record<
    string,
    { oneInstanceRps: number; twoInstancesRps: number; twoToOneRatio: number }
  > | null;
};

const number = (value: number | null | undefined, digits = 0) =>
  value === null || value === undefined
    ? '—'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

for (const file of process.argv.slice(2)) {
  const result = JSON.parse(readFileSync(file, 'utf8')) as Result;
  console.log(`\n#### ${result.scale} · ${result.db}\n`);
  console.log(
    '| endpoint | bytes | SQL | c | req/s | p50 ms | p99 ms | err/non-2xx | RSS MB | ÷ bare http | ÷ direct SQL |',
  );
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const [name, endpoint] of Object.entries(result.endpoints)) {
    for (const [connections, level] of Object.entries(endpoint.levels)) {
      console.log(
        `| ${name} | ${number(endpoint.responseBytes)} | ${endpoint.queries ?? '—'} | ${connections} | ${number(level.app.requestsPerSecond, 1)} | ${level.app.p50Ms} | ${level.app.p99Ms} | ${level.app.errors + level.app.non2xx} | ${number(level.app.serverRssMb)} | ${number(level.ceilingRatio, 3)} | ${number(level.floorRatio, 3)} |`,
      );
    }
  }
  if (result.twoInstances) {
    console.log(
      '\n| endpoint (c=64 total) | one instance req/s | two instances req/s | two ÷ one |\n|---|--:|--:|--:|',
    );
    for (const [name, item] of Object.entries(result.twoInstances)) {
      console.log(
        `| ${name} | ${number(item.oneInstanceRps, 1)} | ${number(item.twoInstancesRps, 1)} | ${number(item.twoToOneRatio, 2)} |`,
      );
    }
  }
}
