import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DiagnosticSeverity, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { BlueprintStore } from '../../server/src/documents/blueprint-store';
import { addAllMissingSections, quickFixesFor } from '../../server/src/features/code-actions';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import type { FooterValues } from '../../server/src/template/footer-values';
import { fuzzParameters, hostileText, mutate, mutation, testTimeout } from '../support/arbitraries';
import { fixture, settings, textDocument, messageOf } from '../support/documents';
import { applyMinimal } from '../support/edits';

const values: FooterValues = { date: '2026-11-25', author: 'Ada Lovelace' };

/** Damage an author does that the quick fixes are for: cut or repeat sections, break the footer, misname a structure. */
type Damage = (text: string, pick: number, word: string) => string;

const DAMAGE: Damage[] = [
  (text, pick) => cutHeadedPart(text, /^## /gm, pick),
  (text, pick) => cutHeadedPart(text, /^### /gm, pick),
  (text, pick) => {
    const starts = headingStarts(text, /^## /gm);
    const start = starts[pick % starts.length]!;
    const part = text.slice(start, starts.find((s) => s > start) ?? text.indexOf('**Blueprint Status**'));
    return text.replace('\n---\n\n**Blueprint Status**', '\n' + part + '---\n\n**Blueprint Status**');
  },
  (text, _pick, word) => text.replace(/(\*\*Blueprint Status\*\*: ).*/, `$1${word}`),
  (text, pick) =>
    text.replace(/(\*\*Blueprint Status\*\*: ).*/, `$1${['review', 'APPROVED', 'draft ', '[Draft/Review/Approved]'][pick % 4]}`),
  (text, _pick, word) => text.replace(/(\*\*Last Updated\*\*: ).*/, `$1${word}`),
  (text, pick) => text.replace(/(\*\*Last Updated\*\*: ).*/, `$1${['2026-02-30', '2026-13-01', '[YYYY-MM-DD]', '26-1-1'][pick % 4]}`),
  (text, _pick, word) => text.replace(/\*\*Customer\*\* →/, `**${word.replace(/[^A-Za-z]/g, '') || 'Ghost'}** →`),
  (text) => text.replace(/(\*\*Author\*\*: ).*/, '$1[Your Name]'),
  (text, pick) => {
    // A section, with its separator, moved in front of another: out of template order.
    const starts = headingStarts(text, /^## /gm);
    const footer = text.indexOf('**Blueprint Status**');
    if (starts.length < 2 || footer < 0) return text;
    const start = starts[pick % starts.length]!;
    const part = text.slice(start, starts.find((s) => s > start) ?? footer);
    const rest = text.slice(0, start) + text.slice(start + part.length);
    const targets = headingStarts(rest, /^## /gm);
    const target = targets[Math.floor(pick / starts.length) % targets.length]!;
    return rest.slice(0, target) + part + rest.slice(target);
  },
  (text, pick) => {
    // A footer line dropped, or the whole footer.
    const labels = ['Blueprint Status', 'Last Updated', 'Author'];
    if (pick % 4 === 3) return text.replace(/\*\*Blueprint Status\*\*[^]*$/, '');
    return text.replace(new RegExp(`\\*\\*${labels[pick % 4]!}\\*\\*: .*(?:\\r?\\n|$)`), '');
  },
  (text, pick) => {
    // A section or subsection emptied down to its heading (and a guidance line after it, if any).
    const starts = headingStarts(text, /^#{2,3} /gm);
    if (starts.length === 0) return text;
    const lineEnd = text.indexOf('\n', starts[pick % starts.length]) + 1;
    const next = text.slice(lineEnd).search(/^#{2,3} |^---\r?$/m);
    return text.slice(0, lineEnd) + (next < 0 ? '' : text.slice(lineEnd + next));
  },
];

function headingStarts(text: string, heading: RegExp): number[] {
  return [...text.matchAll(heading)].map((m) => m.index);
}

function cutHeadedPart(text: string, heading: RegExp, pick: number): string {
  const starts = headingStarts(text, heading);
  if (starts.length === 0) return text;
  const start = starts[pick % starts.length]!;
  const next = text.slice(start + 1).search(/^#{2,3} |^---$/m);
  return text.slice(0, start) + (next < 0 ? '' : text.slice(start + 1 + next));
}

const damaged: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(
      fixture('fulfilment-ledger.md'),
      fixture('order-ledger.md'),
      fixture('order-ledger.md').replace(/\n/g, '\r\n'),
      '\uFEFF' + fixture('fulfilment-ledger.md'),
    ),
    fc.array(
      fc.tuple(fc.nat({ max: DAMAGE.length - 1 }), fc.nat(), fc.constantFrom('Done', 'Shipped', '2026-11-31', 'yesterday', 'Widget')),
      { minLength: 2, maxLength: 5 },
    ),
    fc.array(mutation, { maxLength: 2 }),
  )
  .map(([text, damage, mutations]) =>
    mutate(
      damage.reduce((t, [which, pick, word]) => DAMAGE[which]!(t, pick, word), text),
      mutations,
    ),
  );

function diagnosticsOf(text: string): Diagnostic[] {
  const analysed = new BlueprintStore().get(textDocument(text));
  return analysed ? computeDiagnostics(analysed, settings()) : [];
}

const key = (d: Diagnostic) => `${String(d.code)}: ${messageOf(d)}`;

function count(diagnostics: readonly Diagnostic[], wanted: string): number {
  return diagnostics.filter((d) => key(d) === wanted).length;
}

function editsOf(action: CodeAction): TextEdit[] {
  return Object.values(action.edit?.changes ?? {}).flat();
}

/** Applies a fix and checks it: text outside its edits as it was, no error it did not find. */
function applyChecked(text: string, before: readonly Diagnostic[], action: CodeAction): Diagnostic[] {
  const after = applyMinimal(text, editsOf(action));
  const diagnostics = diagnosticsOf(after);
  const errorsBefore = before.filter((d) => d.severity === DiagnosticSeverity.Error).map(key);
  for (const error of diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map(key)) {
    const at = errorsBefore.indexOf(error);
    assert.ok(at >= 0, `'${action.title}' added the error ${error}`);
    errorsBefore.splice(at, 1);
  }
  return diagnostics;
}

test(
  'every quick fix leaves the text outside its edit byte-identical, removes its diagnostic and adds no error',
  { timeout: testTimeout(180_000) },
  () => {
    let fixesTried = 0;
    const parameters = fuzzParameters(40);
    fc.assert(
      fc.property(damaged, (text) => {
        const analysed = new BlueprintStore().get(textDocument(text));
        if (!analysed) return;
        const before = computeDiagnostics(analysed, settings());
        for (const diagnostic of before) {
          for (const fix of quickFixesFor(analysed, diagnostic, values)) {
            fixesTried++;
            const after = applyChecked(text, before, fix);
            assert.ok(count(after, key(diagnostic)) < count(before, key(diagnostic)), `'${fix.title}' left ${key(diagnostic)}`);
          }
        }
      }),
      parameters,
    );
    assert.ok(fixesTried >= parameters.numRuns * 0.8, `only ${fixesTried} fixes tried`);
  },
);

test(
  "'Add all missing sections' leaves every existing character in place, leaves no section or subsection missing and adds no error",
  { timeout: testTimeout(120_000) },
  () => {
    fc.assert(
      fc.property(damaged, (text) => {
        const analysed = new BlueprintStore().get(textDocument(text));
        const action = analysed && addAllMissingSections(analysed, values);
        if (!action) return;
        const before = computeDiagnostics(analysed, settings());
        const after = applyChecked(text, before, action);
        assert.deepEqual(after.filter((d) => d.code === 'missing-section' || d.code === 'missing-subsection').map(key), []);
      }),
      fuzzParameters(30),
    );
  },
);

test(
  'quick fixes asked for with stale or hostile diagnostics are empty or still minimal, never an exception',
  { timeout: testTimeout(60_000) },
  () => {
    fc.assert(
      fc.property(damaged, hostileText, fc.nat(), (text, typed, where) => {
        const stale = diagnosticsOf(text);
        const at = where % (text.length + 1);
        const edited = text.slice(0, at) + typed + text.slice(at);
        const analysed = new BlueprintStore().get(textDocument(edited));
        if (!analysed) return;
        for (const diagnostic of stale) {
          for (const fix of quickFixesFor(analysed, diagnostic, values)) applyMinimal(edited, editsOf(fix));
        }
      }),
      fuzzParameters(30),
    );
  },
);
