import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { apiTemplate, paymentsApi } from '../support/api-template';
import { folderWith, runCli } from '../support/cli-runner';
import { fixture, writtenTemplateText } from '../support/documents';
import { filledBlueprint } from '../support/filled-blueprint';

const filled = fixture('order-ledger.md');
/** The filled blueprint with one placeholder back in its Purpose (line 7, columns 5–17). */
const onePlaceholder = filled.replace('The order ledger records', 'The [Ledger name] records');
const approved = (text: string) => text.replace('**Blueprint Status**: Review', '**Blueprint Status**: Approved');
const draft = (text: string) => text.replace('**Blueprint Status**: Review', '**Blueprint Status**: Draft');

test('check finds blueprints by title and by name, honours .gitignore, and prints file:line:col severity code message', () => {
  const root = folderWith({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.gitignore': 'build/\n',
    'docs/ledger.md': onePlaceholder,
    'docs/notes.md': '# Meeting notes\n\n[not a placeholder: not a blueprint]\n',
    'docs/empty.blueprint.md': filled,
    'build/copy.md': onePlaceholder,
    'node_modules/pkg/readme.md': onePlaceholder,
  });
  const run = runCli(['check'], root);
  assert.equal(
    run.stdout,
    [
      "docs/ledger.md:7:5 warning placeholder Placeholder '[Ledger name]' is not filled in",
      '',
      '1 problem (0 errors, 1 warning) in 2 blueprints.',
      '',
    ].join('\n'),
  );
  assert.equal(run.status, 0);
  assert.equal(run.stderr, '');
});

test('a .gitignore in a parent folder of the repository applies when checking a subfolder', () => {
  const root = folderWith({ '.git/HEAD': '', '.gitignore': 'drafts/\n', 'docs/drafts/x.md': onePlaceholder, 'docs/ok.md': filled });
  const run = runCli(['check'], join(root, 'docs'));
  assert.equal(run.stdout, '1 blueprint checked: no problems.\n');
  assert.equal(run.status, 0);
});

test('errors make the exit code 1; an approved blueprint with holes is an error', () => {
  const root = folderWith({ 'ledger.md': approved(onePlaceholder) });
  const run = runCli(['check'], root);
  assert.match(run.stdout, /^ledger\.md:7:5 error placeholder Placeholder '\[Ledger name\]' is not filled in$/m);
  assert.equal(run.status, 1);
});

test('a draft reports its placeholders as hints, and does not fail the check', () => {
  const root = folderWith({ 'ledger.md': draft(onePlaceholder) });
  const run = runCli(['check', '--max-warnings', '0'], root);
  assert.match(run.stdout, /^ledger\.md:7:5 hint placeholder /m);
  assert.equal(run.status, 0);
});

test('--max-warnings N fails the check only past N warnings', () => {
  const root = folderWith({ 'a.md': onePlaceholder, 'b.md': onePlaceholder });
  assert.equal(runCli(['check', '--max-warnings', '2'], root).status, 0);
  const over = runCli(['check', '--max-warnings=1'], root);
  assert.equal(over.status, 1);
  assert.match(over.stderr, /Too many warnings: more than --max-warnings 1/);
});

test('paths, folders and globs choose what is checked; files named explicitly are checked even when ignored', () => {
  const root = folderWith({
    '.git/HEAD': '',
    '.gitignore': 'ignored.md\n',
    'a/one.md': onePlaceholder,
    'b/two.md': onePlaceholder,
    'b/deep/three.blueprint.md': onePlaceholder,
    'ignored.md': onePlaceholder,
    'top.md': onePlaceholder,
  });
  const files = (args: string[]) => [
    ...new Set(JSON.parse(runCli(['check', '--format', 'json', ...args], root).stdout).map((d: { file: string }) => d.file)),
  ];
  assert.deepEqual(files(['a']), ['a/one.md']);
  assert.deepEqual(files(['b/two.md', 'ignored.md']), ['b/two.md', 'ignored.md']);
  assert.deepEqual(files(['b/**/*.blueprint.md']), ['b/deep/three.blueprint.md']);
  // picomatch: `*` stays in its folder, `**` crosses folders, braces choose, `!` leaves out.
  assert.deepEqual(files(['*.md']), ['top.md'], '.gitignore still applies to globs');
  assert.deepEqual(files(['**/*.md']), ['a/one.md', 'b/deep/three.blueprint.md', 'b/two.md', 'top.md']);
  assert.deepEqual(files(['{a,b}/*.md']), ['a/one.md', 'b/two.md']);
  assert.deepEqual(files(['**/*.md', '!b/deep']), ['a/one.md', 'b/two.md', 'top.md']);
  assert.deepEqual(files(['.', '!**/two.md', '!top.md']), ['a/one.md', 'b/deep/three.blueprint.md']);
  assert.deepEqual(files([join(root, 'b', '**', '*.md')]), ['b/deep/three.blueprint.md', 'b/two.md'], 'an absolute glob');
});

test('a named file that is not a blueprint is skipped with a note', () => {
  const root = folderWith({ 'notes.md': '# Notes\n' });
  const run = runCli(['check', 'notes.md'], root);
  assert.equal(run.status, 0);
  assert.equal(run.stderr, 'notes.md: not a blueprint, skipped\n');
});

test('--format json lists every diagnostic with 1-based positions', () => {
  const root = folderWith({ 'ledger.md': onePlaceholder });
  const run = runCli(['check', '--format', 'json'], root);
  assert.deepEqual(JSON.parse(run.stdout), [
    {
      file: 'ledger.md',
      line: 7,
      column: 5,
      endLine: 7,
      endColumn: 18,
      severity: 'warning',
      code: 'placeholder',
      message: "Placeholder '[Ledger name]' is not filled in",
    },
  ]);
});

test('--format sarif writes a SARIF 2.1.0 log code scanning accepts', () => {
  const root = folderWith({ 'docs/ledger.md': onePlaceholder, 'docs/bad date.md': filled.replace('2026-11-20', '2026-02-30') });
  const run = runCli(['check', '--format', 'sarif'], root);
  assert.equal(run.status, 1);
  const log = JSON.parse(run.stdout);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(log.runs.length, 1);
  const [sarifRun] = log.runs;
  assert.deepEqual(Object.keys(sarifRun).sort(), ['columnKind', 'originalUriBaseIds', 'results', 'tool']);
  assert.equal(sarifRun.columnKind, 'utf16CodeUnits');
  assert.match(sarifRun.originalUriBaseIds.SRCROOT.uri, /^file:\/\/\/.*\/$/);
  const driver = sarifRun.tool.driver;
  assert.equal(driver.name, 'blueprint');
  const ids = driver.rules.map((r: { id: string }) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of driver.rules) {
    assert.deepEqual(Object.keys(rule).sort(), ['defaultConfiguration', 'fullDescription', 'helpUri', 'id', 'shortDescription']);
    assert.match(rule.shortDescription.text, /^[A-Z].{10,}\.$/);
    assert.ok(rule.fullDescription.text.length > rule.shortDescription.text.length, rule.id);
    assert.equal(rule.helpUri, 'https://github.com/blueprint-authoring/blueprint-authoring#diagnostics');
  }
  assert.equal(
    driver.rules.find((r: { id: string }) => r.id === 'placeholder').shortDescription.text,
    'A [bracketed placeholder] is still in the text.',
  );
  assert.deepEqual(
    sarifRun.results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level]),
    [
      ['invalid-date', 'error'],
      ['placeholder', 'warning'],
    ],
  );
  for (const result of sarifRun.results) {
    assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
    assert.ok(['error', 'warning', 'note', 'none'].includes(result.level));
    assert.equal(typeof result.message.text, 'string');
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    assert.equal(artifactLocation.uriBaseId, 'SRCROOT');
    assert.ok(region.startLine >= 1 && region.startColumn >= 1 && region.endLine >= region.startLine);
  }
  assert.deepEqual(sarifRun.results[0].locations[0].physicalLocation, {
    artifactLocation: { uri: 'docs/bad%20date.md', uriBaseId: 'SRCROOT' },
    region: { startLine: 194, startColumn: 19, endLine: 194, endColumn: 29 },
  });
});

test('bad usage exits with 2 and says what is wrong', () => {
  const root = folderWith({ 'ledger.md': filled });
  const cases: Array<[string[], RegExp]> = [
    [[], /No command given/],
    [['lint'], /Unknown command 'lint'/],
    [['check', '--format', 'xml'], /--format must be one of text, json, sarif, github, junit, not 'xml'/],
    [['check', '--max-warnings', 'many'], /--max-warnings needs a whole number of 0 or more, not 'many'/],
    [['check', '--max-warnings'], /--max-warnings needs a value/],
    [['check', '--fixx'], /Unknown option '--fixx'/],
    [['check', '--format', 'junit', '--fix-dry-run'], /--fix-dry-run prints a unified diff: it takes no --format/],
    [['check', '--fix', '--fix-dry-run'], /--fix writes the fixes and --fix-dry-run prints them: choose one/],
    [['check', '-', '--fix'], /--fix cannot write to stdin: use --fix-dry-run/],
    [['check', '--stdin-filename', 'x.md'], /--stdin-filename names the document read from stdin: add - to the paths/],
    [['check', '--min-severity', 'loud'], /--min-severity must be one of error, warning, information, hint, not 'loud'/],
    [['check', '--quiet', '--min-severity', 'hint'], /--quiet reports errors only: it cannot be combined with --min-severity hint/],
    [['check', '--concurrency', '0'], /--concurrency needs a whole number of 1 or more, not '0'/],
    [['check', 'missing.md'], /No such file or folder: missing\.md/],
    [['check', 'nothing/*.md'], /No Markdown files match 'nothing\/\*\.md'/],
    [['new', 'data'], /blueprint new needs a kind and a name/],
    [['new', 'poem', 'Ode'], /No template of kind 'poem'\. Known kinds: data \(Data Blueprint\)/],
  ];
  for (const [args, message] of cases) {
    const run = runCli(args, root);
    assert.equal(run.status, 2, args.join(' '));
    assert.match(run.stderr, message);
    assert.match(run.stderr, /Usage:/);
    assert.equal(run.stdout, '');
  }
});

test('--color paints the severity; NO_COLOR output has no escape codes', () => {
  const root = folderWith({ 'ledger.md': onePlaceholder });
  assert.match(runCli(['check', '--color'], root).stdout, /\x1b\[33mwarning\x1b\[0m/);
  assert.doesNotMatch(runCli(['check'], root).stdout, /\x1b/);
});

test('.blueprintrc.json settings apply to the files below it', () => {
  const root = folderWith({
    '.blueprintrc.json': JSON.stringify({ diagnostics: { placeholder: 'error' } }),
    'ledger.md': draft(onePlaceholder),
    'sub/.blueprintrc.json': JSON.stringify({ diagnostics: { placeholder: 'off' } }),
    'sub/ledger.md': onePlaceholder,
  });
  const run = runCli(['check', '--format', 'json'], root);
  // An explicit severity wins over the draft status.
  assert.deepEqual(
    JSON.parse(run.stdout).map((d: { file: string; severity: string }) => `${d.file} ${d.severity}`),
    ['ledger.md error'],
  );
  assert.equal(run.status, 1);
});

test('severityByStatus false in .blueprintrc.json keeps the default severities', () => {
  const root = folderWith({ '.blueprintrc.json': '{ "severityByStatus": false }', 'ledger.md': approved(onePlaceholder) });
  assert.match(runCli(['check'], root).stdout, /ledger\.md:7:5 warning placeholder/);
});

test('a malformed .blueprintrc.json is bad usage, pointing at the mistake by line and column', () => {
  const broken = folderWith({
    '.blueprintrc.json': '{\n  // comments and trailing commas are fine\n  "diagnostics": { "placeholder" "off", },\n}\n',
    'ledger.md': filled,
  });
  const run = runCli(['check'], broken);
  assert.equal(run.status, 2);
  assert.equal(
    run.stderr,
    `error: ${join(broken, '.blueprintrc.json')}: not valid JSON (':' expected at line 3, column 34); its settings are not used\n`,
  );
});

test('rule-control comments silence diagnostics in the CLI as in the editor', () => {
  const text = onePlaceholder.replace(
    'The [Ledger name] records',
    '<!-- blueprint-disable-next-line placeholder -->\nThe [Ledger name] records',
  );
  const root = folderWith({ 'ledger.md': text });
  assert.equal(runCli(['check'], root).stdout, '1 blueprint checked: no problems.\n');
});

test('custom templates in .blueprints/ are checked, and a malformed template is reported in its own file', () => {
  const root = folderWith({
    '.blueprints/api-blueprint.md': apiTemplate,
    '.blueprints/broken.md': 'Just some notes\n',
    'payments.md': paymentsApi,
  });
  const run = runCli(['check'], root);
  assert.equal(
    run.stdout,
    [
      '.blueprints/broken.md:1:1 error invalid-template A template starts with a title line naming its kind and a placeholder for the name, such as `# API Blueprint: [API Name]`; this template is not used until it is fixed',
      "payments.md:11:1 warning placeholder Placeholder '[Error format]' is not filled in",
      '',
      '2 problems (1 error, 1 warning) in 2 blueprints.',
      '',
    ].join('\n'),
  );
  assert.equal(run.status, 1);
});

test('templates.folder in .blueprintrc.json names another folder', () => {
  const root = folderWith({
    '.blueprintrc.json': '{ "templates": { "folder": "kinds" } }',
    'kinds/api.md': apiTemplate,
    'payments.md': paymentsApi,
  });
  assert.match(runCli(['check'], root).stdout, /^payments\.md:11:1 warning placeholder/m);
});

test('new writes a blueprint from the template with name, date and author, and never overwrites', () => {
  const root = folderWith({ '.blueprintrc.json': '{ "author": "Grace Hopper" }' });
  const run = runCli(['new', 'data', 'Order Ledger'], root);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, 'Created order-ledger.blueprint.md\n');
  const written = readFileSync(join(root, 'order-ledger.blueprint.md'), 'utf8');
  assert.equal(written.split('\n')[0], '# Data Blueprint: Order Ledger');
  // A Draft, its footer lines ending with a hard break but the last, so that GitHub renders one field per line.
  assert.match(written, /\n\*\*Blueprint Status\*\*: Draft\\\n\*\*Last Updated\*\*: \d{4}-\d{2}-\d{2}\\\n\*\*Author\*\*: Grace Hopper\n$/);
  assert.equal(
    written.split('\n').length,
    writtenTemplateText.trimEnd().split('\n').length + 1,
    'the template as documents get it: a blank line after each heading',
  );

  const again = runCli(['new', 'data', 'Order Ledger'], root);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /order-ledger\.blueprint\.md already exists; not overwriting it/);
  assert.equal(readFileSync(join(root, 'order-ledger.blueprint.md'), 'utf8'), written);

  // Quiet while drafting: its placeholders are hints, so even --max-warnings 0 passes.
  const checked = runCli(['check', 'order-ledger.blueprint.md', '--format', 'json', '--max-warnings', '0'], root);
  assert.equal(checked.status, 0, checked.stdout);
  const found = JSON.parse(checked.stdout) as Array<{ code: string; severity: string }>;
  assert.equal(found.length, 74);
  assert.ok(
    found.every((d) => d.code === 'placeholder' && d.severity === 'hint'),
    checked.stdout.slice(0, 300),
  );
});

test("a team's blueprint with a hard-break footer passes check: its values end before the breaks", () => {
  const root = folderWith({ 'docs/stock-levels.md': fixture('stock-levels.md') });
  const run = runCli(['check', '--max-warnings', '0'], root);
  assert.equal(run.status, 0, run.stdout);
  assert.equal(run.stdout, '1 blueprint checked: no problems.\n');
  // A misspelt status before the break: the message names the value without it.
  writeFileSync(join(root, 'docs/stock-levels.md'), fixture('stock-levels.md').replace('Approved\\', 'Aproved\\'));
  const typo = runCli(['check'], root);
  assert.equal(typo.status, 1);
  assert.match(
    typo.stdout,
    /^docs\/stock-levels\.md:\d+:23 error invalid-status Blueprint Status 'Aproved' is not one of Draft, Review, Approved$/m,
  );
});

test('new takes a custom template kind and an --output path', () => {
  const root = folderWith({ '.blueprints/api-blueprint.md': apiTemplate });
  const run = runCli(['new', 'api', 'Payments', '--output', 'docs/payments.md'], root);
  assert.equal(run.status, 2, 'the docs folder does not exist yet');
  const made = folderWith({ '.blueprints/api-blueprint.md': apiTemplate, 'docs/.keep': '' });
  const ok = runCli(['new', 'API Blueprint', 'Payments', '-o', 'docs/payments.md'], made);
  assert.equal(ok.status, 0, ok.stderr);
  const payments = readFileSync(join(made, 'docs/payments.md'), 'utf8');
  assert.equal(payments.split('\n')[0], '# API Blueprint: Payments');
  // The custom template's first status value, and its footer's breaks.
  assert.match(payments, /\n\*\*Blueprint Status\*\*: Draft\\\n\*\*Last Updated\*\*: \d{4}-\d{2}-\d{2}\\\n\*\*Author\*\*: .+\n$/);
});

test('--help and --version', () => {
  const root = folderWith({});
  assert.match(runCli(['--help'], root).stdout, /blueprint check \[paths, globs or -\] \[options\]/);
  assert.match(runCli(['--version'], root).stdout, /^\d+\.\d+\.\d+\n$/);
});

test('a template named on the command line is checked as a template, not as a blueprint of its own kind', () => {
  const root = folderWith({ '.blueprints/api-blueprint.md': apiTemplate });
  const run = runCli(['check', '.blueprints/api-blueprint.md'], root);
  assert.equal(run.stdout, 'No blueprints found.\n');
  assert.equal(run.status, 0);
});

test('blueprints written as teams write them: front matter is no reason to skip a file, and what follows the footer does not hide it', () => {
  const teamWritten = fixture('payments-ledger.md');
  const root = folderWith({
    '.git/HEAD': '',
    'docs/payments-ledger.md': teamWritten,
    // Reviewed, but Last Updated names no real day; links after the footer.
    'docs/order-ledger.md':
      filled.replace('**Last Updated**: 2026-11-20', '**Last Updated**: 2026-02-30') + '\n[rfc]: https://example.com/rfc\n',
    'docs/crlf-ledger.md': '\uFEFF' + teamWritten.replace(/\n/g, '\r\n'),
  });
  const lastUpdated = filled.split('\n').findIndex((l) => l.startsWith('**Last Updated**')) + 1;
  const run = runCli(['check', 'docs/payments-ledger.md', 'docs/order-ledger.md', 'docs/crlf-ledger.md'], root);
  assert.equal(
    run.stdout,
    [
      `docs/order-ledger.md:${lastUpdated}:19 error invalid-date Last Updated '2026-02-30' is a day that does not exist: February 2026 has 28 days`,
      '',
      '1 problem (1 error, 0 warnings) in 3 blueprints.',
      '',
    ].join('\n'),
  );
  assert.equal(run.stderr, '');
  assert.equal(run.status, 1);
});

test('a typescript block that does not parse is a typescript-syntax warning at its token', () => {
  const text = filled.replace('  quantity: number;', '  quantity number;');
  const line = text.split('\n').findIndex((l) => l === '  quantity number;') + 1;
  const run = runCli(['check', '--format', 'json'], folderWith({ 'ledger.md': text }));
  assert.deepEqual(JSON.parse(run.stdout), [
    {
      file: 'ledger.md',
      line,
      column: 12,
      endLine: line,
      endColumn: 18,
      severity: 'warning',
      code: 'typescript-syntax',
      message: 'Unexpected token, expected ";"',
    },
  ]);
  assert.equal(run.status, 0);
});

test('filled-in blueprints generated from the template, with the Markdown teams write around them, pass the check with no problem', () => {
  const blueprints = fc.sample(filledBlueprint(), { seed: 20261129, numRuns: 6 });
  const files = Object.fromEntries(blueprints.map((b, i) => [`docs/${i}-${decodeURI(b.uri).split('/').pop()!}`, b.text]));
  const run = runCli(['check', '--max-warnings', '0'], folderWith(files));
  assert.equal(run.stdout, '6 blueprints checked: no problems.\n');
  assert.equal(run.status, 0);
});
