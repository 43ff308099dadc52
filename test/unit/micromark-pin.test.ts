import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/documents';

// micromark 4.0.3 copies the whole event array at every closing list or block quote, which makes
// parsing super-linear (a 10,000-line blueprint takes twice as long). 4.0.2 gives identical trees.
// Drop the pin, and this test, once a fixed release exists.
const PINNED = '4.0.2';

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

test('package.json pins micromark through overrides', () => {
  const manifest = readJson(join(repoRoot, 'package.json')) as { overrides?: Record<string, string> };
  assert.equal(manifest.overrides?.['micromark'], PINNED);
});

test('every micromark in the lock file and on disk is the pinned version', () => {
  const lock = readJson(join(repoRoot, 'package-lock.json')) as { packages: Record<string, { version?: string }> };
  const copies = Object.entries(lock.packages).filter(([path]) => /(?:^|\/)node_modules\/micromark$/.test(path));
  assert.ok(copies.length > 0, 'the lock file lists micromark');
  for (const [path, entry] of copies) {
    assert.equal(entry.version, PINNED, `${path} in package-lock.json`);
    assert.equal((readJson(join(repoRoot, path, 'package.json')) as { version: string }).version, PINNED, `${path} installed`);
  }
});
