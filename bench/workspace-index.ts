import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkspaceSummary } from '../server/src/protocol';
import { repoRoot } from '../test/support/documents';
import { generateBlueprint } from '../test/support/generate-blueprint';
import { LspClient } from '../test/support/lsp-client';
import { startInWorkspace } from '../test/support/workspace-client';
import type { Figure } from './report';
import { median, now } from './statistics';

// The language server's workspace index against `blueprint check` of the same files, side by side
// in one run: 1,000 generated 300-line blueprints written to a temporary folder; check on one
// thread (a new process, as a CI job runs it), the index from `initialized` until the summary says
// it has read every file. Then what the index adds to an idle server's memory.

const FILES = 1_000;
const LINES = 300;
const RUNS = 3;
/** How long the server is left idle before its memory is read: its idle collection gives back what the build allocated. */
const SETTLE_MS = 12_000;

function rssOf(client: LspClient): number {
  const status = readFileSync(`/proc/${client.process.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)![1]) * 1024;
}

function checkTime(folder: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = now();
    const child = spawn(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'check', '--concurrency', '1'], {
      cwd: folder,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 || code === 1 ? resolve(now() - started) : reject(new Error(`blueprint check exited with ${code}`)),
    );
  });
}

/** A server on `folder`, timed from `initialized` until its index holds `files` blueprints. */
async function indexTime(folder: string, files: number): Promise<{ ms: number; client: LspClient }> {
  const clients: LspClient[] = [];
  const started = now();
  const { client } = await startInWorkspace(folder, clients, {}, () => new LspClient());
  for (;;) {
    const summary = await client.request<WorkspaceSummary>('blueprint/workspaceSummary', {});
    if (!summary.indexing && summary.blueprints.length >= files) return { ms: now() - started, client };
    // Asked now and then: each answer summarises every file, which would slow the index it measures.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function workspaceIndex(log: (message: string) => void): Promise<Figure[]> {
  const folder = mkdtempSync(join(tmpdir(), 'blueprint-bench-index-'));
  const empty = mkdtempSync(join(tmpdir(), 'blueprint-bench-empty-'));
  try {
    log(`workspace index: writing ${FILES} generated ${LINES}-line blueprints`);
    mkdirSync(join(folder, '.git'));
    for (let i = 0; i < FILES; i++) {
      const area = join(folder, 'docs', `area-${String(i % 20).padStart(2, '0')}`);
      mkdirSync(area, { recursive: true });
      writeFileSync(join(area, `blueprint-${i}.md`), generateBlueprint({ lines: LINES, seed: i + 1 }));
    }
    const checks: number[] = [];
    const indexes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      log(`workspace index: blueprint check --concurrency 1 (run ${run + 1} of ${RUNS})`);
      checks.push(await checkTime(folder));
      log(`workspace index: the server's index (run ${run + 1} of ${RUNS})`);
      const { ms, client } = await indexTime(folder, FILES);
      indexes.push(ms);
      await client.stop();
    }
    log('workspace index: memory of an idle server, without and with the index');
    const bare = await indexTime(empty, 0);
    const indexed = await indexTime(folder, FILES);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const bareRss = rssOf(bare.client);
    const indexedRss = rssOf(indexed.client);
    await Promise.all([bare.client.stop(), indexed.client.stop()]);
    const note = `${FILES} generated ${LINES}-line blueprints, median of ${RUNS} runs`;
    return [
      {
        name: `Workspace index of ${FILES} blueprints, from \`initialized\` to every file read`,
        value: median(indexes),
        unit: 'ms',
        baseline: { name: 'blueprint check --concurrency 1, same files', value: median(checks) },
        atMost: 1.2,
        note,
      },
      {
        name: `RSS the workspace index of ${FILES} blueprints adds, server idle for ${SETTLE_MS / 1000} s`,
        value: (indexedRss - bareRss) / 1e6,
        unit: 'MB',
        atMost: 60,
        note: `against a server on an empty folder (${(bareRss / 1e6).toFixed(1)} MB)`,
      },
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  }
}
