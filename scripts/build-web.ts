// Builds the browser programs (widget.js, the staff console) with Vite when their output is missing or older than
// their sources; `--force` always builds. Run by `npm start` so a fresh clone serves them without a separate step.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isStale } from './stale.js';

const force = process.argv.includes('--force');


const targets = [
  { name: 'widget', config: 'vite.widget.config.ts', output: 'dist/public/widget.js', sources: ['widget/src', 'server/contract.ts', 'vite.widget.config.ts'] },
  { name: 'staff console', config: 'vite.admin.config.ts', output: 'dist/public/admin/index.html', sources: ['widget/admin', 'widget/src', 'server/contract.ts', 'vite.admin.config.ts'] },
];

for (const t of targets) {
  if (!existsSync(t.config)) continue;
  const stale = force || isStale(t.output, t.sources);
  if (!stale) continue;
  console.log(`building the ${t.name} (${t.config})`);
  const result = spawnSync('npx', ['vite', 'build', '-c', t.config, '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`building the ${t.name} failed`);
    process.exit(result.status ?? 1);
  }
}
