/**
 * `npm run bench -- <concern> [options]`: one file per concern in this folder, each exporting
 * `run(args: string[]): Promise<void>` that prints its table (peers side by side, with ratios).
 */
import { readdirSync } from 'node:fs';

const [concern, ...args] = process.argv.slice(2);
const concerns = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.ts') && f !== 'main.ts' && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));
if (!concern || !concerns.includes(concern)) {
  process.stderr.write(`usage: npm run bench -- <${concerns.join('|')}> [options]\n`);
  process.exit(2);
}
const module = (await import(`./${concern}.ts`)) as { run(args: string[]): Promise<void> };
await module.run(args);
