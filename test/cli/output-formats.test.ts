import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import type * as XmlLint from 'xmllint-wasm';
import { folderWith, runCli } from '../support/cli-runner';
import { fixture, repoRoot } from '../support/documents';

// Every output format of `blueprint check`, through the built CLI as CI runs it.

const filled = fixture('order-ledger.md');
/** One placeholder back in the Purpose (line 7, columns 5–17): a warning in Review. */
const onePlaceholder = filled.replace('The order ledger records', 'The [Ledger name] records');
/** A status that is none of the template's values, quoting `%`, `,` and `:` in its message: an error on line 193. */
const badStatus = filled.replace('**Blueprint Status**: Review', '**Blueprint Status**: Review, 50%: pending');
const asDraft = (text: string) => text.replace('**Blueprint Status**: Review', '**Blueprint Status**: Draft');

test('diagnostics are sorted by file, then line and column, whatever order they are found in', () => {
  const twoPlaceholders = onePlaceholder.replace('**Author**: Ada Lovelace', '**Author**: [Name]');
  const root = folderWith({ 'z.md': onePlaceholder, 'a/b.md': twoPlaceholders, 'a.md': onePlaceholder });
  const found = JSON.parse(runCli(['check', '--format', 'json', 'z.md', 'a.md', 'a'], root).stdout) as Array<{
    file: string;
    line: number;
    column: number;
  }>;
  assert.deepEqual(
    found.map((d) => `${d.file}:${d.line}:${d.column}`),
    ['a.md:7:5', 'a/b.md:7:5', 'a/b.md:195:13', 'z.md:7:5'],
  );
});

test('--format github: one workflow command a line, errors first, every property and message escaped as the runner reads them', () => {
  const root = folderWith({
    'docs/ledger.md': onePlaceholder,
    // A file name holding what separates properties (`,` `:`) and what escapes them (`%`).
    'docs/q3, 100%: plan.md': badStatus,
    'docs/draft.md': asDraft(onePlaceholder),
    // Line breaks in a file name: were they printed, they would end the command and start another line.
    'docs/line\nbreak\r.md': onePlaceholder,
  });
  const weird = 'docs/line\nbreak\r.md';
  const run = runCli(['check', '--format', 'github'], root);
  assert.equal(run.status, 1);
  assert.equal(run.stderr, '');
  const lines = run.stdout.split('\n');
  assert.deepEqual(lines, [
    "::error file=docs/q3%2C 100%25%3A plan.md,line=193,col=23,endLine=193,endColumn=43,title=blueprint(invalid-status)::Blueprint Status 'Review, 50%25: pending' is not one of Draft, Review, Approved",
    "::warning file=docs/ledger.md,line=7,col=5,endLine=7,endColumn=18,title=blueprint(placeholder)::Placeholder '[Ledger name]' is not filled in",
    "::warning file=docs/line%0Abreak%0D.md,line=7,col=5,endLine=7,endColumn=18,title=blueprint(placeholder)::Placeholder '[Ledger name]' is not filled in",
    // A Draft's placeholders are hints: notices, last.
    "::notice file=docs/draft.md,line=7,col=5,endLine=7,endColumn=18,title=blueprint(placeholder)::Placeholder '[Ledger name]' is not filled in",
    '4 problems (1 error, 2 warnings, 1 information or hint) in 4 blueprints.',
    '',
  ]);
  // Each command line reads back to what it says: properties split on `,`, each value unescaped.
  for (const line of lines.filter((l) => l.startsWith('::'))) {
    const [, kind, properties, message] = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line)!;
    assert.ok(kind && message);
    const values = Object.fromEntries(
      properties!
        .split(',')
        .map((p) => p.split('='))
        .map(([k, v]) => [k, decodeURIComponent(v!)]),
    );
    assert.deepEqual(Object.keys(values), ['file', 'line', 'col', 'endLine', 'endColumn', 'title']);
    assert.ok(['docs/q3, 100%: plan.md', 'docs/ledger.md', weird, 'docs/draft.md'].includes(values['file']), values['file']);
  }
});

test('--format github names files from the repository checkout (GITHUB_WORKSPACE) when run in a subfolder', () => {
  const root = folderWith({ 'site/docs/ledger.md': onePlaceholder });
  const run = runCli(['check', '--format', 'github'], join(root, 'site'), { GITHUB_WORKSPACE: root });
  assert.match(run.stdout, /^::warning file=site\/docs\/ledger\.md,line=7,/);
});

test('--format junit: one suite per file, a failing case per diagnostic, valid against the Jenkins JUnit schema', async () => {
  const root = folderWith({
    'docs/ledger.md': onePlaceholder,
    'docs/clean.md': filled,
    // Markup and a control character in what the report quotes: escaped, the XML stays well-formed.
    'docs/<tags> & "quotes".md': onePlaceholder.replace('[Ledger name]', '[Ledger & "co" < 3\u0007]'),
    'docs/status.md': badStatus,
  });
  const run = runCli(['check', '--format', 'junit'], root);
  assert.equal(run.status, 1);
  const { validateXML } = createRequire(join(repoRoot, 'package.json'))('xmllint-wasm') as typeof XmlLint;
  const schema = readFileSync(join(repoRoot, 'test', 'cli', 'junit', 'jenkins-junit-4.xsd'), 'utf8');
  const validation = await validateXML({
    xml: [{ fileName: 'report.xml', contents: run.stdout }],
    schema: [{ fileName: 'junit.xsd', contents: schema }],
  });
  assert.deepEqual(validation.errors, []);
  assert.equal(validation.valid, true);
  const lines = run.stdout.split('\n');
  assert.equal(lines[0], '<?xml version="1.0" encoding="UTF-8"?>');
  assert.equal(lines[1], '<testsuites name="blueprint" tests="4" failures="3" errors="0">');
  assert.deepEqual(
    lines.filter((l) => l.includes('<testsuite ')),
    [
      '  <testsuite name="docs/&lt;tags&gt; &amp; &quot;quotes&quot;.md" tests="1" failures="1" errors="0">',
      '  <testsuite name="docs/clean.md" tests="1" failures="0" errors="0">',
      '  <testsuite name="docs/ledger.md" tests="1" failures="1" errors="0">',
      '  <testsuite name="docs/status.md" tests="1" failures="1" errors="0">',
    ],
  );
  assert.ok(lines.includes('    <testcase name="blueprint" classname="docs/clean.md"/>'), 'a clean file passes');
  assert.ok(
    lines.includes(
      '      <failure message="Placeholder \'[Ledger name]\' is not filled in" type="warning">docs/ledger.md:7:5 warning placeholder Placeholder \'[Ledger name]\' is not filled in</failure>',
    ),
  );
  assert.ok(
    run.stdout.includes('message="Placeholder \'[Ledger &amp; &quot;co&quot; &lt; 3\\u0007]\' is not filled in"'),
    'markup escaped, the bell written as an escape',
  );
});

test('--quiet reports errors only, --min-severity the chosen severity and above; what is not reported is not counted', () => {
  const root = folderWith({ 'ledger.md': onePlaceholder, 'status.md': badStatus, 'draft.md': asDraft(onePlaceholder) });
  const codes = (args: string[]) =>
    (JSON.parse(runCli(['check', '--format', 'json', ...args], root).stdout) as Array<{ file: string; severity: string }>).map(
      (d) => `${d.file} ${d.severity}`,
    );
  assert.deepEqual(codes([]), ['draft.md hint', 'ledger.md warning', 'status.md error']);
  assert.deepEqual(codes(['--quiet']), ['status.md error']);
  assert.deepEqual(codes(['--min-severity', 'error']), ['status.md error']);
  assert.deepEqual(codes(['--min-severity', 'warning']), ['ledger.md warning', 'status.md error']);
  assert.deepEqual(codes(['--min-severity=information']), ['ledger.md warning', 'status.md error']);
  const warnings = folderWith({ 'ledger.md': onePlaceholder });
  assert.equal(runCli(['check', '--max-warnings', '0'], warnings).status, 1);
  const quiet = runCli(['check', '--max-warnings', '0', '--quiet'], warnings);
  assert.equal(quiet.status, 0, 'warnings left out are not counted');
  assert.equal(quiet.stdout, '1 blueprint checked: no problems.\n');
});

test('colours follow --color, FORCE_COLOR and NO_COLOR as their conventions say', () => {
  const root = folderWith({ 'ledger.md': onePlaceholder });
  const coloured = (env: Record<string, string>, args: string[] = []) =>
    /\x1b\[33mwarning\x1b\[0m/.test(runCli(['check', ...args], root, env).stdout);
  // The runner's stdout is a pipe, not a terminal: no colours unless forced.
  assert.equal(coloured({ NO_COLOR: '' }), false, 'NO_COLOR empty counts as unset; a pipe gets no colours');
  for (const force of ['1', '2', '3', 'true', '']) assert.equal(coloured({ FORCE_COLOR: force }), true, `FORCE_COLOR=${force}`);
  assert.equal(coloured({ FORCE_COLOR: '1', NO_COLOR: '1' }), true, 'FORCE_COLOR wins over NO_COLOR');
  for (const off of ['0', 'false']) assert.equal(coloured({ FORCE_COLOR: off }), false, `FORCE_COLOR=${off}`);
  assert.equal(coloured({ NO_COLOR: '1' }, ['--color']), true, '--color wins over the environment');
  assert.equal(coloured({ FORCE_COLOR: '1' }, ['--no-color']), false, '--no-color wins over the environment');
});
