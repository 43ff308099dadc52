import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { apiTemplate, paymentsApi } from '../support/api-template';
import { folderWith, runCli, startCli } from '../support/cli-runner';
import { fixture } from '../support/documents';
import {
  makeFifo,
  makeFoldersTooDeep,
  makeLink,
  makeSparseFile,
  manySectionBlueprint,
  manySectionTemplate,
  RUNNING_AS_ROOT,
} from '../support/hostile-files';
import { DIAGNOSTIC_DEFAULTS } from '../../server/src/diagnostic-codes';

// A cloned repository may hold anything: each test builds one that does, in a temporary folder, and
// runs the built CLI on it with a deadline. Nothing may hang, crash or print a stack trace; what
// cannot be checked is named, with exit code 2, and everything else is still checked.

const filled = fixture('order-ledger.md');
const onePlaceholder = filled.replace('The order ledger records', 'The [Ledger name] records');
const ledgerWarning = "docs/ledger.md:7:5 warning placeholder Placeholder '[Ledger name]' is not filled in";
const STACK_FRAME = /^\s+at .+\(.*:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;

test('FIFOs, links to /dev/zero and to nothing, in documents and templates: each named, the rest checked, nothing hangs', () => {
  const root = folderWith({
    '.git/HEAD': '',
    'docs/ledger.md': onePlaceholder,
    '.blueprints/api-blueprint.md': apiTemplate,
    'docs/payments.md': paymentsApi,
  });
  makeFifo(join(root, 'docs/fifo.md'));
  makeLink('/dev/zero', join(root, 'docs/zero.md'));
  makeLink('missing.md', join(root, 'docs/dangling.md'));
  makeFifo(join(root, '.blueprints/fifo.md'));
  makeLink('/dev/zero', join(root, '.blueprints/zero.md'));
  const run = runCli(['check'], root);
  // Sorted by file, then position.
  assert.equal(
    run.stdout,
    [
      '.blueprints/fifo.md:1:1 error invalid-template This template cannot be read: it is a FIFO, not a regular file; this template is not used until it is fixed',
      '.blueprints/zero.md:1:1 error invalid-template This template cannot be read: it is a character device, not a regular file; this template is not used until it is fixed',
      ledgerWarning,
      "docs/payments.md:11:1 warning placeholder Placeholder '[Error format]' is not filled in",
      '',
      '4 problems (2 errors, 2 warnings) in 4 blueprints.',
      '',
    ].join('\n'),
  );
  assert.equal(
    run.stderr,
    [
      'docs/dangling.md: is a symbolic link to nothing (its target does not exist); not checked',
      'docs/fifo.md: is a FIFO, not a regular file; not checked',
      'docs/zero.md: is a character device, not a regular file; not checked',
      '',
    ].join('\n'),
  );
  assert.equal(run.status, 2);
});

test('a .blueprintrc.json that is a FIFO, /dev/zero or a link to another file is reported without a word of that file, and its settings are not used', () => {
  const secret = 'DATABASE_PASSWORD=hunter2-very-secret\n';
  for (const make of [
    (rc: string) => makeFifo(rc),
    (rc: string) => makeLink('/dev/zero', rc),
    (rc: string, root: string) => {
      writeFileSync(join(root, 'secret.env'), secret);
      makeLink('secret.env', rc);
    },
  ]) {
    const root = folderWith({ 'docs/ledger.md': onePlaceholder });
    make(join(root, '.blueprintrc.json'), root);
    const run = runCli(['check'], root);
    assert.equal(run.stdout, `${ledgerWarning}\n\n1 problem (0 errors, 1 warning) in 1 blueprint.\n`);
    assert.match(
      run.stderr,
      /^error: .*\/\.blueprintrc\.json: (is a FIFO, not a regular file; not read|is a character device, not a regular file; not read|not valid JSON \(unexpected character at line 1, column 1\)); its settings are not used\n$/,
    );
    assert.ok(!run.stderr.includes('DATABASE') && !run.stderr.includes('hunter2'), run.stderr);
    assert.equal(run.status, 2);
  }
});

test('a .gitignore that is a FIFO is named and its rules not applied; a huge file is never read whole; a huge blueprint is too large', () => {
  const root = folderWith({ 'docs/ledger.md': onePlaceholder, '.git/HEAD': '' });
  makeFifo(join(root, 'docs/.gitignore'));
  // Five gigabytes that take no disk space: read whole, they would exhaust the memory.
  makeSparseFile(join(root, 'docs/huge.md'), 5 * 1024 ** 3);
  // A blueprint's title, then four gigabytes: too large to check, and said so from its first bytes.
  writeFileSync(join(root, 'docs/sparse.blueprint.md'), '# Data Blueprint: Sparse\n\n');
  makeSparseFileAfter(join(root, 'docs/sparse.blueprint.md'), 4 * 1024 ** 3);
  const run = runCli(['check', '--format', 'json'], root);
  assert.equal(run.stderr, 'docs/.gitignore: is a FIFO, not a regular file; its rules are not applied; not checked\n');
  const found = JSON.parse(run.stdout) as Array<{ file: string; code: string; message: string }>;
  assert.deepEqual(
    found.filter((d) => d.file === 'docs/sparse.blueprint.md'),
    [
      {
        file: 'docs/sparse.blueprint.md',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 25,
        severity: 'warning',
        code: 'too-large',
        message:
          'This blueprint has 4,294,967,296 bytes, more than blueprint.maxDocumentSize (1,000,000): it is not checked. Split it, or raise the setting.',
      },
    ],
  );
  assert.ok(!found.some((d) => d.file === 'docs/huge.md'), 'five gigabytes of zero bytes are no blueprint');
  assert.equal(run.status, 2);
});

/** Makes a file `bytes` long, keeping what it starts with. */
function makeSparseFileAfter(path: string, bytes: number): void {
  const head = readFileSync(path);
  makeSparseFile(path, bytes);
  writeFileSync(path, head, { flag: 'r+' });
}

test('a name too long and folders nested past the path limit are named; the other files are still checked', () => {
  const root = folderWith({ 'docs/ledger.md': onePlaceholder });
  const deep = makeFoldersTooDeep(join(root, 'docs'), onePlaceholder);
  const tooLong = `${'x'.repeat(300)}.md`;
  const run = runCli(['check', 'docs', tooLong], root);
  assert.equal(run.stdout, `${ledgerWarning}\n\n1 problem (0 errors, 1 warning) in 1 blueprint.\n`);
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 2, run.stderr);
  assert.match(
    lines[0]!,
    new RegExp(`^docs/${deep}/(${deep}/)+${deep}: cannot be listed: its name is too long for the file system; not checked$`),
  );
  assert.equal(lines[1], `${tooLong}: cannot be opened: its name is too long for the file system; not checked`);
  assert.doesNotMatch(run.stderr, STACK_FRAME);
  assert.equal(run.status, 2);
});

test('an unreadable folder and an unreadable file are named; the rest is checked (not testable as root, who reads everything)', (t) => {
  if (RUNNING_AS_ROOT) {
    t.skip('running as root: file modes do not stop root from reading');
    return;
  }
  const root = folderWith({ 'docs/ledger.md': onePlaceholder, 'locked/a.md': onePlaceholder, 'docs/secret.blueprint.md': onePlaceholder });
  chmodSync(join(root, 'locked'), 0o000);
  chmodSync(join(root, 'docs/secret.blueprint.md'), 0o000);
  try {
    const run = runCli(['check'], root);
    assert.equal(run.stdout, `${ledgerWarning}\n\n1 problem (0 errors, 1 warning) in 1 blueprint.\n`);
    assert.equal(
      run.stderr,
      'locked: cannot be listed: permission denied; not checked\ndocs/secret.blueprint.md: cannot be opened: permission denied; not checked\n',
    );
    assert.equal(run.status, 2);
  } finally {
    chmodSync(join(root, 'locked'), 0o755);
  }
});

test('control characters in file names and documents are escaped in the terminal output', () => {
  const evilName = 'evil\u001b[2J\u001b[31mred\nname\u202e.md';
  const root = folderWith({ [`docs/${evilName}`]: onePlaceholder.replace('[Ledger name]', '[Ledger\u001bc\u0007\b name]') });
  const run = runCli(['check', '--color'], root);
  const printed = run.stdout.replace(/\u001b\[(?:0|1|2|31|33|36|90)m/g, '');
  assert.doesNotMatch(printed, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/, 'only our own colours and line breaks');
  assert.match(
    printed,
    /^docs\/evil\\x1b\[2J\\x1b\[31mred\\nname\\u202e\.md:7:5 warning placeholder Placeholder '\[Ledger\\x1bc\\x07\\x08 name\]' is not filled in$/m,
  );
});

test('SARIF URIs are percent-encoded: #, ?, %, spaces and non-ASCII cannot change what they name', () => {
  const root = folderWith({ 'docs/a#b?c%d.md': onePlaceholder, 'docs/Übersicht file.md': onePlaceholder, 'docs/x:y.md': onePlaceholder });
  const log = JSON.parse(runCli(['check', '--format', 'sarif'], root).stdout);
  const uris = log.runs[0].results.map(
    (r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
      r.locations[0]!.physicalLocation.artifactLocation.uri,
  );
  assert.deepEqual(uris, ['docs/a%23b%3Fc%25d.md', 'docs/x%3Ay.md', 'docs/%C3%9Cbersicht%20file.md']);
  for (const uri of uris)
    assert.equal(decodeURIComponent(new URL(uri, 'file:///repo/').pathname.slice('/repo/'.length)).startsWith('docs/'), true);
});

test('UTF-8 with a BOM and UTF-16 LE and BE with a BOM are read as an editor reads them: the same diagnostics at the same columns', () => {
  const titled = onePlaceholder.replace('# Data Blueprint: Order Ledger', '# Data Blueprint: [Ledger]');
  const utf16be = Buffer.from('\ufeff' + titled, 'utf16le');
  utf16be.swap16();
  const root = folderWith({});
  writeFileSync(join(root, 'plain.md'), titled);
  writeFileSync(join(root, 'bom8.md'), '\ufeff' + titled);
  writeFileSync(join(root, 'bom16le.md'), Buffer.from('\ufeff' + titled, 'utf16le'));
  writeFileSync(join(root, 'bom16be.md'), utf16be);
  const found = JSON.parse(runCli(['check', '--format', 'json'], root).stdout) as Array<{
    file: string;
    line: number;
    column: number;
    endColumn: number;
    code: string;
  }>;
  const of = (file: string) => found.filter((d) => d.file === file).map(({ file: _file, ...rest }) => rest);
  assert.deepEqual(
    of('plain.md')
      .slice(0, 2)
      .map((d) => [d.line, d.column, d.endColumn, d.code]),
    [
      [1, 19, 27, 'placeholder'],
      [7, 5, 18, 'placeholder'],
    ],
  );
  for (const file of ['bom8.md', 'bom16le.md', 'bom16be.md']) assert.deepEqual(of(file), of('plain.md'), file);
  const sarif = JSON.parse(runCli(['check', '--format', 'sarif', 'bom8.md'], root).stdout);
  assert.deepEqual(sarif.runs[0].results[0].locations[0].physicalLocation.region, {
    startLine: 1,
    startColumn: 19,
    endLine: 1,
    endColumn: 27,
  });
});

test('nested .gitignore files behave as in git: a deeper negation re-includes, but nothing inside an excluded folder comes back', () => {
  const root = folderWith({
    '.git/HEAD': '',
    '.gitignore': '*.draft.md\nbuild/\n',
    'docs/.gitignore': '!keep.draft.md\n',
    'docs/keep.draft.md': onePlaceholder,
    'docs/other.draft.md': onePlaceholder,
    'build/.gitignore': '!kept.md\n',
    'build/kept.md': onePlaceholder,
    'notes/.gitignore': '*.md\n!important.md\n',
    'notes/important.md': onePlaceholder,
    'notes/scratch.md': onePlaceholder,
  });
  const files = [
    ...new Set((JSON.parse(runCli(['check', '--format', 'json'], root).stdout) as Array<{ file: string }>).map((d) => d.file)),
  ];
  assert.deepEqual(files, ['docs/keep.draft.md', 'notes/important.md']);
});

test('blueprint new: a name with a newline cannot add a heading; concurrent runs racing for one file: one writes it, the others say so', async () => {
  const root = folderWith({ '.blueprintrc.json': '{ "author": "Grace Hopper" }' });
  const run = runCli(['new', 'data', 'Evil\n## Injected\r\nSection\u2028End'], root);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, 'Created evil-injected-section-end.blueprint.md\n');
  const written = readFileSync(join(root, 'evil-injected-section-end.blueprint.md'), 'utf8');
  assert.equal(written.split('\n')[0], '# Data Blueprint: Evil ## Injected Section End');
  assert.ok(!written.split('\n').some((line) => line.startsWith('## Injected')));

  const runs = await Promise.all(Array.from({ length: 6 }, () => startCli(['new', 'data', 'Race'], root)));
  assert.deepEqual(runs.map((r) => r.status).sort(), [0, 1, 1, 1, 1, 1]);
  for (const loser of runs.filter((r) => r.status === 1))
    assert.match(
      loser.stderr,
      /^blueprint: .*race\.blueprint\.md already exists; not overwriting it\. Choose another name or --output\.\n$/,
    );
  assert.ok(runs.every((r) => !STACK_FRAME.test(r.stderr)));
  assert.equal(readdirSync(root).filter((f) => f.startsWith('race')).length, 1);

  const tooLong = runCli(['new', 'data', 'y'.repeat(300)], root);
  assert.equal(tooLong.status, 2);
  assert.match(tooLong.stderr, /^blueprint: .*y{300}\.blueprint\.md cannot be written: its name is too long for the file system\n$/);
});

test('an invalid value in .blueprintrc.json is reported with the file and the key (exit 2), not silently replaced by its default', () => {
  const root = folderWith({
    '.blueprintrc.json': JSON.stringify({ diagnostics: { placeholder: 'warn', placeholdr: 'off' }, maxDocumentSize: 'big' }),
    'docs/ledger.md': onePlaceholder,
  });
  const run = runCli(['check'], root);
  assert.equal(run.stdout, `${ledgerWarning}\n\n1 problem (0 errors, 1 warning) in 1 blueprint.\n`);
  const rc = join(root, '.blueprintrc.json');
  assert.equal(
    run.stderr,
    [
      `error: ${rc}:1:31: diagnostics.placeholder: "warn" is not a severity (error, warning, information, hint, off); the default applies`,
      `error: ${rc}:1:38: diagnostics.placeholdr: is not a diagnostic code (codes: ${[...Object.keys(DIAGNOSTIC_DEFAULTS), 'scope'].join(', ')})`,
      `error: ${rc}:1:76: maxDocumentSize: "big" is not a number above 0; the default (1000000) applies`,
      '',
    ].join('\n'),
  );
  assert.equal(run.status, 2);
});

test('the rc file lookup stops at the repository root: a .blueprintrc.json above it is not read', () => {
  const outer = folderWith({
    '.blueprintrc.json': '{ "diagnostics": { "placeholder": "off" }, "templates": { "folder": "kinds" } }',
    'repo/.git/HEAD': '',
    'repo/docs/ledger.md': onePlaceholder,
  });
  const run = runCli(['check'], join(outer, 'repo'));
  assert.equal(run.stdout, `${ledgerWarning}\n\n1 problem (0 errors, 1 warning) in 1 blueprint.\n`);
  assert.equal(run.status, 0);
  assert.ok(existsSync(join(outer, '.blueprintrc.json')));
});

test('a template of 20,000 tiny sections is read in linear time, and a blueprint of it checked', () => {
  const root = folderWith({
    '.blueprints/big.md': manySectionTemplate(20_000),
    'stress.md': manySectionBlueprint(20_000),
    'docs/ledger.md': onePlaceholder,
  });
  const run = runCli(['check', '--format', 'json'], root);
  assert.equal(run.status, 0, run.stderr);
  const found = JSON.parse(run.stdout) as Array<{ file: string; code: string; message: string }>;
  assert.deepEqual(
    found.filter((d) => d.file === 'stress.md').map((d) => [d.code, d.message]),
    [['missing-section', "Missing section 'Part 19999'"]],
  );
  assert.equal(found.filter((d) => d.file === 'docs/ledger.md').length, 1);
});
