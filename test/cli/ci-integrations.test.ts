import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { folderWith } from '../support/cli-runner';
import { fixture, repoRoot } from '../support/documents';

// The GitHub Action and the pre-commit hooks as their runners read them. The Action's script runs
// here as the runner would run it (bash, inputs in the environment), on the CLI this build made.

const filled = fixture('order-ledger.md');
const onePlaceholder = filled.replace('The order ledger records', 'The [Ledger name] records');

interface ActionStep {
  readonly shell: string;
  readonly run: string;
  readonly env: Record<string, string>;
  readonly 'working-directory': string;
}

test('action.yml: a composite action whose inputs reach blueprint check as arguments, never as shell code, with annotations', () => {
  const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as {
    runs: { using: string; steps: ActionStep[] };
    inputs: Record<string, { default: string }>;
  };
  assert.equal(action.runs.using, 'composite');
  assert.deepEqual(Object.keys(action.inputs), ['paths', 'max-warnings', 'config', 'working-directory', 'version']);
  const [step] = action.runs.steps;
  assert.equal(step!.shell, 'bash');
  assert.deepEqual(Object.keys(step!.env), [
    'BLUEPRINT_PATHS',
    'BLUEPRINT_MAX_WARNINGS',
    'BLUEPRINT_CONFIG',
    'BLUEPRINT_VERSION',
    'BLUEPRINT_ACTION_PATH',
  ]);
  assert.ok(!/\$\{\{/.test(step!.run), 'no expression is pasted into the script');

  // A project that installs the package: the action runs its node_modules/.bin/blueprint.
  const root = folderWith({
    'docs/ledger.md': onePlaceholder,
    'docs/archive/old.md': onePlaceholder,
    'docs/a $(touch pwned).md': onePlaceholder,
  });
  mkdirSync(join(root, 'node_modules', '.bin'), { recursive: true });
  // As npm links a bin: an executable that runs the package's dist/cli.js.
  writeFileSync(
    join(root, 'node_modules', '.bin', 'blueprint'),
    `#!/bin/sh\nexec "${process.execPath}" "${join(repoRoot, 'dist', 'cli.js')}" "$@"\n`,
    { mode: 0o755 },
  );
  const runAction = (inputs: Record<string, string>) =>
    spawnSync('bash', ['-c', step!.run], {
      cwd: root,
      encoding: 'utf8',
      // Offline: were the script to fall back to npx, it would fail at once instead of asking the registry.
      env: {
        PATH: process.env['PATH'],
        npm_config_offline: 'true',
        BLUEPRINT_PATHS: '',
        BLUEPRINT_MAX_WARNINGS: '',
        BLUEPRINT_CONFIG: '',
        BLUEPRINT_VERSION: '',
        BLUEPRINT_ACTION_PATH: repoRoot,
        ...inputs,
      },
    });
  const all = runAction({});
  assert.equal(all.status, 0, all.stderr);
  assert.deepEqual(
    all.stdout
      .split('\n')
      .filter((l) => l.startsWith('::'))
      .map((l) => /file=([^,]*)/.exec(l)![1]),
    ['docs/a $(touch pwned).md', 'docs/archive/old.md', 'docs/ledger.md'],
  );
  const chosen = runAction({ BLUEPRINT_PATHS: 'docs/*.md\n!docs/a *\n', BLUEPRINT_MAX_WARNINGS: '0' });
  assert.equal(
    chosen.stdout,
    "::warning file=docs/ledger.md,line=7,col=5,endLine=7,endColumn=18,title=blueprint(placeholder)::Placeholder '[Ledger name]' is not filled in\n1 problem (0 errors, 1 warning) in 1 blueprint.\n",
  );
  assert.equal(chosen.status, 1, 'more warnings than max-warnings fail the step');
  assert.equal(spawnSync('ls', [root], { encoding: 'utf8' }).stdout.includes('pwned'), false, 'a file name is never run');
});

test('.pre-commit-hooks.yaml: blueprint check and blueprint check --fix on the staged Markdown files, as node hooks', () => {
  const hooks = parse(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
  assert.deepEqual(
    hooks.map((h) => [h['id'], h['entry'], h['language'], h['types']]),
    [
      ['blueprint-check', 'blueprint check', 'node', ['markdown']],
      ['blueprint-fix', 'blueprint check --fix', 'node', ['markdown']],
    ],
  );
  // pre-commit installs the package from the repository with `npm pack`: the entry's command is its bin.
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    bin: Record<string, string>;
    scripts: Record<string, string>;
  };
  assert.equal(manifest.bin['blueprint'], 'dist/cli.js');
  assert.equal(manifest.scripts['prepack'], 'npm run build -- --production', 'the bundles are built when the package is packed');
});
