// Writes docs/plan.schema.json, the JSON Schema editors validate plan.yaml against; `--check` fails when stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { planJsonSchema } from '../src/core/plan/schema.ts';

const TARGET = 'docs/plan.schema.json';
const contents = `${JSON.stringify(planJsonSchema(), null, 2)}\n`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(TARGET, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== contents) {
    console.error(`${TARGET} is stale: run \`npm run plan-schema:generate\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${TARGET} is up to date.`);
} else {
  writeFileSync(TARGET, contents);
  console.log(`Wrote ${TARGET}.`);
}
