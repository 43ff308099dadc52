import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { isCalendarDate } from '../../server/src/features/calendar-dates';
import { computeDiagnostics, findProblems } from '../../server/src/features/diagnostics';
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
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.message]),
    [['missing-section', "Missing section 'Data Flow'"]],
  );
  const titleStart = text.indexOf('Data Blueprint');
  assert.deepEqual(diagnostics[0]!.range, rangeOf(text, titleStart, text.indexOf('\n')));
  assert.equal(diagnostics[0]!.severity, DiagnosticSeverity.Warning);
});

test('missing-subsection is reported on its section heading', () => {
  const text = filled.replace(/### Alerts[\s\S]*?(?=### Health Checks)/, '');
  const diagnostics = diagnose(text);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.message]),
    [['missing-subsection', "Section 'Monitoring Points' is missing subsection 'Alerts'"]],
  );
  const heading = text.indexOf('Monitoring Points');
  assert.deepEqual(diagnostics[0]!.range, rangeOf(text, heading, heading + 'Monitoring Points'.length));
});

test('duplicate-section on the repeated heading only', () => {
  const { text, offsets } = withCursors(
    filled
      .replace('## Scaling Paths', '## Purpose\n\nAgain.\n\n## $0Purpose$1 \n\nAnd again.\n\n## Scaling Paths')
      .replace('## Purpose\n\nAgain.', '## Extra\n\nAgain.'),
  );
  const diagnostics = only(diagnose(text), 'duplicate-section');
  assert.deepEqual(
    diagnostics.map((d) => [d.message, d.range]),
    [["Duplicate section 'Purpose': the blueprint already has it above", rangeOf(text, offsets[0]!, offsets[1]!)]],
  );
});

test('section-order flags the section that is out of place, as information', () => {
  const purpose = /## Purpose[\s\S]*?(?=## Data Model)/.exec(filled)![0];
  const text = filled.replace(purpose, '').replace('## Scaling Paths', purpose + '## Scaling Paths');
  const diagnostics = diagnose(text);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.message, d.severity]),
    [['section-order', "Section 'Purpose' is out of template order: it belongs before 'Data Model'", DiagnosticSeverity.Information]],
  );
});

test('empty-section for a section with only its guidance line and for an empty subsection', () => {
  let text = filled.replace(/(## Purpose\n\n\*\*What this data system manages and why it exists.\*\*\n\n)[\s\S]*?(?=---)/, '$1');
  text = text.replace(/(### Limits\n)[^\n]*\n/, '$1');
  const diagnostics = diagnose(text);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.message]),
    [
      ['empty-section', "Section 'Purpose' is empty"],
      ['empty-section', "Subsection 'Limits' is empty"],
    ],
  );
});

test('a section holding only its guidance line is empty, and that is all: no missing-subsection for each of its subsections', () => {
  const emptied = filled.replace(/(## Data Model\n\n\*\*Complete data structure definition.\*\*\n\n)[\s\S]*?(?=---)/, '$1');
  const { text, offsets } = withCursors(emptied.replace('## Data Model', '## $0Data Model$1'));
  assert.deepEqual(
    diagnose(text).map((d) => [d.code, d.message, d.range]),
    [['empty-section', "Section 'Data Model' is empty", rangeOf(text, offsets[0]!, offsets[1]!)]],
  );
  // A heading alone (no guidance line either) is the same.
  const bare = filled.replace(/(## Data Flow\n\n)[\s\S]*?(?=---)/, '$1');
  assert.deepEqual(
    diagnose(bare).map((d) => d.message),
    ["Section 'Data Flow' is empty"],
  );
  // A section with some content of its own still gets one diagnostic per missing subsection.
  const partial = filled.replace(/### Processing Steps[\s\S]*?(?=---\n\n## State)/, '');
  assert.deepEqual(
    diagnose(partial).map((d) => d.message),
    ["Section 'Data Flow' is missing subsection 'Processing Steps'", "Section 'Data Flow' is missing subsection 'Output Destinations'"],
  );
});

test("a section whose bold line is the author's own words is not empty", () => {
  const text = filled.replace(/(## Purpose\n\n)[\s\S]*?(?=---)/, '$1**We keep every order.**\n\n');
  assert.deepEqual(diagnose(text), []);
});

test('invalid-status on the value, naming the allowed values', () => {
  const { text, offsets } = withCursors(filled.replace('**Blueprint Status**: Review', '**Blueprint Status**: $0Done$1'));
  const diagnostics = diagnose(text);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.message, d.severity, d.range]),
    [
      [
        'invalid-status',
        "Blueprint Status 'Done' is not one of Draft, Review, Approved",
        DiagnosticSeverity.Error,
        rangeOf(text, offsets[0]!, offsets[1]!),
      ],
    ],
  );
});

test('invalid-date says whether the day does not exist or the form is not YYYY-MM-DD', () => {
  const messages: Array<[string, string]> = [
    ['2026-02-30', "Last Updated '2026-02-30' is a day that does not exist: February 2026 has 28 days"],
    ['2024-02-30', "Last Updated '2024-02-30' is a day that does not exist: February 2024 has 29 days"],
    ['2026-04-31', "Last Updated '2026-04-31' is a day that does not exist: April 2026 has 30 days"],
    ['2026-13-01', "Last Updated '2026-13-01' is a day that does not exist: there is no month 13"],
    ['2026-00-10', "Last Updated '2026-00-10' is a day that does not exist: there is no month 0"],
    ['2026-11-00', "Last Updated '2026-11-00' is a day that does not exist: there is no day 0"],
    ['2026/11/5', "Last Updated '2026/11/5' is not written YYYY-MM-DD: write 2026-11-05"],
    ['2026-1-5', "Last Updated '2026-1-5' is not written YYYY-MM-DD: write 2026-01-05"],
    ['2026-11-05T14:30', "Last Updated '2026-11-05T14:30' is not written YYYY-MM-DD: write 2026-11-05"],
    ['20/11/2026', "Last Updated '20/11/2026' is not a date written YYYY-MM-DD"],
    ['2026/02/30', "Last Updated '2026/02/30' is not a date written YYYY-MM-DD"],
    ['yesterday', "Last Updated 'yesterday' is not a date written YYYY-MM-DD"],
  ];
  for (const [bad, message] of messages) {
    const { text, offsets } = withCursors(filled.replace('2026-11-20', `$0${bad}$1`));
    assert.deepEqual(
      diagnose(text).map((d) => [d.code, d.message, d.range]),
      [['invalid-date', message, rangeOf(text, offsets[0]!, offsets[1]!)]],
      bad,
    );
  }
  const { text, offsets } = withCursors(filled.replace('**Last Updated**: 2026-11-20', '$0**Last Updated**:$1'));
  assert.deepEqual(
    diagnose(text).map((d) => [d.code, d.message, d.range]),
    [['invalid-date', 'Last Updated is empty: write the date YYYY-MM-DD', rangeOf(text, offsets[0]!, offsets[1]!)]],
  );
  assert.ok(isCalendarDate('2024-02-29'));
  assert.ok(isCalendarDate('2000-02-29'));
  assert.ok(!isCalendarDate('1900-02-29'));
  assert.ok(!isCalendarDate('2023-02-29'));
});

test('invalid-status for an empty status says so', () => {
  const { text, offsets } = withCursors(filled.replace('**Blueprint Status**: Review', '$0**Blueprint Status**:$1'));
  assert.deepEqual(
    diagnose(text).map((d) => [d.code, d.message, d.range]),
    [['invalid-status', 'Blueprint Status is empty: write one of Draft, Review, Approved', rangeOf(text, offsets[0]!, offsets[1]!)]],
  );
});

test('a placeholder in a footer field is only a placeholder diagnostic', () => {
  const text = filled
    .replace('**Blueprint Status**: Review', '**Blueprint Status**: [Draft/Review/Approved]')
    .replace('2026-11-20', '[Date]');
  assert.deepEqual(
    diagnose(text).map((d) => d.code),
    ['placeholder', 'placeholder'],
  );
});

test('unknown-structure on a relationship end no typescript block declares', () => {
  const { text, offsets } = withCursors(
    filled.replace('- **Order** → **contains** → **OrderLine**', '- **Order** → **contains** → **$0Invoice$1**'),
  );
  const diagnostics = diagnose(text);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range, d.data]),
    [['unknown-structure', rangeOf(text, offsets[0]!, offsets[1]!), { structure: 'Invoice' }]],
  );
  // Every kind of declaration that counts is named.
  assert.equal(
    diagnostics[0]!.message,
    "Unknown structure 'Invoice': no interface, type, class or enum of that name is declared in this blueprint's typescript blocks",
  );
});

test('a placeholder at a relationship end is only a placeholder diagnostic', () => {
  const text = filled.replace('**OrderLine**\n', '**[Structure B]**\n');
  assert.deepEqual(
    diagnose(text).map((d) => d.code),
    ['placeholder'],
  );
});

test('severity per code follows blueprint.diagnostics settings, and off silences a code', () => {
  const text = filled
    .replace('Review', 'Done')
    .replace('- **Order** → **contains** → **OrderLine**', '- **Order** → **contains** → **[Thing]**');
  const diagnostics = diagnose(text, { diagnostics: { 'invalid-status': 'hint', placeholder: 'off' } });
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity]),
    [['invalid-status', DiagnosticSeverity.Hint]],
  );
  assert.deepEqual(
    diagnose(text, { diagnostics: { placeholder: 'error', 'invalid-status': 'loud' } }).map((d) => [d.code, d.severity]),
    [
      ['placeholder', DiagnosticSeverity.Error],
      ['invalid-status', DiagnosticSeverity.Error],
    ],
  );
});

test('diagnostic ranges stay exact with CRLF, a BOM, emoji and CJK', () => {
  const marked = '\uFEFF' + filled.replace('The order ledger records', 'The 注文 ledger 🧾 records $0[Owner]$1 and').replace(/\n/g, '\r\n');
  const { text, offsets } = withCursors(marked);
  const diagnostics = diagnose(text);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range]),
    [['placeholder', rangeOf(text, offsets[0]!, offsets[1]!)]],
  );
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

test("missing-footer-field for each template footer field absent: on the footer's last line, or on the title without a footer", () => {
  const { text, offsets } = withCursors(
    fixture('order-ledger.md')
      .replace('**Last Updated**: 2026-11-20\n', '')
      .replace('**Author**: Ada Lovelace', () => '$0**Author**: Ada Lovelace$1'),
  );
  const doc = textDocument(text);
  const missing = diagnose(text).filter((d) => d.code === 'missing-footer-field');
  assert.deepEqual(
    missing.map((d) => [d.message, d.range, d.severity, d.data]),
    [
      [
        "Missing footer field 'Last Updated'",
        { start: doc.positionAt(offsets[0]!), end: doc.positionAt(offsets[1]!) },
        DiagnosticSeverity.Warning,
        { field: 'Last Updated' },
      ],
    ],
  );
  const noFooter = fixture('order-ledger.md').replace(/\n---\n\n\*\*Blueprint Status\*\*[^]*$/, '\n');
  const title = textDocument(noFooter);
  assert.deepEqual(
    diagnose(noFooter)
      .filter((d) => d.code === 'missing-footer-field')
      .map((d) => [d.message, d.range.start, d.range.end]),
    [
      ["Missing footer field 'Blueprint Status'", title.positionAt(2), title.positionAt(noFooter.indexOf('\n'))],
      ["Missing footer field 'Last Updated'", title.positionAt(2), title.positionAt(noFooter.indexOf('\n'))],
      ["Missing footer field 'Author'", title.positionAt(2), title.positionAt(noFooter.indexOf('\n'))],
    ],
  );
});

test('typescript-syntax: a block that does not parse is reported at the token where the parser stopped, with its message', () => {
  // A colon forgotten after a field name: the parser stops at the type.
  const { text, offsets } = withCursors(filled.replace('  quantity: number;', '  quantity $0number$1;'));
  const diagnostics = diagnose(text);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity, d.message, d.range]),
    [['typescript-syntax', DiagnosticSeverity.Warning, 'Unexpected token, expected ";"', rangeOf(text, offsets[0]!, offsets[1]!)]],
  );
});

test('typescript-syntax: structures declared before and after the broken one still count, and so does its own name', () => {
  const { text, offsets } = withCursors(
    filled.replace('  email: string;\n};', '  email: $0;$1\n};\n\ninterface Refund {\n  orderId: string;\n}'),
  );
  const analysed = analyse(text);
  assert.deepEqual(
    analysed.model.structures.map((s) => s.name),
    ['Order', 'OrderLine', 'Customer', 'Refund', 'LedgerState'],
  );
  // The relationship `**Customer** -> **places** -> **Order**` names a declared structure: no unknown-structure.
  assert.deepEqual(
    computeDiagnostics(analysed, settings()).map((d) => [d.code, d.message, d.range]),
    [['typescript-syntax', 'Unexpected token', rangeOf(text, offsets[0]!, offsets[1]!)]],
  );
});

test('typescript-syntax: a block that ends too early is reported on its last token, never on an empty range', () => {
  const { text, offsets } = withCursors(
    filled.replace(
      'interface LedgerState {\n  orders: Map<string, Order>;\n  pending: Order[];\n}',
      'interface LedgerState {\n  orders: Map<string, Order>;\n  pending: Order[]$0;$1',
    ),
  );
  const [diagnostic] = only(diagnose(text), 'typescript-syntax');
  assert.deepEqual(diagnostic?.range, rangeOf(text, offsets[0]!, offsets[1]!));
  assert.ok(diagnostic.range.start.character < diagnostic.range.end.character);
});

test("typescript-syntax: placeholder names and the template's own code are no syntax errors", () => {
  assert.deepEqual(only(diagnose(templateText), 'typescript-syntax'), []);
  const text = filled.replace('interface OrderLine {', 'interface [OrderLine] {').replace('type Customer = {', 'type [Customer]Record = {');
  assert.deepEqual(only(diagnose(text), 'typescript-syntax'), []);
});

test('typescript-syntax: exact ranges inside a list item, after CRLF, a BOM, emoji and CJK', () => {
  const block = "- The ledger's 台帳 type 📦:\n\n  ```ts\n  interface Parcel {\n    weight: number\n    label $0string$1;\n  }\n  ```\n";
  const marked = '\uFEFF' + filled.replace('### Data Relationships', block + '\n### Data Relationships').replace(/\n/g, '\r\n');
  const { text, offsets } = withCursors(marked);
  assert.deepEqual(
    only(diagnose(text), 'typescript-syntax').map((d) => d.range),
    [rangeOf(text, offsets[0]!, offsets[1]!)],
  );
});

test('typescript-syntax follows its setting', () => {
  const text = filled.replace('  quantity: number;', '  quantity number;');
  assert.equal(
    only(diagnose(text, { diagnostics: { 'typescript-syntax': 'error' } }), 'typescript-syntax')[0]?.severity,
    DiagnosticSeverity.Error,
  );
  assert.deepEqual(only(diagnose(text, { diagnostics: { 'typescript-syntax': 'off' } }), 'typescript-syntax'), []);
});
