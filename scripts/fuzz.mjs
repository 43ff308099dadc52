// `npm run fuzz`: the property tests with many more cases (FUZZ_RUNS, 1,000 unless set), on any
// shell: no POSIX variable syntax or globbing in package.json.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = join('out', 'test', 'unit');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.property.test.js'))
  .map((f) => join(dir, f));
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: process.env.FUZZ_RUNS || '1000' },
});
process.exit(result.status ?? 1);
