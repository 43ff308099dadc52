import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CodeActionKind, type Position, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { BlueprintStore } from '../../server/src/documents/blueprint-store';
import { templateFromText } from '../../server/src/template/template-file';
import { ADD_MISSING_SECTIONS_KIND } from '../../server/src/features/code-actions';
import { sectionCodeLenses } from '../../server/src/features/code-lens';
import { completions } from '../../server/src/features/completion';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { documentStatus } from '../../server/src/features/document-status';
import { documentSymbols } from '../../server/src/features/document-symbols';
import { FIX_ALL_KIND } from '../../server/src/features/fix-all';
import { provideCodeActions } from '../../server/src/language-server/code-action-providers';
import type { FooterValues } from '../../server/src/template/footer-values';
import { hover } from '../../server/src/features/hover';
import { newBlueprint, templateSnippetFor } from '../../server/src/template/new-blueprint';
import { definition, documentHighlights, prepareRename, references, rename } from '../../server/src/features/navigation';
import { ignoreDiagnosticActions } from '../../server/src/features/rule-control';
import { semanticTokens } from '../../server/src/features/semantic-tokens';
import { tooLargeDiagnostics } from '../../server/src/features/size-limit';
import { BlueprintParser } from '../../server/src/model/blueprint-parser';
import { builtinTemplates } from '../../server/src/template/builtin-templates';
import {
  anyPosition,
  fuzzParameters,
  hostileText,
  mutate,
  mutatedBlueprint,
  mutation,
  REAL_BLUEPRINTS,
  testTimeout,
} from '../support/arbitraries';
import { checkDocument, settings, templateText, textDocument } from '../support/documents';
import { expandSnippet } from '../support/snippets';

const values: FooterValues = { date: '2026-11-25', author: 'Ada Lovelace' };
const defaults = settings();

/** Every range in a feature's answer, wherever it sits (locations, edits, symbols, lens arguments). */
function rangesIn(value: unknown, found: Range[] = []): Range[] {
  if (Array.isArray(value)) {
    for (const item of value) rangesIn(item, found);
  } else if (value && typeof value === 'object') {
    if (isPosition((value as Range).start) && isPosition((value as Range).end)) found.push(value as Range);
    for (const inner of Object.values(value)) rangesIn(inner, found);
  }
  return found;
}

function isPosition(value: unknown): value is Position {
  return !!value && typeof (value as Position).line === 'number' && typeof (value as Position).character === 'number';
}

function assertInside(document: TextDocument, range: Range, what: string): void {
  const text = document.getText();
  for (const position of [range.start, range.end]) {
    assert.ok(
      Number.isInteger(position.line) && position.line >= 0 && position.line < document.lineCount,
      `${what}: line ${position.line} outside 0..${document.lineCount - 1}`,
    );
    const lineStart = document.offsetAt({ line: position.line, character: 0 });
    const lineEnd = position.line + 1 < document.lineCount ? document.offsetAt({ line: position.line + 1, character: 0 }) : text.length;
    assert.ok(
      Number.isInteger(position.character) && position.character >= 0 && lineStart + position.character <= lineEnd,
      `${what}: ${JSON.stringify(position)} past the end of its line`,
    );
  }
  assert.ok(document.offsetAt(range.start) <= document.offsetAt(range.end), `${what}: ${JSON.stringify(range)} ends before it starts`);
}

function within(outer: Range, inner: Range): boolean {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

interface SymbolLike {
  readonly range: Range;
  readonly selectionRange: Range;
  readonly children?: SymbolLike[];
}

function assertSymbolsNest(symbols: readonly SymbolLike[], parent?: SymbolLike): void {
  for (const symbol of symbols) {
    assert.ok(
      within(symbol.range, symbol.selectionRange),
      `selectionRange ${JSON.stringify(symbol.selectionRange)} outside range ${JSON.stringify(symbol.range)}`,
    );
    if (parent)
      assert.ok(
        within(parent.range, symbol.range),
        `child ${JSON.stringify(symbol.range)} outside its parent ${JSON.stringify(parent.range)}`,
      );
    assertSymbolsNest(symbol.children ?? [], symbol);
  }
}

/** Semantic tokens decoded back to ranges (each token lies on one line). */
function tokenRanges(data: readonly number[]): Range[] {
  const ranges: Range[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i]!;
    character = data[i]! === 0 ? character + data[i + 1]! : data[i + 1]!;
    ranges.push({ start: { line, character }, end: { line, character: character + data[i + 2]! } });
  }
  return ranges;
}

/**
 * Asks every feature about a document, at the given positions, and checks what it answers: nothing
 * throws, every range lies inside the document, every outline symbol's selectionRange inside its range.
 */
function exerciseEveryFeature(text: string, positions: readonly Position[]): void {
  const document = textDocument(text);
  const store = new BlueprintStore();
  const checked = checkDocument(document, store, defaults);
  const answers: Array<[string, unknown]> = [
    ['checkDocument', checked],
    ['tooLarge', tooLargeDiagnostics(document, defaults)],
  ];
  const analysed = store.get(document);
  if (analysed) {
    const diagnostics = computeDiagnostics(analysed, defaults);
    const symbols = documentSymbols(analysed);
    assertSymbolsNest(symbols);
    answers.push(
      ['diagnostics', diagnostics],
      ['documentSymbols', symbols],
      ['documentStatus', documentStatus(analysed)],
      ['codeLens', sectionCodeLenses(analysed, defaults)],
      ['codeActions', provideCodeActions({ analysed, diagnostics: checked ?? [], settings: defaults, values }, undefined)],
      ['addAll', provideCodeActions({ analysed, diagnostics: [], settings: defaults, values }, [ADD_MISSING_SECTIONS_KIND])],
      ['fixAll', provideCodeActions({ analysed, diagnostics: [], settings: defaults, values }, [CodeActionKind.SourceFixAll])],
      ['fixAllExplicit', provideCodeActions({ analysed, diagnostics: [], settings: defaults, values }, [FIX_ALL_KIND])],
      ['ignore', ignoreDiagnosticActions(analysed, checked ?? [])],
    );
    for (const range of tokenRanges(semanticTokens(analysed).data)) assertInside(document, range, 'semantic token');
    for (const position of positions) {
      answers.push(
        ['hover', hover(analysed, position)],
        ['completion', completions(analysed, position, values, true)],
        ['completion (plain text)', completions(analysed, position, values, false)],
        ['definition', definition(analysed, position)],
        ['references', references(analysed, position, true)],
        ['highlights', documentHighlights(analysed, position)],
        ['prepareRename', prepareRename(analysed, position)],
        ['rename', rename(analysed, position, 'Renamed')],
      );
    }
  }
  for (const [feature, answer] of answers) {
    for (const range of rangesIn(answer)) assertInside(document, range, feature);
  }
}

/** Positions a user would use (every placeholder, heading and structure name) and some nobody would. */
function positionsOf(text: string, extra: readonly Position[]): Position[] {
  const document = textDocument(text);
  const offsets = [0, text.length, Math.floor(text.length / 2)];
  for (const match of text.matchAll(/\[|^#|\*\*|→|: |\|/gm)) offsets.push(match.index, match.index + 1);
  return [...offsets.filter((_, i) => i % 3 === 0).map((o) => document.positionAt(o)), ...extra];
}

test(
  'no feature throws on a real blueprint after random insertions and deletions of hostile characters; every range lies inside the document',
  { timeout: testTimeout(120_000) },
  () => {
    fc.assert(
      fc.property(mutatedBlueprint, fc.array(anyPosition, { maxLength: 3 }), (text, extra) => {
        exerciseEveryFeature(text, positionsOf(text, extra));
      }),
      fuzzParameters(60),
    );
  },
);

test('no feature throws on the unmutated real blueprints either, at every position of interest', () => {
  for (const text of REAL_BLUEPRINTS)
    exerciseEveryFeature(
      text,
      positionsOf(text, [
        { line: 100_000, character: 0 },
        { line: 0, character: 100_000 },
      ]),
    );
});

test(
  'a mutated template is read as a template or refused with problems inside its text, never an exception',
  { timeout: testTimeout(60_000) },
  () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), (mutations) => {
        const text = mutate(templateText.replace('Data Blueprint', 'Event Blueprint'), mutations);
        const { schema, problems } = templateFromText('mutated', text, builtinTemplates);
        assert.ok(schema !== undefined || problems.length > 0);
        for (const problem of problems)
          assert.ok(problem.span.start >= 0 && problem.span.start <= problem.span.end && problem.span.end <= text.length);
      }),
      fuzzParameters(40),
    );
  },
);

test(
  'analysing the same text twice gives the same model and the same diagnostics, fresh or from the cache',
  { timeout: testTimeout(60_000) },
  () => {
    fc.assert(
      fc.property(mutatedBlueprint, (text) => {
        const document = textDocument(text);
        const once = new BlueprintStore().get(document);
        const again = new BlueprintStore().get(textDocument(text));
        assert.deepEqual(again?.model, once?.model);
        const parser = new BlueprintParser();
        assert.deepEqual(parser.parse(text), parser.parse(text));
        if (once && again) assert.deepEqual(computeDiagnostics(again, defaults), computeDiagnostics(once, defaults));
        assert.deepEqual(
          checkDocument(textDocument(text), new BlueprintStore(), defaults),
          checkDocument(document, new BlueprintStore(), defaults),
        );
      }),
      fuzzParameters(40),
    );
  },
);

test('hostile text typed at the cursor, one edit after another, never makes a request fail', { timeout: testTimeout(60_000) }, () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...REAL_BLUEPRINTS),
      fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), hostileText), { minLength: 1, maxLength: 6 }),
      (start, typed) => {
        const store = new BlueprintStore();
        let text = start;
        typed.forEach(([where, insert], version) => {
          const at = Math.floor(where * text.length);
          text = text.slice(0, at) + insert + text.slice(at);
          const document = textDocument(text, 'file:///work/typed.md', version + 2);
          const analysed = store.get(document);
          checkDocument(document, store, defaults);
          if (analysed) completions(analysed, document.positionAt(at + insert.length), values);
        });
      },
    ),
    fuzzParameters(40),
  );
});

test(
  'a new blueprint with any name, author and date, from the built-in or a mutated template: a plain file name, its first placeholder inside it, a valid template snippet',
  { timeout: testTimeout(60_000) },
  () => {
    fc.assert(
      fc.property(
        hostileText,
        fc.option(hostileText, { nil: undefined }),
        fc.option(hostileText, { nil: undefined }),
        fc.array(mutation, { maxLength: 4 }),
        (name, author, date, mutations) => {
          const mutated = templateFromText(
            'mutated',
            mutate(templateText.replace('Data Blueprint', 'Event Blueprint'), mutations),
            builtinTemplates,
          ).schema;
          for (const templates of mutated ? [builtinTemplates, [mutated]] : [builtinTemplates]) {
            const created = newBlueprint(
              templates,
              { name, ...(author === undefined ? {} : { author }), ...(date === undefined ? {} : { date }) },
              values,
            );
            assert.ok(created, 'no blueprint created');
            assert.match(created.fileName, /^[^/\\]+\.blueprint\.md$/);
            if (created.firstPlaceholder) assertInside(textDocument(created.text), created.firstPlaceholder, 'firstPlaceholder');
            const snippet = templateSnippetFor(templates, {});
            assert.ok(snippet);
            expandSnippet(snippet.snippet);
          }
        },
      ),
      fuzzParameters(40),
    );
  },
);
