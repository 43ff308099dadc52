import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentStatus } from '../../server/src/features/document-status';
import { analyse, fixture, templateText } from '../support/documents';

const filled = fixture('order-ledger.md');

/** The figures the status bar shows, without the placeholders' ranges. */
function figures(text: string) {
  const { placeholders, ...rest } = documentStatus(analyse(text));
  return { ...rest, placeholders: placeholders.length };
}

test('a filled-in blueprint: every section present, nothing left', () => {
  assert.deepEqual(figures(filled), {
    kind: 'Data Blueprint',
    sectionsPresent: 9,
    sectionsTotal: 9,
    emptySections: 0,
    missingSubsections: 0,
    placeholders: 0,
    tooLarge: false,
  });
});

test('an empty section, an empty subsection and a missing subsection are left to write, as the diagnostics say', () => {
  const text = filled
    .replace(/(## Purpose\n\n\*\*What this data system manages and why it exists.\*\*\n\n)[^]*?(?=---)/, '$1')
    .replace(/(### Limits\n)[^\n]*\n/, '$1')
    .replace(/### Alerts\n[^]*?(?=### Health Checks)/, '')
    .replace(/## Data Flow[^]*?(?=## State Management)/, '');
  assert.deepEqual(figures(text), {
    kind: 'Data Blueprint',
    sectionsPresent: 8,
    sectionsTotal: 9,
    emptySections: 2,
    missingSubsections: 1,
    placeholders: 0,
    tooLarge: false,
  });
});

test('the untouched template: every section present, its placeholders left, an empty section none (each has its placeholder)', () => {
  const status = figures(templateText);
  assert.deepEqual([status.sectionsPresent, status.emptySections, status.missingSubsections, status.placeholders], [9, 0, 0, 78]);
});
