import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { computeDiagnostics, findProblems, isCalendarDate } from '../../server/src/features/diagnostics';
import { withCursors } from '../support/cursor';
import { analyse, fixture, settings, templateText, textDocument } from '../support/documents';

const filled = fixture('order-ledger.md');

function diagnose(text: string, raw: Record<string, unknown> = {}): Diagnostic[] {
  return computeDiagnostics(analyse(text), settings(raw));
}

/** The expected range between markers $a and $b of a marked fixture. */
function rangeOf(text: string, start: number, end: number) {
  const doc = textDocument(text);
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

function only(diagnostics: Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

test('a fully filled-in blueprint has no diagnostic at all', () => {
  assert.deepEqual(diagnose(filled), []);
});

test('the untouched template: 78 placeholder warnings, one per placeholder, from [ to ]', () => {
  const diagnostics = diagnose(templateText);
  assert.equal(diagnostics.length, 78);
  const doc = textDocument(templateText);
  for (const d of diagnostics) {
    assert.equal(d.code, 'placeholder');
    assert.equal(d.source, 'blueprint');
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    const text = doc.getText(d.range);
    assert.match(text, /^\[[^\]]+\]$/);
    assert.equal(d.message, `Placeholder '${text}' is not filled in`);
  }
});

test('missing-section names each absent section, on the title', () => {
  const text = filled.replace(/## Data Flow[\s\S]*?(?=## State Management)/, '');
  const diagnostics = diagnose(text);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), [['missing-section', "Missing section 'Data Flow'"]]);
  const titleStart = text.indexOf('Data Blueprint');
  assert.deepEqual(diagnostics[0]!.range, rangeOf(text, titleStart, text.indexOf('\n')));
  assert.equal(diagnostics[0]!.severity, DiagnosticSeverity.Warning);
});

test('missing-subsection is reported on its section heading', () => {
  const text = filled.replace(/### Alerts[\s\S]*?(?=### Health Checks)/, '');
  const diagnostics = diagnose(text);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), [['missing-subsection', "Section 'Monitoring Points' is missing subsection 'Alerts'"]]);
  const heading = text.indexOf('Monitoring Points');
  assert.deepEqual(diagnostics[0]!.range, rangeOf(text, heading, heading + 'Monitoring Points'.length));
});

test('duplicate-section on the repeated heading only', () => {
  const { text, offsets } = withCursors(filled.replace('## Scaling Paths', '## Purpose\n\nAgain.\n\n## $0Purpose$1 \n\nAnd again.\n\n## Scaling Paths').replace('## Purpose\n\nAgain.', '## Extra\n\nAgain.'));
  const diagnostics = only(diagnose(text), 'duplicate-section');
  assert.deepEqual(diagnostics.map((d) => [d.message, d.range]), [["Duplicate section 'Purpose': the blueprint already has it above", rangeOf(text, offsets[0]!, offsets[1]!)]]);
});

test('section-order flags the section that is out of place, as information', () => {
  const purpose = /## Purpose[\s\S]*?(?=## Data Model)/.exec(filled)![0];
  const text = filled.replace(purpose, '').replace('## Scaling Paths', purpose + '## Scaling Paths');
  const diagnostics = diagnose(text);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.message, d.severity]), [
    ['section-order', "Section 'Purpose' is out of template order: it belongs before 'Data Model'", DiagnosticSeverity.Information],
  ]);
});

test('empty-section for a section with only its guidance line and for an empty subsection', () => {
  let text = filled.replace(/(## Purpose\n\n\*\*What this data system manages and why it exists.\*\*\n\n)[\s\S]*?(?=---)/, '$1');
  text = text.replace(/(### Limits\n)[^\n]*\n/, '$1');
  const diagnostics = diagnose(text);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), [
    ['empty-section', "Section 'Purpose' is empty"],
    ['empty-section', "Subsection 'Limits' is empty"],
  ]);
});

test('a section whose bold line is the author\'s own words is not empty', () => {
  const text = filled.replace(/(## Purpose\n\n)[\s\S]*?(?=---)/, '$1**We keep every order.**\n\n');
  assert.deepEqual(diagnose(text), []);
});

test('invalid-status on the value, naming the allowed values', () => {
  const { text, offsets } = withCursors(filled.replace('**Blueprint Status**: Review', '**Blueprint Status**: $0Done$1'));
  const diagnostics = diagnose(text);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.message, d.severity, d.range]), [
    ['invalid-status', "Blueprint Status 'Done' is not one of Draft, Review, Approved", DiagnosticSeverity.Error, rangeOf(text, offsets[0]!, offsets[1]!)],
  ]);
});

test('invalid-date for a date that is not a calendar day written YYYY-MM-DD', () => {
  for (const bad of ['2026-02-30', '20/11/2026', 'yesterday', '2026-1-5']) {
    const diagnostics = diagnose(filled.replace('2026-11-20', bad));
    assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), [['invalid-date', `Last Updated '${bad}' is not a calendar date written YYYY-MM-DD`]], bad);
  }
  assert.ok(isCalendarDate('2024-02-29'));
  assert.ok(!isCalendarDate('2023-02-29'));
});

test('a placeholder in a footer field is only a placeholder diagnostic', () => {
  const text = filled.replace('**Blueprint Status**: Review', '**Blueprint Status**: [Draft/Review/Approved]').replace('2026-11-20', '[Date]');
  assert.deepEqual(diagnose(text).map((d) => d.code), ['placeholder', 'placeholder']);
});

test('unknown-structure on a relationship end no typescript block declares', () => {
  const { text, offsets } = withCursors(filled.replace('- **Order** → **contains** → **OrderLine**', '- **Order** → **contains** → **$0Invoice$1**'));
  const diagnostics = diagnose(text);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.range, d.data]), [['unknown-structure', rangeOf(text, offsets[0]!, offsets[1]!), { structure: 'Invoice' }]]);
  assert.match(diagnostics[0]!.message as string, /^Unknown structure 'Invoice'/);
});

test('a placeholder at a relationship end is only a placeholder diagnostic', () => {
  const text = filled.replace('**OrderLine**\n', '**[Structure B]**\n');
  assert.deepEqual(diagnose(text).map((d) => d.code), ['placeholder']);
});

test('severity per code follows blueprint.diagnostics settings, and off silences a code', () => {
  const text = filled.replace('Review', 'Done').replace('- **Order** → **contains** → **OrderLine**', '- **Order** → **contains** → **[Thing]**');
  const diagnostics = diagnose(text, { diagnostics: { 'invalid-status': 'hint', placeholder: 'off' } });
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['invalid-status', DiagnosticSeverity.Hint]]);
  assert.deepEqual(diagnose(text, { diagnostics: { placeholder: 'error', 'invalid-status': 'loud' } }).map((d) => [d.code, d.severity]), [
    ['placeholder', DiagnosticSeverity.Error],
    ['invalid-status', DiagnosticSeverity.Error],
  ]);
});

test('diagnostic ranges stay exact with CRLF, a BOM, emoji and CJK', () => {
  const marked = '\uFEFF' + filled.replace('The order ledger records', 'The 注文 ledger 🧾 records $0[Owner]$1 and').replace(/\n/g, '\r\n');
  const { text, offsets } = withCursors(marked);
  const diagnostics = diagnose(text);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.range]), [['placeholder', rangeOf(text, offsets[0]!, offsets[1]!)]]);
  assert.equal(textDocument(text).getText(diagnostics[0]!.range), '[Owner]');
});

test('the problems of a version are found once: diagnostics and quick-fix requests share them', () => {
  const analysed = analyse(templateText);
  const first = findProblems(analysed);
  assert.equal(findProblems(analysed), first);
  assert.equal(findProblems({ model: analysed.model, schema: analysed.schema }), first);
  const edited = analyse(templateText.replace('[Data System Name]', 'Ledger'));
  assert.notEqual(findProblems(edited), first);
  assert.equal(findProblems(edited).filter((f) => f.code === 'placeholder').length, 77);
});

test('missing-footer-field for each template footer field absent: on the footer\'s last line, or on the title without a footer', () => {
  const { text, offsets } = withCursors(fixture('order-ledger.md')
    .replace('**Last Updated**: 2026-11-20\n', '')
    .replace('**Author**: Ada Lovelace', () => '$0**Author**: Ada Lovelace$1'));
  const doc = textDocument(text);
  const missing = diagnose(text).filter((d) => d.code === 'missing-footer-field');
  assert.deepEqual(missing.map((d) => [d.message, d.range, d.severity, d.data]), [[
    "Missing footer field 'Last Updated'", { start: doc.positionAt(offsets[0]!), end: doc.positionAt(offsets[1]!) }, DiagnosticSeverity.Warning, { field: 'Last Updated' },
  ]]);
  const noFooter = fixture('order-ledger.md').replace(/\n---\n\n\*\*Blueprint Status\*\*[^]*$/, '\n');
  const title = textDocument(noFooter);
  assert.deepEqual(diagnose(noFooter).filter((d) => d.code === 'missing-footer-field').map((d) => [d.message, d.range.start, d.range.end]), [
    ["Missing footer field 'Blueprint Status'", title.positionAt(2), title.positionAt(noFooter.indexOf('\n'))],
    ["Missing footer field 'Last Updated'", title.positionAt(2), title.positionAt(noFooter.indexOf('\n'))],
    ["Missing footer field 'Author'", title.positionAt(2), title.positionAt(noFooter.indexOf('\n'))],
  ]);
});

test('typescript-syntax: a block that does not parse is reported at the token where the parser stopped, with its message', () => {
  // A colon forgotten after a field name: the parser stops at the type.
  const { text, offsets } = withCursors(filled.replace('  quantity: number;', '  quantity $0number$1;'));
  const diagnostics = diagnose(text);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.message, d.range]), [
    ['typescript-syntax', DiagnosticSeverity.Warning, 'Unexpected token, expected ";"', rangeOf(text, offsets[0]!, offsets[1]!)],
  ]);
});

test('typescript-syntax: structures declared before and after the broken one still count, and so does its own name', () => {
  const { text, offsets } = withCursors(filled.replace('  email: string;\n};', '  email: $0;$1\n};\n\ninterface Refund {\n  orderId: string;\n}'));
  const analysed = analyse(text);
  assert.deepEqual(analysed.model.structures.map((s) => s.name), ['Order', 'OrderLine', 'Customer', 'Refund', 'LedgerState']);
  // The relationship `**Customer** -> **places** -> **Order**` names a declared structure: no unknown-structure.
  assert.deepEqual(computeDiagnostics(analysed, settings()).map((d) => [d.code, d.message, d.range]), [
    ['typescript-syntax', 'Unexpected token', rangeOf(text, offsets[0]!, offsets[1]!)],
  ]);
});

test('typescript-syntax: a block that ends too early is reported on its last token, never on an empty range', () => {
  const { text, offsets } = withCursors(filled.replace('interface LedgerState {\n  orders: Map<string, Order>;\n  pending: Order[];\n}', 'interface LedgerState {\n  orders: Map<string, Order>;\n  pending: Order[]$0;$1'));
  const [diagnostic] = only(diagnose(text), 'typescript-syntax');
  assert.deepEqual(diagnostic?.range, rangeOf(text, offsets[0]!, offsets[1]!));
  assert.ok(diagnostic!.range.start.character < diagnostic!.range.end.character);
});

test('typescript-syntax: placeholder names and the template\'s own code are no syntax errors', () => {
  assert.deepEqual(only(diagnose(templateText), 'typescript-syntax'), []);
  const text = filled.replace('interface OrderLine {', 'interface [OrderLine] {').replace('type Customer = {', 'type [Customer]Record = {');
  assert.deepEqual(only(diagnose(text), 'typescript-syntax'), []);
});

test('typescript-syntax: exact ranges inside a list item, after CRLF, a BOM, emoji and CJK', () => {
  const block = '- The ledger\'s 台帳 type 📦:\n\n  ```ts\n  interface Parcel {\n    weight: number\n    label $0string$1;\n  }\n  ```\n';
  const marked = '\uFEFF' + filled.replace('### Data Relationships', block + '\n### Data Relationships').replace(/\n/g, '\r\n');
  const { text, offsets } = withCursors(marked);
  assert.deepEqual(only(diagnose(text), 'typescript-syntax').map((d) => d.range), [rangeOf(text, offsets[0]!, offsets[1]!)]);
});

test('typescript-syntax follows its setting', () => {
  const text = filled.replace('  quantity: number;', '  quantity number;');
  assert.equal(only(diagnose(text, { diagnostics: { 'typescript-syntax': 'error' } }), 'typescript-syntax')[0]?.severity, DiagnosticSeverity.Error);
  assert.deepEqual(only(diagnose(text, { diagnostics: { 'typescript-syntax': 'off' } }), 'typescript-syntax'), []);
});
