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
  assert.deepEqual(severities(unfinished('Draft')), [`placeholder ${DiagnosticSeverity.Hint}`, `missing-section ${DiagnosticSeverity.Hint}`]);
});

test('Review: warnings; Approved: errors', () => {
  assert.deepEqual(severities(unfinished('Review')), [`placeholder ${DiagnosticSeverity.Warning}`, `missing-section ${DiagnosticSeverity.Warning}`]);
  assert.deepEqual(severities(unfinished('Approved')), [`placeholder ${DiagnosticSeverity.Error}`, `missing-section ${DiagnosticSeverity.Error}`]);
});

test('status values compare as the template spells them, case aside; an unknown or unfilled status leaves the defaults', () => {
  assert.deepEqual(severities(unfinished('approved')).slice(0, 2), [`placeholder ${DiagnosticSeverity.Error}`, `missing-section ${DiagnosticSeverity.Error}`]);
  assert.deepEqual(severities(unfinished('Shipped')).slice(0, 2), [`placeholder ${DiagnosticSeverity.Warning}`, `missing-section ${DiagnosticSeverity.Warning}`]);
  assert.deepEqual(severities(unfinished('[Draft/Review/Approved]'))[0], `placeholder ${DiagnosticSeverity.Warning}`);
});

test('an explicit per-code setting wins, and severityByStatus false turns the feature off', () => {
  assert.deepEqual(severities(unfinished('Approved'), { diagnostics: { placeholder: 'information' } }),
    [`placeholder ${DiagnosticSeverity.Information}`, `missing-section ${DiagnosticSeverity.Error}`]);
  assert.deepEqual(severities(unfinished('Approved'), { severityByStatus: false }),
    [`placeholder ${DiagnosticSeverity.Warning}`, `missing-section ${DiagnosticSeverity.Warning}`]);
  assert.deepEqual(severities(unfinished('Draft'), { diagnostics: { placeholder: 'off' } }), [`missing-section ${DiagnosticSeverity.Hint}`]);
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
