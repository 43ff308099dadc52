import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import { blueprintDiagnostics } from '../../server/src/features/checked-diagnostics';
import { quickFixesFor } from '../../server/src/features/code-actions';
import { completions } from '../../server/src/features/completion';
import { safeFixEdits } from '../../server/src/features/fix-all';
import type { FooterValues } from '../../server/src/template/footer-values';
import { withCursor, withCursors } from '../support/cursor';
import { analyse, applyEdits, fixture, settings, textDocument } from '../support/documents';
import { applyMinimal } from '../support/edits';

// People end the footer's lines with hard breaks because GitHub renders the template's three lines
// as one; the value is what comes before the break, and every fix keeps the break.

const values: FooterValues = { date: '2026-11-25', author: 'Ada Lovelace' };
const ledger = fixture('order-ledger.md');
const PLAIN_FOOTER = '**Blueprint Status**: Review\n**Last Updated**: 2026-11-20\n**Author**: Ada Lovelace\n';

/** The ledger with its footer written another way. */
function withFooter(footer: string): string {
  assert.ok(ledger.endsWith(PLAIN_FOOTER));
  return ledger.slice(0, -PLAIN_FOOTER.length) + footer;
}

const diagnose = (text: string): Diagnostic[] => blueprintDiagnostics(analyse(text), settings());

function fixes(text: string, code: string): CodeAction[] {
  const diagnostic = diagnose(text).find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} in ${JSON.stringify(diagnose(text).map((d) => d.message))}`);
  return quickFixesFor(analyse(text), diagnostic, values);
}

const editsOf = (action: CodeAction): TextEdit[] => Object.values(action.edit!.changes!)[0]!;

test('a value ends before a hard break: a backslash, two spaces, <br>, <br/>, <br /> in any case', () => {
  const { text, offsets } = withCursors(
    withFooter(
      '**Blueprint Status**: $0Review$1\\\n**Last Updated**: $22026-11-20$3 <br/>\n**Author**: $4Ada Lovelace$5  \n**Reviewer**: $6Grace$7<BR />\n**Team**: $8Ledger$9<br>\n',
    ),
  );
  const footer = analyse(text).model.footer;
  assert.deepEqual(
    footer.map((f) => [f.label, f.value, f.valueSpan]),
    [
      ['Blueprint Status', 'Review', { start: offsets[0], end: offsets[1] }],
      ['Last Updated', '2026-11-20', { start: offsets[2], end: offsets[3] }],
      ['Author', 'Ada Lovelace', { start: offsets[4], end: offsets[5] }],
      ['Reviewer', 'Grace', { start: offsets[6], end: offsets[7] }],
      ['Team', 'Ledger', { start: offsets[8], end: offsets[9] }],
    ],
  );
  assert.deepEqual(diagnose(text), []);
});

test('a filled-in blueprint whose footer ends each line with a break has no diagnostic, with CRLF and a BOM too', () => {
  for (const footer of [
    '**Blueprint Status**: Review\\\n**Last Updated**: 2026-11-20\\\n**Author**: Ada Lovelace\n',
    '**Blueprint Status**: Review<br>\n**Last Updated**: 2026-11-20<br>\n**Author**: Ada Lovelace<br>\n',
    '**Blueprint Status**: Approved<br />\n**Last Updated**: 2026-11-20<br />\n**Author**: 山田 太郎 🧾\n',
  ]) {
    assert.deepEqual(diagnose(withFooter(footer)), [], footer);
    assert.deepEqual(diagnose('\uFEFF' + withFooter(footer).replace(/\n/g, '\r\n')), [], footer);
  }
});

test("a team's blueprint (references, footnotes, Mermaid, SQL, YAML, an enum, CJK) with a broken-up footer is clean, and stays so when fixed", () => {
  const stock = fixture('stock-levels.md');
  assert.ok(stock.endsWith('**Blueprint Status**: Approved\\\n**Last Updated**: 2026-11-24<br>\n**Author**: 山田 太郎 & Ada Lovelace\n'));
  assert.deepEqual(diagnose(stock), []);
  assert.deepEqual(diagnose('\uFEFF' + stock.replace(/\n/g, '\r\n')), []);
  // The date line taken out and put back by its quick fix: today, in the footer's first style of break.
  const noDate = stock.replace('**Last Updated**: 2026-11-24<br>\n', '');
  const [add] = fixes(noDate, 'missing-footer-field');
  const added = applyMinimal(noDate, editsOf(add!));
  assert.equal(added, stock.replace('**Last Updated**: 2026-11-24<br>', '**Last Updated**: 2026-11-25\\'));
  assert.deepEqual(diagnose(added), []);
  // An impossible date, fixed: the <br> stays.
  const impossible = stock.replace('2026-11-24', '2026-11-31');
  assert.deepEqual(
    diagnose(impossible).map((d) => d.message),
    ["Last Updated '2026-11-31' is a day that does not exist: November 2026 has 30 days"],
  );
  assert.equal(applyMinimal(impossible, editsOf(fixes(impossible, 'invalid-date')[0]!)), stock.replace('2026-11-24<br>', '2026-11-25<br>'));
});

test('a backslash that ends the paragraph is text, as it renders: part of the value', () => {
  const { text, offsets } = withCursors(
    withFooter('**Author**: Ada Lovelace\\\n**Last Updated**: 2026-11-20\\\n**Blueprint Status**: $0Review\\$1\n'),
  );
  assert.deepEqual(
    diagnose(text).map((d) => [d.code, d.message, d.range]),
    [
      [
        'invalid-status',
        "Blueprint Status 'Review\\' is not one of Draft, Review, Approved",
        { start: textDocument(text).positionAt(offsets[0]!), end: textDocument(text).positionAt(offsets[1]!) },
      ],
    ],
  );
  // Its preferred fix is the value without the stray backslash.
  const [preferred] = fixes(text, 'invalid-status');
  assert.equal(preferred!.isPreferred, true);
  assert.equal(
    applyMinimal(text, editsOf(preferred!)),
    withFooter('**Author**: Ada Lovelace\\\n**Last Updated**: 2026-11-20\\\n**Blueprint Status**: Review\n'),
  );
});

test('every fix that rewrites a value keeps the break after it', () => {
  const typo = withFooter('**Blueprint Status**: Reveiw\\\n**Last Updated**: 2026-11-20\\\n**Author**: Ada Lovelace\n');
  const [review] = fixes(typo, 'invalid-status');
  assert.equal(review!.title, "Set Blueprint Status to 'Review'");
  assert.equal(
    applyMinimal(typo, editsOf(review!)),
    withFooter('**Blueprint Status**: Review\\\n**Last Updated**: 2026-11-20\\\n**Author**: Ada Lovelace\n'),
  );

  const slashes = withFooter('**Blueprint Status**: Review<br/>\n**Last Updated**: 2026/11/5 <br/>\n**Author**: Ada Lovelace\n');
  const [rewrite, today] = fixes(slashes, 'invalid-date');
  assert.equal(
    applyMinimal(slashes, editsOf(rewrite!)),
    withFooter('**Blueprint Status**: Review<br/>\n**Last Updated**: 2026-11-05 <br/>\n**Author**: Ada Lovelace\n'),
  );
  assert.equal(
    applyMinimal(slashes, editsOf(today!)),
    withFooter('**Blueprint Status**: Review<br/>\n**Last Updated**: 2026-11-25 <br/>\n**Author**: Ada Lovelace\n'),
  );

  const placeholders = withFooter(
    '**Blueprint Status**: [Draft/Review/Approved]\\\r\n**Last Updated**: [Date]\\\r\n**Author**: [Name]\r\n',
  );
  const date = quickFixesFor(
    analyse(placeholders),
    diagnose(placeholders).find((d) => d.message === "Placeholder '[Date]' is not filled in")!,
    values,
  );
  assert.equal(applyMinimal(placeholders, editsOf(date[0]!)), placeholders.replace('[Date]\\', '2026-11-25\\'));

  // Fix on save, too.
  const onSave = withFooter('**Blueprint Status**: REVIEW\\\n**Last Updated**: 2026-11-31\\\n**Author**: Ada Lovelace\n');
  assert.equal(
    applyMinimal(onSave, safeFixEdits(analyse(onSave), settings(), values)),
    withFooter('**Blueprint Status**: Review\\\n**Last Updated**: 2026-11-25\\\n**Author**: Ada Lovelace\n'),
  );
});

test('completing a footer value replaces the value and leaves the break', () => {
  const { text, offset } = withCursor(
    withFooter('**Blueprint Status**: Dr$0\\\n**Last Updated**: 2026-11-20\\\n**Author**: Ada Lovelace\n'),
  );
  const analysed = analyse(text);
  const items = completions(analysed, analysed.document.positionAt(offset), values);
  assert.deepEqual(
    items.map((i) => i.label),
    ['Draft', 'Review', 'Approved'],
  );
  const edit = items[0]!.textEdit as TextEdit;
  assert.equal(
    applyEdits(text, [edit]),
    withFooter('**Blueprint Status**: Draft\\\n**Last Updated**: 2026-11-20\\\n**Author**: Ada Lovelace\n'),
  );
});

test("a field added to a footer follows that footer's style of break", () => {
  const add = (footer: string) => {
    const text = withFooter(footer);
    const [fix] = fixes(text, 'missing-footer-field');
    return applyMinimal(text, editsOf(fix!)).slice(ledger.length - PLAIN_FOOTER.length);
  };
  // Backslashes: the last line gets one when a line is added after it; lines added before or between carry one.
  assert.equal(
    add('**Blueprint Status**: Review\\\n**Last Updated**: 2026-11-20\n'),
    '**Blueprint Status**: Review\\\n**Last Updated**: 2026-11-20\\\n**Author**: Ada Lovelace\n',
  );
  assert.equal(
    add('**Blueprint Status**: Review\\\n**Author**: Ada Lovelace\n'),
    '**Blueprint Status**: Review\\\n**Last Updated**: 2026-11-25\\\n**Author**: Ada Lovelace\n',
  );
  assert.equal(
    add('**Last Updated**: 2026-11-20\\\n**Author**: Ada Lovelace\n'),
    '**Blueprint Status**: [Draft/Review/Approved]\\\n**Last Updated**: 2026-11-20\\\n**Author**: Ada Lovelace\n',
  );
  // <br> as written, a trailing space giving way to it.
  assert.equal(
    add('**Blueprint Status**: Review <BR/>\n**Last Updated**: 2026-11-20 \n'),
    '**Blueprint Status**: Review <BR/>\n**Last Updated**: 2026-11-20<BR/>\n**Author**: Ada Lovelace\n',
  );
  // Two trailing spaces become a hard break as soon as a line follows: they are left as they are.
  assert.equal(
    add('**Blueprint Status**: Review <BR/>\n**Last Updated**: 2026-11-20  \n'),
    '**Blueprint Status**: Review <BR/>\n**Last Updated**: 2026-11-20  \n**Author**: Ada Lovelace\n',
  );
  // Plain lines stay plain: the author wants them so (or has them in paragraphs of their own).
  assert.equal(
    add('**Blueprint Status**: Review\n**Last Updated**: 2026-11-20\n'),
    '**Blueprint Status**: Review\n**Last Updated**: 2026-11-20\n**Author**: Ada Lovelace\n',
  );
  // A single line shows no style: it gets the backslash that new blueprints have.
  const single = withFooter('**Blueprint Status**: Review\n');
  assert.deepEqual(
    fixes(single, 'missing-footer-field').map((f) => f.title),
    ["Add footer field 'Last Updated'"],
  );
  assert.equal(add('**Blueprint Status**: Review\n'), '**Blueprint Status**: Review\\\n**Last Updated**: 2026-11-25\n');
});

test('fields added on save follow the style too, every missing one in one edit set', () => {
  const text = withFooter('**Last Updated**: 2026-11-20\n').replace(/\n/g, '\r\n');
  const fixed = applyMinimal(text, safeFixEdits(analyse(text), settings(), values));
  assert.ok(
    fixed.endsWith(
      '---\r\n\r\n**Blueprint Status**: [Draft/Review/Approved]\\\r\n**Last Updated**: 2026-11-20\\\r\n**Author**: Ada Lovelace\r\n',
    ),
    JSON.stringify(fixed.slice(-140)),
  );
  assert.deepEqual(
    diagnose(fixed).map((d) => d.code),
    ['placeholder'],
  );
});
