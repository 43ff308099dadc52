import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { blueprintDiagnostics } from '../../server/src/features/checked-diagnostics';
import { analyse, fixture, settings } from '../support/documents';

const filled = fixture('order-ledger.md');
/** One placeholder, Data Flow missing, one subsection of Key Decisions missing; then the status given. */
function unfinished(status: string): string {
  return filled
    .replace('The order ledger records', 'The [Ledger name] records')
    .replace(/## Data Flow[^]*?(?=## )/, '')
    .replace('**Blueprint Status**: Review', `**Blueprint Status**: ${status}`);
}
const severities = (text: string, raw: Record<string, unknown> = {}) =>
  blueprintDiagnostics(analyse(text), settings(raw)).map((d) => `${String(d.code)} ${d.severity}`);

test('Draft: placeholders and missing sections are hints', () => {
  assert.deepEqual(severities(unfinished('Draft')), [
    `placeholder ${DiagnosticSeverity.Hint}`,
    `missing-section ${DiagnosticSeverity.Hint}`,
  ]);
});

test('Review: warnings; Approved: errors', () => {
  assert.deepEqual(severities(unfinished('Review')), [
    `placeholder ${DiagnosticSeverity.Warning}`,
    `missing-section ${DiagnosticSeverity.Warning}`,
  ]);
  assert.deepEqual(severities(unfinished('Approved')), [
    `placeholder ${DiagnosticSeverity.Error}`,
    `missing-section ${DiagnosticSeverity.Error}`,
  ]);
});

test('status values compare as the template spells them, case aside; a status that is none of them leaves the defaults', () => {
  assert.deepEqual(severities(unfinished('approved')).slice(0, 2), [
    `placeholder ${DiagnosticSeverity.Error}`,
    `missing-section ${DiagnosticSeverity.Error}`,
  ]);
  assert.deepEqual(severities(unfinished('Shipped')).slice(0, 2), [
    `placeholder ${DiagnosticSeverity.Warning}`,
    `missing-section ${DiagnosticSeverity.Warning}`,
  ]);
  assert.deepEqual(severities(unfinished('Reveiw')).slice(0, 2), [
    `placeholder ${DiagnosticSeverity.Warning}`,
    `missing-section ${DiagnosticSeverity.Warning}`,
  ]);
});

test('a blueprint that does not say its status yet is a draft: its placeholder, an empty value or no status line', () => {
  const hints = [`placeholder ${DiagnosticSeverity.Hint}`, `missing-section ${DiagnosticSeverity.Hint}`];
  // The status placeholder is itself a placeholder diagnostic, a hint like the others.
  assert.deepEqual(severities(unfinished('[Draft/Review/Approved]')), [hints[0], hints[0], hints[1]]);
  assert.deepEqual(severities(unfinished('')), [hints[0], hints[1], `invalid-status ${DiagnosticSeverity.Error}`]);
  const noStatus = unfinished('Review').replace('**Blueprint Status**: Review\n', '');
  assert.deepEqual(severities(noStatus), [...hints, `missing-footer-field ${DiagnosticSeverity.Hint}`]);
  const noFooter = unfinished('Review').replace(/\n---\n\n\*\*Blueprint Status\*\*[^]*$/, '\n');
  assert.deepEqual(severities(noFooter), [...hints, ...Array(3).fill(`missing-footer-field ${DiagnosticSeverity.Hint}`)]);
});

test('an explicit per-code setting wins, and severityByStatus false turns the feature off', () => {
  assert.deepEqual(severities(unfinished('Approved'), { diagnostics: { placeholder: 'information' } }), [
    `placeholder ${DiagnosticSeverity.Information}`,
    `missing-section ${DiagnosticSeverity.Error}`,
  ]);
  assert.deepEqual(severities(unfinished('Approved'), { severityByStatus: false }), [
    `placeholder ${DiagnosticSeverity.Warning}`,
    `missing-section ${DiagnosticSeverity.Warning}`,
  ]);
  assert.deepEqual(severities(unfinished('Draft'), { diagnostics: { placeholder: 'off' } }), [
    `missing-section ${DiagnosticSeverity.Hint}`,
  ]);
});

test('codes that are not about unfinished work keep their severity whatever the status', () => {
  const text = unfinished('Draft').replace('2026-11-20', '2026-13-01');
  assert.ok(severities(text).includes(`invalid-date ${DiagnosticSeverity.Error}`));
});

test('a missing footer field follows the status too: a hint in a Draft, an error once Approved', () => {
  const noAuthor = (status: string) => unfinished(status).replace(/\n\*\*Author\*\*: .*/, '');
  assert.ok(severities(noAuthor('Draft')).includes(`missing-footer-field ${DiagnosticSeverity.Hint}`));
  assert.ok(severities(noAuthor('Approved')).includes(`missing-footer-field ${DiagnosticSeverity.Error}`));
});
