import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/documents';
import { parseMermaid } from '../support/mermaid-parser';

const architecture = readFileSync(join(repoRoot, 'ARCHITECTURE.md'), 'utf8');

test('the diagrams of ARCHITECTURE.md are Mermaid that Mermaid parses (GitHub draws them)', async () => {
  const blocks = [...architecture.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  assert.equal(blocks.length, 2, 'the pipeline and the layers');
  for (const block of blocks) assert.equal(await parseMermaid(block), 'flowchart-v2');
});

test('ARCHITECTURE.md names every folder of server/src, and every file it names exists', () => {
  const source = join(repoRoot, 'server', 'src');
  for (const folder of readdirSync(source).filter((name) => statSync(join(source, name)).isDirectory()))
    assert.ok(architecture.includes(`${folder}/`), `server/src/${folder}/ is not in ARCHITECTURE.md`);
  const named = new Set([...architecture.matchAll(/[\w./-]+\.(?:ts|mjs)\b/g)].map((m) => m[0]));
  const files = listFiles(join(repoRoot, 'server', 'src'))
    .concat(listFiles(join(repoRoot, 'client', 'src')))
    .concat(['eslint.config.mjs', 'scripts/build.mjs'].map((f) => join(repoRoot, f)))
    .map((file) => relative(repoRoot, file));
  for (const name of named)
    assert.ok(
      files.some((file) => file === name || file.endsWith(`/${name}`)),
      `${name} does not exist`,
    );
});

function listFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}
