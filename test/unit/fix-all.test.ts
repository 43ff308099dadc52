import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIX_ALL_KIND, fixAllActions, safeFixEdits } from '../../server/src/features/fix-all';
import { FIX_ALL, provideCodeActions } from '../../server/src/language-server/code-action-providers';
import { blueprintDiagnostics } from '../../server/src/features/checked-diagnostics';
import type { FooterValues } from '../../server/src/template/footer-values';
import { analyse, fixture, settings } from '../support/documents';
import { applyMinimal } from '../support/edits';

const values: FooterValues = { date: '2026-11-25', author: 'Ada Lovelace' };
const filled = fixture('order-ledger.md');
const fixAll = (text: string, raw: Record<string, unknown> = {}) => applyMinimal(text, safeFixEdits(analyse(text), settings(raw), values));
const codes = (text: string) => blueprintDiagnostics(analyse(text), settings()).map((d) => String(d.code));

test('an empty section with subsections gets them on save, as missing subsections did', () => {
  const emptyModel = filled.replace(/(## Data Model\n\n\*\*Complete data structure definition.\*\*\n\n)[\s\S]*?(?=---)/, '$1');
  assert.deepEqual(codes(emptyModel), ['empty-section']);
  const fixed = fixAll(emptyModel);
  assert.ok(
    fixed.includes('**Complete data structure definition.**\n\n### Core Data Structures\n\n```typescript\ninterface [PrimaryStructure] {'),
  );
  assert.deepEqual([...new Set(codes(fixed))], ['placeholder']);
});

test('status casing, an impossible date and the missing skeleton are fixed in one action', () => {
  const broken = filled
    .replace('**Blueprint Status**: Review', '**Blueprint Status**: REVIEW')
    .replace('2026-11-20', '2026-11-31')
    .replace(/## Data Flow[^]*?(?=## )/, '');
  assert.deepEqual(codes(broken), ['missing-section', 'invalid-status', 'invalid-date']);
  const fixed = fixAll(broken);
  assert.match(fixed, /\*\*Blueprint Status\*\*: Review\n\*\*Last Updated\*\*: 2026-11-25\n/);
  assert.deepEqual([...new Set(codes(fixed))], ['placeholder'], 'the added section brings the template placeholders');
});

test('a date written another way keeps its day when fixed on save', () => {
  assert.match(fixAll(filled.replace('2026-11-20', '2026/11/20')), /\*\*Last Updated\*\*: 2026-11-20\n/);
});

test('a status that is not a case variant is left to the author, even a misspelling with a preferred fix; a valid document is untouched', () => {
  const text = filled.replace('**Blueprint Status**: Review', '**Blueprint Status**: Shipped');
  assert.deepEqual(safeFixEdits(analyse(text), settings(), values), []);
  // `Reveiw` has its preferred quick fix, Review: the author applies it, saving does not.
  const typo = filled.replace('**Blueprint Status**: Review', '**Blueprint Status**: Reveiw');
  assert.deepEqual(safeFixEdits(analyse(typo), settings(), values), []);
  assert.deepEqual(safeFixEdits(analyse(filled), settings(), values), []);
});

test('codes turned off or silenced by a comment are not fixed', () => {
  const text = filled.replace('2026-11-20', '2026-11-31');
  assert.deepEqual(safeFixEdits(analyse(text), settings({ diagnostics: { 'invalid-date': 'off' } }), values), []);
  const silenced = text.replace('**Last Updated**', '<!-- blueprint-disable-next-line invalid-date -->\n**Last Updated**');
  assert.deepEqual(safeFixEdits(analyse(silenced), settings(), values), []);
});

test('the fix-all action holds every safe edit, and there is none when nothing is safe to fix', () => {
  const text = filled.replace('2026-11-20', '2026-11-31');
  const [action, ...others] = fixAllActions(analyse(text), settings(), values);
  assert.deepEqual(others, []);
  assert.deepEqual([action!.title, action!.kind], ['Fix all safe blueprint problems', FIX_ALL_KIND]);
  assert.equal(applyMinimal(text, action!.edit!.changes![analyse(text).document.uri]!), filled.replace('2026-11-20', '2026-11-25'));
  assert.deepEqual(fixAllActions(analyse(filled), settings(), values), []);
});

// Its provider offers it only when a client asks for fix-all by name (see also test/protocol/code-action-kinds.test.ts).
test('the action is offered only when fix-all is asked for', () => {
  const text = filled.replace('2026-11-20', '2026-11-31');
  const analysed = analyse(text);
  const provided = (only: string[] | undefined) =>
    provideCodeActions({ analysed, diagnostics: [], settings: settings(), values }, only, [FIX_ALL]);
  assert.deepEqual(provided(undefined), []);
  assert.deepEqual(provided(['source']), []);
  for (const only of [['source.fixAll'], [FIX_ALL_KIND]]) {
    const [action] = provided(only);
    assert.equal(action!.kind, 'source.fixAll.blueprint');
  }
});

test('missing footer fields are added on save, after any missing section', () => {
  const text = filled.replace(/## Monitoring Points[^]*?(?=---\n\n\*\*Blueprint Status)/, '').replace('**Blueprint Status**: Review\n', '');
  assert.deepEqual(codes(text), ['missing-section', 'missing-footer-field']);
  const fixed = fixAll(text);
  assert.match(
    fixed,
    /## Monitoring Points[^]*---\n\n\*\*Blueprint Status\*\*: \[Draft\/Review\/Approved\]\n\*\*Last Updated\*\*: 2026-11-20\n/,
  );
  assert.deepEqual([...new Set(codes(fixed))], ['placeholder']);
});
