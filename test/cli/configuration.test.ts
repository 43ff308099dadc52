import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { folderWith, runCli, runCliWithInput } from '../support/cli-runner';
import { fixture } from '../support/documents';

// The rc file as teams write it: JSON with comments, extending a shared file, with ignores; every
// mistake in it located by line and column, and the run exits with 2 so that CI notices.

const filled = fixture('order-ledger.md');
const onePlaceholder = filled.replace('The order ledger records', 'The [Ledger name] records');
const ledgerWarning = "docs/ledger.md:7:5 warning placeholder Placeholder '[Ledger name]' is not filled in";

test('.blueprintrc.json takes comments and trailing commas; .blueprintrc.jsonc is read the same way', () => {
  const rc = `{
  // Drafts are noisy enough: placeholders are errors here.
  "diagnostics": {
    "placeholder": "error", /* the whole team agreed */
  },
}
`;
  for (const name of ['.blueprintrc.json', '.blueprintrc.jsonc']) {
    const root = folderWith({ [name]: rc, 'docs/ledger.md': onePlaceholder });
    const run = runCli(['check'], root);
    assert.equal(run.stderr, '', name);
    assert.match(run.stdout, /^docs\/ledger\.md:7:5 error placeholder /, name);
  }
});

test('every unknown key and invalid value is reported with its file, line and column, and the run exits with 2', () => {
  const rc = `{
  "$schema": "./node_modules/blueprint-authoring/schemas/blueprintrc.schema.json",
  "diagnostic": {},
  "diagnostics": {
    "placeholdr": "off",
    "section-order": "warn",
  },
  "templates": { "foldr": "kinds" },
  "codeLens": { "enabled": "yes" },
  "ignores": ["drafts/**", 42],
  "extends": 7,
}
`;
  const root = folderWith({ '.blueprintrc.json': rc, 'docs/ledger.md': onePlaceholder });
  const run = runCli(['check'], root);
  const file = join(root, '.blueprintrc.json');
  assert.equal(
    run.stderr,
    [
      `error: ${file}:3:3: diagnostic: is not a setting (settings: diagnostics, author, maxDocumentSize, severityByStatus, templates, codeLens, workspace, structures, $schema, extends, ignores)`,
      `error: ${file}:5:5: diagnostics.placeholdr: is not a diagnostic code (codes: placeholder, missing-section, missing-subsection, duplicate-section, section-order, empty-section, invalid-status, invalid-date, missing-footer-field, unknown-structure, ambiguous-structure, typescript-syntax, too-large, degraded-analysis, stale-diagram, scope)`,
      `error: ${file}:6:22: diagnostics.section-order: "warn" is not a severity (error, warning, information, hint, off); the default applies`,
      `error: ${file}:8:18: templates.foldr: is not a setting (templates holds: folder)`,
      `error: ${file}:9:28: codeLens.enabled: "yes" is not true or false; the default (true) applies`,
      `error: ${file}:10:28: ignores[1]: 42 is not a glob`,
      `error: ${file}:11:14: extends: 7 is not the path of another rc file`,
      '',
    ].join('\n'),
  );
  // The valid rest applies: the placeholder is reported as usual, at its default severity.
  assert.equal(run.stdout, `${ledgerWarning}\n\n1 problem (0 errors, 1 warning) in 1 blueprint.\n`);
  assert.equal(run.status, 2);
});

test('extends: another rc file applies under this one, key by key; its mistakes are located in it; a loop or a file outside the repository is refused', () => {
  const root = folderWith({
    '.git/HEAD': '',
    'shared.blueprintrc.json':
      '{\n  "diagnostics": { "placeholder": "error", "section-order": "off" },\n  "ignores": ["docs/archive/**"],\n  "severityByStatus": "sometimes"\n}\n',
    'docs/.blueprintrc.json': '{ "extends": "../shared.blueprintrc.json", "diagnostics": { "section-order": "hint" } }',
    'docs/ledger.md': onePlaceholder,
    'docs/archive/old.md': onePlaceholder,
  });
  const run = runCli(['check', '--format', 'json'], root);
  // The base's severity applies, and its ignores, relative to the base's own folder.
  assert.deepEqual(
    JSON.parse(run.stdout).map((d: { file: string; severity: string }) => `${d.file} ${d.severity}`),
    ['docs/ledger.md error'],
  );
  assert.equal(
    run.stderr,
    `error: ${join(root, 'shared.blueprintrc.json')}:4:23: severityByStatus: "sometimes" is not true or false; the default (true) applies\n`,
  );
  assert.equal(run.status, 2);

  const loop = folderWith({
    '.git/HEAD': '',
    '.blueprintrc.json': '{ "extends": "./other.json" }',
    'other.json': '{ "extends": "./.blueprintrc.json" }',
    'ledger.md': filled,
  });
  assert.equal(
    runCli(['check'], loop).stderr,
    `error: ${join(loop, 'other.json')}:1:14: extends: "./.blueprintrc.json" extends a file that extends it (a loop); its settings are not used\n`,
  );
  const outside = folderWith({
    'repo/.git/HEAD': '',
    'repo/.blueprintrc.json': '{ "extends": "../shared.json" }',
    'shared.json': '{}',
    'repo/ledger.md': filled,
  });
  assert.equal(
    runCli(['check'], join(outside, 'repo')).stderr,
    `error: ${join(outside, 'repo/.blueprintrc.json')}:1:14: extends: "../shared.json" is outside ${join(outside, 'repo')}; its settings are not used\n`,
  );
  const missing = folderWith({ '.git/HEAD': '', '.blueprintrc.json': '{ "extends": "./nowhere.json" }', 'ledger.md': filled });
  assert.equal(runCli(['check'], missing).status, 2);
});

test('ignores: globs relative to the rc file leave files out of a search, of named files (with a note) and of stdin', () => {
  const root = folderWith({
    '.blueprintrc.json': '{ "ignores": ["vendor", "docs/drafts/**/*.md", "!docs/drafts/keep.md"] }',
    'docs/ledger.md': onePlaceholder,
    'docs/drafts/wip.md': onePlaceholder,
    'docs/drafts/keep.md': onePlaceholder,
    'vendor/pkg/README.md': onePlaceholder,
  });
  const files = (args: string[]) => [
    ...new Set((JSON.parse(runCli(['check', '--format', 'json', ...args], root).stdout) as Array<{ file: string }>).map((d) => d.file)),
  ];
  assert.deepEqual(files([]), ['docs/drafts/keep.md', 'docs/ledger.md']);
  const named = runCli(['check', 'docs/drafts/wip.md', 'vendor/pkg/README.md', 'docs/ledger.md'], root);
  assert.equal(
    named.stderr,
    "docs/drafts/wip.md: ignored by the rc file's ignores, skipped\nvendor/pkg/README.md: ignored by the rc file's ignores, skipped\n",
  );
  assert.equal(named.stdout, `${ledgerWarning}\n\n1 problem (0 errors, 1 warning) in 1 blueprint.\n`);
  assert.equal(named.status, 0);
  const piped = runCliWithInput(['check', '-', '--stdin-filename', 'vendor/x.md'], root, onePlaceholder);
  assert.equal(piped.stdout, 'No blueprints found.\n');
});

test('--config FILE applies to every file instead of the nearest rc file; its own mistakes are bad usage', () => {
  const root = folderWith({
    'docs/.blueprintrc.json': '{ "diagnostics": { "placeholder": "off" } }',
    'ci/strict.jsonc': '// CI is strict\n{ "diagnostics": { "placeholder": "error" } }',
    'docs/ledger.md': onePlaceholder,
  });
  assert.equal(runCli(['check'], root).stdout, '1 blueprint checked: no problems.\n');
  const strict = runCli(['check', '--config', 'ci/strict.jsonc'], root);
  assert.match(strict.stdout, /^docs\/ledger\.md:7:5 error placeholder /);
  assert.equal(strict.status, 1);
  assert.match(runCli(['check', '-c', 'ci/strict.jsonc'], root).stdout, /^docs\/ledger\.md:7:5 error placeholder /);
  const missing = runCli(['check', '--config', 'ci/none.json'], root);
  assert.equal(missing.stderr, `error: ${join(root, 'ci/none.json')}: does not exist; its settings are not used\n`);
  assert.equal(missing.status, 2);
});

test('--concurrency N checks on N threads with the very same results as one', () => {
  const files: Record<string, string> = { '.blueprintrc.json': '{ "diagnostics": { "section-order": "off" } }' };
  for (let i = 0; i < 40; i++)
    files[`docs/part-${String(i).padStart(2, '0')}/ledger.md`] =
      i % 3 === 0 ? filled : onePlaceholder.replace('[Ledger name]', `[Ledger ${i}]`);
  const root = folderWith(files);
  const one = runCli(['check', '--concurrency', '1', '--format', 'json'], root);
  const three = runCli(['check', '--concurrency', '3', '--format', 'json'], root);
  assert.equal(three.stdout, one.stdout);
  assert.equal(JSON.parse(one.stdout).length, 26);
  assert.equal(three.status, one.status);
});
