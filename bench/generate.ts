// `npm run bench:data -- --scale small|medium|large --db sqlite|postgres [--database-url URL] [--data-dir DIR] [--force]`
import { parseArgs } from './lib/args.ts';
import { parseScale, resolveTarget } from './lib/target.ts';
import { ensureWorkspace } from './data/workspace.ts';

const args = parseArgs(process.argv.slice(2));
const scale = parseScale(args.string('scale'));
const info = await ensureWorkspace(resolveTarget(args, scale), scale, { force: args.flag('force') });
console.log(
  JSON.stringify({ workspaceId: info.workspaceId, email: info.email, counts: info.counts }, null, 2),
);
