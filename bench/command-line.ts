import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../test/support/documents';
import { generateBlueprint } from '../test/support/generate-blueprint';
import type { Figure } from './report';
import { median, now } from './statistics';

// `blueprint check` against markdownlint-cli2 (default rules), side by side on the same 1,000
// generated blueprints, both as a CI job runs them: a new process, every file read from disk.
// markdownlint parses with micromark too, so the parse is the floor both share.

const FILES = 1_000;
const LINES = 300;
const RUNS = 3;

interface Command {
  readonly name: string;
  readonly args: readonly string[];
}

/** Wall time of a command run in `cwd`, its output discarded; it must end with 0 or 1 (problems found), not crash. */
function wallTime(command: Command, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = now();
    const child = spawn(process.execPath, command.args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 || code === 1) resolve(now() - started);
      else reject(new Error(`${command.name} exited with ${code}: ${stderr.slice(0, 300)}`));
    });
  });
}

export async function commandLine(log: (message: string) => void): Promise<Figure[]> {
  const folder = mkdtempSync(join(tmpdir(), 'blueprint-bench-cli-'));
  try {
    log(`command line: writing ${FILES} generated ${LINES}-line blueprints`);
    for (let i = 0; i < FILES; i++) {
      const area = join(folder, 'docs', `area-${String(i % 20).padStart(2, '0')}`);
      mkdirSync(area, { recursive: true });
      writeFileSync(join(area, `blueprint-${i}.md`), generateBlueprint({ lines: LINES, seed: i + 1 }));
    }
    const cores = availableParallelism();
    const cli = join(repoRoot, 'dist', 'cli.js');
    const markdownlint: Command = {
      name: 'markdownlint-cli2',
      args: [join(repoRoot, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs'), 'docs/**/*.md'],
    };
    const threads = Array.from({ length: cores }, (_, i) => i + 1);
    const ours: Command[] = threads.map((n) => ({
      name: `blueprint check --concurrency ${n}`,
      args: [cli, 'check', 'docs', '--concurrency', String(n)],
    }));
    const all: Command = { name: 'blueprint check', args: [cli, 'check', 'docs'] };
    // What neither tool can go below: micromark's parse of every file, nothing done with its events.
    const floor: Command = { name: 'micromark parse alone', args: [join(repoRoot, 'out', 'bench', 'micromark-floor.bench.js'), 'docs'] };
    const commands = [markdownlint, floor, ...ours, all];
    const times = new Map<Command, number[]>(commands.map((c) => [c, []]));
    // Interleaved, so that whatever else the machine does weighs on every command alike.
    for (let run = 0; run < RUNS; run++) {
      for (const command of commands) {
        log(`command line: ${command.name} (run ${run + 1} of ${RUNS})`);
        times.get(command)!.push(await wallTime(command, folder));
      }
    }
    const at = (command: Command) => median(times.get(command)!);
    const baseline = { name: 'markdownlint-cli2, default rules', value: at(markdownlint) };
    const note = `${FILES} generated ${LINES}-line blueprints, median of ${RUNS} runs`;
    const single = ours[0]!;
    return [
      { name: 'Floor: micromark parse alone (GFM, one core, no rules)', value: at(floor), unit: 'ms', baseline, note },
      { name: 'blueprint check --concurrency 1', value: at(single), unit: 'ms', baseline, atMost: 1, note },
      { name: `blueprint check (all ${cores} cores, the default)`, value: at(all), unit: 'ms', baseline, atMost: 0.5, note },
      ...ours.slice(1).map((command, i) => ({
        name: `Scaling: ${command.name}`,
        value: at(command),
        unit: 'ms' as const,
        baseline: { name: 'blueprint check --concurrency 1', value: at(single) },
        note: `ideal ${(1 / (i + 2)).toFixed(2)}`,
      })),
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
