import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot, templateText } from '../support/documents';

// A second real editor: Debian's Neovim starts the bundled server over stdio as a user's config would.
// `.ci/run` installs Neovim; this test fails rather than skips when it is missing.
test('Neovim receives diagnostics at the right byte columns and the outline', () => {
  execFileSync('nvim', ['--version']);
  const dir = mkdtempSync(join(tmpdir(), 'blueprint-nvim-'));
  const file = join(dir, 'orders.md');
  const line = 'Owners: 注文チーム 🧾 and [Team Name] since 2024.';
  writeFileSync(file, templateText.replace('## Data Model', `${line}\n\n## Data Model`));
  const out = join(dir, 'result.json');
  const run = spawnSync('nvim', ['--headless', '--clean', '-u', join(repoRoot, 'test', 'protocol', 'neovim', 'blueprint-client.lua')], {
    env: {
      ...process.env,
      BLUEPRINT_NODE: process.execPath,
      BLUEPRINT_SERVER: join(repoRoot, 'dist', 'server.js'),
      BLUEPRINT_FILE: file,
      BLUEPRINT_NVIM_OUT: out,
    },
    timeout: 60_000,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(readFileSync(out, 'utf8')) as {
    diagnostics: Array<{ code: string; lnum: number; col: number; end_col: number }>;
    symbols: string[];
  };
  assert.equal(result.diagnostics.filter((d) => d.code === 'placeholder').length, 79);
  const lnum = templateText.split('\n').indexOf('## Data Model');
  const owner = result.diagnostics.find((d) => d.lnum === lnum);
  // Neovim counts columns in UTF-8 bytes; the server sent UTF-16 characters.
  const bytesBefore = Buffer.byteLength(line.slice(0, line.indexOf('[Team Name]')));
  assert.deepEqual(owner && [owner.col, owner.end_col], [bytesBefore, bytesBefore + '[Team Name]'.length]);
  assert.deepEqual(result.symbols.slice(0, 3), ['Data Blueprint: [Data System Name]', 'Purpose', 'Data Model']);
});
