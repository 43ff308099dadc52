import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixture, repoRoot } from '../support/documents';

// The package as npm ships it: packed from this build, installed from the tarball alone (offline:
// everything it runs is bundled) into a scratch project, then used as a project would use it.

const filled = fixture('order-ledger.md');
const onePlaceholder = filled.replace('The order ledger records', 'The [Ledger name] records');
const fixable = filled.replace('**Last Updated**: 2026-11-20', '**Last Updated**: 2026/11/5');

function run(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

test('the packed tarball holds only what runs, installs offline, and its Node API checks and fixes without vscode, with types', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'blueprint-pack-'));
  // The build npm test made: packing it as is (prepack would rebuild it for production).
  const [packed] = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], repoRoot)) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  assert.deepEqual(packed!.files.map((f) => f.path).sort(), [
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'dist/api.d.ts',
    'dist/api.js',
    'dist/babel-parser.js',
    'dist/cli.js',
    'dist/client.js',
    'dist/data-model-view.js',
    'dist/diagram-svg.js',
    'dist/diagrams.js',
    'dist/markdown-preview.js',
    'dist/mermaid.js',
    'dist/server.js',
    'dist/web/client.js',
    'dist/web/server.js',
    'images/icon.png',
    'package.json',
    'schemas/blueprintrc.schema.json',
    'snippets/data-blueprint.json',
    'syntaxes/blueprint-document.injection.tmLanguage.json',
    'syntaxes/blueprint.injection.tmLanguage.json',
    'templates/data-blueprint.md',
  ]);
  assert.doesNotMatch(readFileSync(join(repoRoot, 'dist', 'api.js'), 'utf8'), /require\(["']vscode["']\)/);

  const project = join(scratch, 'project');
  mkdirSync(join(project, 'docs'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'team-docs', version: '1.0.0', private: true }));
  writeFileSync(join(project, 'docs', 'ledger.md'), onePlaceholder);
  writeFileSync(join(project, 'docs', 'fixable.md'), fixable);
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--save-dev', join(scratch, packed!.filename)], project);

  // ESM, as the README shows it.
  writeFileSync(
    join(project, 'use.mjs'),
    `
import { check, fix } from 'blueprint-authoring';
const checked = await check('docs', { concurrency: 1 });
const dry = await fix(['docs/*.md'], { dryRun: true });
console.log(JSON.stringify({ checked, dry: dry.fixed.map((f) => [f.file, f.after.includes('2026-11-05')]) }));
`,
  );
  const esm = JSON.parse(run(process.execPath, ['use.mjs'], project));
  assert.deepEqual(esm.checked.files, [
    {
      file: 'docs/fixable.md',
      problems: [
        {
          line: 194,
          column: 19,
          endLine: 194,
          endColumn: 28,
          severity: 'error',
          code: 'invalid-date',
          message: "Last Updated '2026/11/5' is not written YYYY-MM-DD: write 2026-11-05",
        },
      ],
    },
    {
      file: 'docs/ledger.md',
      problems: [
        {
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 18,
          severity: 'warning',
          code: 'placeholder',
          message: "Placeholder '[Ledger name]' is not filled in",
        },
      ],
    },
  ]);
  assert.equal(esm.checked.errorCount, 1);
  assert.equal(esm.checked.warningCount, 1);
  assert.deepEqual(esm.dry, [['docs/fixable.md', true]]);
  assert.equal(readFileSync(join(project, 'docs', 'fixable.md'), 'utf8'), fixable, 'a dry run writes nothing');

  // CommonJS, on worker threads (the default concurrency), fixing for real.
  writeFileSync(
    join(project, 'use.cjs'),
    `
const { fix } = require('blueprint-authoring');
fix('docs').then((result) => console.log(JSON.stringify({ fixed: result.fixed.map((f) => f.file), errors: result.errorCount })));
`,
  );
  assert.deepEqual(JSON.parse(run(process.execPath, ['use.cjs'], project)), { fixed: ['docs/fixable.md'], errors: 0 });
  assert.match(readFileSync(join(project, 'docs', 'fixable.md'), 'utf8'), /\*\*Last Updated\*\*: 2026-11-05\n/);

  // The bin, as `npx -p blueprint-authoring blueprint check` runs it.
  assert.match(
    run(join(project, 'node_modules', '.bin', 'blueprint'), ['check', 'docs'], project),
    /^docs\/ledger\.md:7:5 warning placeholder /,
  );

  // Types: a typed use compiles under Node's module resolution; a wrong one does not.
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const options = [
    '--noEmit',
    '--strict',
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--target',
    'es2022',
    '--types',
    'node',
    '--typeRoots',
    join(repoRoot, 'node_modules', '@types'),
  ];
  writeFileSync(
    join(project, 'typed.mts'),
    `
import { check, type CheckResult, type Problem } from 'blueprint-authoring';
const result: CheckResult = await check(['docs'], { cwd: '.', concurrency: 2 });
const first: Problem | undefined = result.files[0]?.problems[0];
const line: number = first?.line ?? 0;
const severity: 'error' | 'warning' | 'information' | 'hint' | undefined = first?.severity;
console.log(line, severity);
`,
  );
  run(process.execPath, [tsc, ...options, 'typed.mts'], project);
  writeFileSync(
    join(project, 'wrong.mts'),
    `
import { check } from 'blueprint-authoring';
const result = await check('docs');
const count: string = result.errorCount;
console.log(count);
`,
  );
  const wrong = spawnSync(process.execPath, [tsc, ...options, 'wrong.mts'], { cwd: project, encoding: 'utf8' });
  assert.equal(wrong.status, 2, 'the types are real: a number is no string');
  assert.match(wrong.stdout, /wrong\.mts\(4,7\): error TS2322: Type 'number' is not assignable to type 'string'/);
});
