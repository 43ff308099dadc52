import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { folderWith, runCli, runCliWithInput } from '../support/cli-runner';
import { fixture } from '../support/documents';

// `blueprint check --fix` applies exactly what fix-all on save applies (the server's safeFixEdits),
// writes each changed file at once, keeping what the file is, and reports what is left.

const filled = fixture('order-ledger.md');
const limits = "### Limits\nA single customer's orders must fit one shard. ![diagram](diagram.png)\n\n";
/** Three things fix-all fixes: a status in the wrong case, a date written another way, a missing subsection. */
const fixable = filled
  .replace('**Blueprint Status**: Review', '**Blueprint Status**: review')
  .replace('**Last Updated**: 2026-11-20', '**Last Updated**: 2026/11/5')
  .replace(limits, '');
/** What fix-all makes of it: the template's Limits subsection back, blank line after its heading, placeholder to fill. */
const fixed = filled
  .replace('**Last Updated**: 2026-11-20', '**Last Updated**: 2026-11-05')
  .replace(limits, '### Limits\n\n[What the system cannot scale beyond]\n\n');
const leftWarning = "ledger.md:172:1 warning placeholder Placeholder '[What the system cannot scale beyond]' is not filled in";

test('--fix writes the safe fixes, reports what is left, and a second run changes nothing', () => {
  const root = folderWith({ 'ledger.md': fixable, 'clean.md': filled });
  const clean = statSync(join(root, 'clean.md'));
  const run = runCli(['check', '--fix'], root);
  assert.equal(run.stderr, '');
  assert.equal(readFileSync(join(root, 'ledger.md'), 'utf8'), fixed);
  assert.equal(run.stdout, `${leftWarning}\n\nFixed 1 blueprint.\n1 problem (0 errors, 1 warning) in 2 blueprints.\n`);
  assert.equal(run.status, 0);
  // A file with nothing to fix is not written at all.
  const cleanAfter = statSync(join(root, 'clean.md'));
  assert.deepEqual([cleanAfter.ino, cleanAfter.mtimeMs], [clean.ino, clean.mtimeMs]);

  const fixedOnce = statSync(join(root, 'ledger.md'));
  const again = runCli(['check', '--fix'], root);
  assert.equal(again.stdout, `${leftWarning}\n\n1 problem (0 errors, 1 warning) in 2 blueprints.\n`);
  const fixedTwice = statSync(join(root, 'ledger.md'));
  assert.deepEqual([fixedTwice.ino, fixedTwice.mtimeMs], [fixedOnce.ino, fixedOnce.mtimeMs], 'nothing left to fix: not written again');
  assert.equal(runCli(['check', '--fix-dry-run'], root).stdout, '', 'and nothing to show');
  assert.deepEqual(readdirSync(root).sort(), ['clean.md', 'ledger.md'], 'no temporary file left behind');
});

test('--fix keeps what the file is: CRLF line breaks, a byte order mark, UTF-16, its permissions, a symbolic link', () => {
  const crlf = (text: string) => text.replace(/\n/g, '\r\n');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixable, 'utf16le')]);
  const root = folderWith({ 'crlf-bom.md': `\uFEFF${crlf(fixable)}`, 'target/ledger.md': fixable });
  writeFileSync(join(root, 'utf16.md'), utf16);
  chmodSync(join(root, 'crlf-bom.md'), 0o640);
  symlinkSync('target/ledger.md', join(root, 'link.md'));
  const run = runCli(['check', '--fix', 'crlf-bom.md', 'utf16.md', 'link.md'], root);
  assert.equal(run.stderr, '');
  assert.match(run.stdout, /Fixed 3 blueprints\./);

  const bytes = readFileSync(join(root, 'crlf-bom.md'));
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is kept');
  assert.equal(bytes.subarray(3).toString('utf8'), crlf(fixed), 'every line break CRLF, the inserted ones too');
  assert.equal(statSync(join(root, 'crlf-bom.md')).mode & 0o777, 0o640);

  const wide = readFileSync(join(root, 'utf16.md'));
  assert.deepEqual([...wide.subarray(0, 2)], [0xff, 0xfe]);
  assert.equal(wide.subarray(2).toString('utf16le'), fixed);

  assert.ok(lstatSync(join(root, 'link.md')).isSymbolicLink(), 'the link stays a link');
  assert.equal(readlinkSync(join(root, 'link.md')), 'target/ledger.md');
  assert.equal(readFileSync(join(root, 'target/ledger.md'), 'utf8'), fixed, 'its target is fixed');
  assert.deepEqual(readdirSync(root).sort(), ['crlf-bom.md', 'link.md', 'target', 'utf16.md']);
});

test('--fix-dry-run prints a unified diff that git applies, and writes nothing', () => {
  const root = folderWith({ 'docs/ledger.md': fixable });
  const run = runCli(['check', '--fix-dry-run'], root);
  assert.equal(readFileSync(join(root, 'docs/ledger.md'), 'utf8'), fixable, 'nothing written');
  assert.equal(run.stderr, '1 blueprint would be fixed.\n');
  assert.equal(run.status, 0, 'the exit code --fix would give: one warning left');
  const lines = run.stdout.split('\n');
  assert.deepEqual(lines.slice(0, 2), ['--- a/docs/ledger.md', '+++ b/docs/ledger.md']);
  assert.ok(lines.includes('+### Limits') && lines.includes('+[What the system cannot scale beyond]'));
  assert.ok(lines.includes('-**Blueprint Status**: review') && lines.includes('+**Blueprint Status**: Review'));
  assert.ok(lines.includes('-**Last Updated**: 2026/11/5') && lines.includes('+**Last Updated**: 2026-11-05'));
  writeFileSync(join(root, 'fix.patch'), run.stdout);
  const applied = spawnSync('git', ['apply', 'fix.patch'], { cwd: root, encoding: 'utf8' });
  assert.equal(applied.status, 0, applied.stderr);
  assert.equal(readFileSync(join(root, 'docs/ledger.md'), 'utf8'), fixed);
});

test('stdin: - checks the text piped in, named by --stdin-filename, with the settings of its folder', () => {
  const root = folderWith({ 'docs/.blueprintrc.json': '{ "diagnostics": { "placeholder": "error" } }', 'docs/ledger.md': '' });
  const text = filled.replace('The order ledger records', 'The [Ledger name] records');
  const named = runCliWithInput(['check', '-', '--stdin-filename', 'docs/ledger.md'], root, text);
  assert.equal(
    named.stdout,
    "docs/ledger.md:7:5 error placeholder Placeholder '[Ledger name]' is not filled in\n\n1 problem (1 error, 0 warnings) in 1 blueprint.\n",
  );
  assert.equal(named.status, 1);
  const unnamed = runCliWithInput(['check', '-', '--format', 'json'], root, text);
  assert.deepEqual(
    JSON.parse(unnamed.stdout).map((d: { file: string; severity: string }) => `${d.file} ${d.severity}`),
    ['<stdin> warning'],
    "the current folder's settings",
  );
  const notBlueprint = runCliWithInput(['check', '-'], root, '# Notes\n');
  assert.equal(notBlueprint.stderr, '<stdin>: not a blueprint, skipped\n');
  // With a byte order mark and CRLF, as an editor may pipe a buffer: positions as the editor counts them.
  const bom = runCliWithInput(['check', '-', '--format', 'json'], root, `\uFEFF${text.replace(/\n/g, '\r\n')}`);
  assert.deepEqual(
    JSON.parse(bom.stdout).map((d: { line: number; column: number }) => [d.line, d.column]),
    [[7, 5]],
  );
  const diff = runCliWithInput(['check', '-', '--fix-dry-run', '--stdin-filename', 'docs/ledger.md'], root, fixable);
  assert.match(diff.stdout, /^--- a\/docs\/ledger\.md\n\+\+\+ b\/docs\/ledger\.md\n@@ /);
  assert.equal(readFileSync(join(root, 'docs/ledger.md'), 'utf8'), '', 'the file of that name is never written');
});

test('--fix leaves a blueprint too large to analyse as it is, as fix-all on save does in the editor, and reports it too large', () => {
  const appendix = '\nA line of a very long appendix.\n'.repeat(600);
  const long = fixable + appendix;
  const root = folderWith({ '.blueprintrc.json': '{ "maxDocumentSize": 20000 }', 'ledger.md': long });
  const run = runCli(['check', '--fix', '--format', 'json'], root);
  assert.equal(run.stderr, '');
  assert.equal(readFileSync(join(root, 'ledger.md'), 'utf8'), long, 'not analysed, so nothing fixed');
  assert.deepEqual(
    JSON.parse(run.stdout).map((d: { file: string; line: number; code: string }) => `${d.file}:${d.line} ${d.code}`),
    ['ledger.md:1 too-large'],
  );
});
