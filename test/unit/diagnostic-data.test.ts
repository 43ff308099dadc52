import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { quickFixesFor } from '../../server/src/features/code-actions';
import { computeDiagnostics, findingFor, findProblems, type DiagnosticDataByCode } from '../../server/src/features/diagnostics';
import { type DiagnosticCode } from '../../server/src/diagnostic-codes';
import type { FooterValues } from '../../server/src/template/footer-values';
import { analyse, fixture, settings } from '../support/documents';

// Each code's diagnostics carry the `data` its type says (DiagnosticDataByCode), and a quick fix
// asked for with a diagnostic as a client sends it back (through JSON) finds the very finding it
// was made from: the data says which, never a name compared again in the fix.

const values: FooterValues = { date: '2026-11-25', author: 'Ada Lovelace' };
const filled = fixture('order-ledger.md');

/** A blueprint with a problem of every code that carries data. */
const purpose = /## Purpose[^]*?(?=## Data Model)/.exec(filled)![0];
const broken = filled
  .replace(purpose, '')
  .replace('## Scaling Paths', purpose + '## Scaling Paths')
  .replace(/## Data Flow[^]*?(?=## State Management)/, '')
  .replace(/### Alerts\n[^]*?(?=### Health Checks)/, '')
  .replace(/(### Limits\n)[^\n]*\n/, '$1')
  .replace('## Data Integrity', '## Data Validation\n\nAlso checked by the nightly job.\n\n## Data Integrity')
  .replace('- **Order** → **contains** → **OrderLine**', '- **Order** → **contains** → **Invoice**')
  .replace('**Blueprint Status**: Review', '**Blueprint Status**: Reveiw')
  .replace('**Last Updated**: 2026-11-20', '**Last Updated**: 2026/11/5')
  .replace('**Author**: Ada Lovelace\n', '');

type Expected = { [C in DiagnosticCode]: readonly [C, DiagnosticDataByCode[C]] }[DiagnosticCode];

test('every code carries the data its type says, the template spelling the names', () => {
  const expected: Expected[] = [
    ['duplicate-section', { section: 'Data Validation' }],
    ['empty-section', { section: 'Scaling Paths', subsection: 'Limits' }],
    ['missing-subsection', { section: 'Monitoring Points', subsection: 'Alerts' }],
    ['missing-section', { section: 'Data Flow' }],
    ['section-order', { section: 'Purpose', before: 'Data Model' }],
    ['missing-footer-field', { field: 'Author' }],
    ['invalid-status', { field: 'Blueprint Status' }],
    ['invalid-date', { field: 'Last Updated' }],
    ['unknown-structure', { structure: 'Invoice' }],
  ];
  assert.deepEqual(
    computeDiagnostics(analyse(broken), settings()).map((d) => [d.code, d.data]),
    expected,
  );
  // Codes without data send none.
  const placeholder = computeDiagnostics(analyse(filled.replace('Ada Lovelace', '[Name]')), settings());
  assert.deepEqual(
    placeholder.map((d) => [d.code, 'data' in d]),
    [['placeholder', false]],
  );
});

test('a diagnostic back from the client, through JSON, finds its very finding, and gets the fixes the original gets', () => {
  const analysed = analyse(broken);
  const diagnostics = computeDiagnostics(analysed, settings());
  const findings = findProblems(analysed);
  for (const diagnostic of diagnostics) {
    const sent = JSON.parse(JSON.stringify(diagnostic)) as Diagnostic;
    const finding = findingFor(analysed, sent);
    assert.ok(finding, String(diagnostic.code));
    assert.equal(
      finding,
      findings.find((f) => f.code === diagnostic.code && f.message === diagnostic.message),
    );
    const fixes = quickFixesFor(analysed, sent, values);
    assert.ok(fixes.length > 0, `no fix for ${String(diagnostic.code)}`);
    assert.deepEqual(
      fixes.map((f) => [f.title, f.edit]),
      quickFixesFor(analysed, diagnostic, values).map((f) => [f.title, f.edit]),
    );
  }
});

test('data naming something else, or with fields of its own, matches no finding; without data the message decides', () => {
  const analysed = analyse(broken);
  const missing = computeDiagnostics(analysed, settings()).find((d) => d.code === 'missing-section')!;
  const withData = (data: unknown): Diagnostic => ({ ...missing, data });
  assert.deepEqual(
    quickFixesFor(analysed, missing, values).map((f) => f.title),
    ["Add section 'Data Flow'"],
  );
  assert.equal(findingFor(analysed, withData({ section: 'Data Model' })), undefined, 'present: nothing to add');
  assert.equal(findingFor(analysed, withData({ section: 'Data Flow', subsection: 'Input Sources' })), undefined);
  assert.equal(findingFor(analysed, withData('Data Flow')), undefined);
  const { data: _data, ...withoutData } = missing;
  assert.equal(findingFor(analysed, withoutData)?.code, 'missing-section');
  assert.equal(findingFor(analysed, { ...withoutData, message: "Missing section 'Data Model'" }), undefined);
  // Another server's diagnostic with the same code is not ours.
  assert.equal(findingFor(analysed, { ...missing, source: 'markdownlint' }), undefined);
  assert.equal(findingFor(analysed, { ...missing, code: 'MD025' }), undefined);
});
