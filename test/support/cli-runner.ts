import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from './documents';

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** How long a CLI run may take before it counts as hung (a deadline, not a speed target). */
export const CLI_DEADLINE_MS = 60_000;

/** Runs the built dist/cli.js as a process in `cwd`, as CI would; a run past its deadline is killed and throws. */
export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}, deadlineMs = CLI_DEADLINE_MS): CliRun {
  return runCliWithInput(args, cwd, undefined, env, deadlineMs);
}

/** The same, with `input` on its stdin (a pipe, as an editor or a pre-commit hook pipes a buffer). */
export function runCliWithInput(
  args: readonly string[],
  cwd: string,
  input: string | Buffer | undefined,
  env: Record<string, string> = {},
  deadlineMs = CLI_DEADLINE_MS,
): CliRun {
  const result = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), ...args], {
    cwd,
    ...(input !== undefined ? { input } : {}),
    encoding: 'utf8',
    env: { ...withoutColourSettings(process.env), NO_COLOR: '1', ...env },
    timeout: deadlineMs,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error)
    throw new Error(`blueprint ${args.join(' ')} did not finish within ${deadlineMs} ms (${result.error.message})\n${result.stderr}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The test's own environment, less what would decide the CLI's colours for it (each test sets what it means). */
function withoutColourSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _force, NO_COLOR: _no, ...rest } = env;
  return rest;
}

/** Runs the CLI as a process without waiting for it, for runs that race each other. */
export function startCli(args: readonly string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'dist', 'cli.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`blueprint ${args.join(' ')} did not finish within ${CLI_DEADLINE_MS} ms`));
    }, CLI_DEADLINE_MS);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** A fresh folder holding the given files (paths relative to it, folders made as needed). */
export function folderWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'blueprint-cli-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
