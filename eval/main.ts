/**
 * `npm run eval -- <task> <input> [options]`: one file per task in this folder, each exporting
 * `run(args: string[]): Promise<object>`; the metrics are printed as one JSON object on stdout.
 */
import { readdirSync } from 'node:fs';

const [task, ...args] = process.argv.slice(2);
const tasks = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.ts') && f !== 'main.ts' && !f.endsWith('.test.ts') && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));
if (!task || !tasks.includes(task)) {
  process.stderr.write(`usage: npm run eval -- <${tasks.join('|')}> <input> [options]\n`);
  process.exit(2);
}
const module = (await import(`./${task}.ts`)) as { run(args: string[]): Promise<object> };
process.stdout.write(`${JSON.stringify(await module.run(args))}\n`);
