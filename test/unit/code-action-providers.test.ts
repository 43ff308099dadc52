import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction } from 'vscode-languageserver';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import {
  ADD_MISSING_SECTIONS,
  CODE_ACTION_PROVIDERS,
  codeActionKinds,
  FIX_ALL,
  IGNORE_DIAGNOSTIC,
  isAskedFor,
  provideCodeActions,
  QUICK_FIXES,
  type CodeActionProvider,
} from '../../server/src/language-server/code-action-providers';
import { analyse, fixture, settings } from '../support/documents';

const values = { date: '2026-11-25', author: 'Ada Lovelace' };

test('each family declares its kind; the server announces each kind once', () => {
  assert.deepEqual(
    CODE_ACTION_PROVIDERS.map((p) => p.kind),
    ['quickfix', 'source.addMissingSections.blueprint', 'source.insertDiagram.blueprint', 'quickfix', 'source.fixAll.blueprint'],
  );
  assert.deepEqual(codeActionKinds(), [
    'quickfix',
    'source.addMissingSections.blueprint',
    'source.insertDiagram.blueprint',
    'source.fixAll.blueprint',
  ]);
});

test('one rule for `only`: a family runs for its kind or a kind containing it; fix-all only when asked for by name', () => {
  const families: Array<[string, CodeActionProvider]> = [
    ['quick fixes', QUICK_FIXES],
    ['add missing sections', ADD_MISSING_SECTIONS],
    ['ignore', IGNORE_DIAGNOSTIC],
    ['fix-all', FIX_ALL],
  ];
  const asked = (only: string[] | undefined) => families.filter(([, provider]) => isAskedFor(provider, only)).map(([name]) => name);
  assert.deepEqual(asked(undefined), ['quick fixes', 'add missing sections', 'ignore'], 'no `only`: every family but fix-all');
  assert.deepEqual(asked([]), [], 'an empty `only` asks for nothing');
  assert.deepEqual(asked(['quickfix']), ['quick fixes', 'ignore']);
  assert.deepEqual(asked(['source']), ['add missing sections'], '`source` contains the source action, but fix-all is asked for by name');
  assert.deepEqual(asked(['source.addMissingSections']), ['add missing sections']);
  assert.deepEqual(asked(['source.addMissingSections.blueprint']), ['add missing sections']);
  assert.deepEqual(asked(['source.fixAll']), ['fix-all']);
  assert.deepEqual(asked(['source.fixAll.blueprint']), ['fix-all']);
  assert.deepEqual(asked(['source.fixAll.eslint']), [], "another tool's fix-all");
  assert.deepEqual(asked(['quickfix', 'source.fixAll']), ['quick fixes', 'ignore', 'fix-all']);
  assert.deepEqual(
    asked(['refactor', 'sourcery', 'quickfixes', 'source.organizeImports']),
    [],
    'a prefix is a whole kind, not a string prefix',
  );
});

test('the providers asked for answer, in the order of the families', () => {
  const ledger = fixture('order-ledger.md');
  const text = ledger
    .replace(/## Data Flow[^]*?(?=## State Management)/, '')
    .replace('**Blueprint Status**: Review', '**Blueprint Status**: review');
  const analysed = analyse(text);
  const diagnostics = computeDiagnostics(analysed, settings());
  const request = { analysed, diagnostics, settings: settings(), values };
  const titles = (actions: CodeAction[]) => actions.map((a) => `${a.kind}: ${a.title}`);
  assert.deepEqual(titles(provideCodeActions(request, undefined)), [
    "quickfix: Add section 'Data Flow'",
    "quickfix: Set Blueprint Status to 'Review'",
    "quickfix: Set Blueprint Status to 'Draft'",
    "quickfix: Set Blueprint Status to 'Approved'",
    'source.addMissingSections.blueprint: Add all missing sections',
    'source.insertDiagram.blueprint: Insert data model diagram',
    'source.insertDiagram.blueprint: Insert state diagram',
    'quickfix: Ignore this diagnostic on this line (missing-section)',
    'quickfix: Ignore this diagnostic on this line (invalid-status)',
  ]);
  assert.deepEqual(titles(provideCodeActions(request, ['source.fixAll'])), ['source.fixAll.blueprint: Fix all safe blueprint problems']);
  assert.deepEqual(titles(provideCodeActions({ ...request, analysed: analyse(ledger), diagnostics: [] }, ['source'])), [
    'source.insertDiagram.blueprint: Insert data model diagram',
    'source.insertDiagram.blueprint: Insert state diagram',
  ]);
  assert.deepEqual(titles(provideCodeActions({ ...request, analysed: analyse(ledger), diagnostics: [] }, ['source.fixAll'])), []);
});
