import type { TextEdit } from 'vscode-languageserver';
import { alignmentOf, type MissingField } from '../alignment/alignment';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { FooterFieldSchema } from '../template/schema';
import { templateBlock } from '../template/template-text';
import { insertBlock, lineBreakOf } from './document-edits';
import { continuesOnNextLine, endsWithHardBreak, footerBreakStyle, FOOTER_LINE_BREAK, lineEndAt } from '../model/footer-lines';
import type { FooterValues } from '../template/footer-values';
import { toRange } from '../lsp-ranges';

/** A block of template text to insert at an offset (blank lines around it are added when inserted). */
export interface BlockInsertion {
  readonly offset: number;
  readonly block: string;
}

/**
 * Every missing section and every missing subsection of a present section, in template order, each
 * where the alignment puts it (after its nearest present predecessor).
 */
export function missingSkeleton(analysed: AnalysedBlueprint): BlockInsertion[] {
  const alignment = alignmentOf(analysed);
  const insertions: BlockInsertion[] = [];
  let missing = 0;
  analysed.schema.sections.forEach((_, templateIndex) => {
    const absent = alignment.missingSections[missing];
    if (absent?.templateIndex === templateIndex) {
      insertions.push({ offset: absent.offset, block: templateBlock(absent.schema.source) });
      missing++;
      return;
    }
    for (const sub of alignment.occurrences[templateIndex]![0]!.missingSubsections)
      insertions.push({ offset: sub.offset, block: templateBlock(sub.schema.source) });
  });
  return insertions;
}

/** One edit per offset, blocks meeting there joined in the order given. */
export function insertBlocks(analysed: AnalysedBlueprint, insertions: readonly BlockInsertion[]): TextEdit[] {
  const byOffset = new Map<number, string[]>();
  for (const { offset, block } of insertions) byOffset.set(offset, [...(byOffset.get(offset) ?? []), block]);
  return [...byOffset].sort(([a], [b]) => a - b).map(([offset, blocks]) => insertBlock(analysed.document, offset, blocks.join('\n\n')));
}

/**
 * The edits that add what is missing: every missing section and subsection when `sections` (see
 * `missingSkeleton`), and these missing footer fields (see `footerFieldEdits`). Where both go at one
 * place (the footer's start, or the end of a blueprint without a footer) the sections come first,
 * and a new footer after them gets no second separator when the last of them ends with one.
 */
export function skeletonEdits(
  analysed: AnalysedBlueprint,
  sections: boolean,
  fields: readonly MissingField[],
  values: FooterValues,
): TextEdit[] {
  const insertions = sections ? missingSkeleton(analysed) : [];
  const footer = newFooter(analysed, fields, values, insertions);
  if (footer) return insertBlocks(analysed, [...insertions, footer]);
  return [...insertBlocks(analysed, insertions), ...footerFieldEdits(analysed, fields, values)];
}

const THEMATIC_BREAK_AT_END = /(?:^|\n) {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

function fieldLine(field: FooterFieldSchema, values: FooterValues): string {
  const value = field.kind === 'date' ? values.date : field.kind === 'person' && values.author ? values.author : `[${field.placeholder}]`;
  return `**${field.label}**: ${value}`;
}

/**
 * For a blueprint without a footer, the footer with these fields (in template order), each line
 * but the last ending with a backslash break, at the end: after a separator as in the template,
 * unless the blueprint's last section ends with one, or the last block inserted at the end does.
 */
function newFooter(
  analysed: AnalysedBlueprint,
  fields: readonly MissingField[],
  values: FooterValues,
  insertions: readonly BlockInsertion[],
): BlockInsertion | undefined {
  const { document, model } = analysed;
  if (model.footer.length > 0 || fields.length === 0) return undefined;
  const text = document.getText();
  const added = alignmentOf(analysed).missingFields.filter((field) => fields.includes(field));
  const atEnd = insertions.filter((i) => i.offset >= text.length);
  const lastInserted = atEnd[atEnd.length - 1];
  const last = model.sections[model.sections.length - 1];
  const separated = lastInserted
    ? THEMATIC_BREAK_AT_END.test(lastInserted.block)
    : last !== undefined && /^[-*_]/m.test(text.slice(last.contentEnd, last.span.end).trim());
  const lines = added.map((f) => fieldLine(f.schema, values)).join(FOOTER_LINE_BREAK + '\n');
  return { offset: text.length, block: (separated ? '' : '---\n\n') + lines };
}

/**
 * Edits that add these missing footer fields: each line where the alignment puts it (after the
 * nearest field before it in template order, or before the first field), with today's date and
 * the author where the template asks for them and its placeholder otherwise. Lines that another
 * line follows end with the footer's own hard break (see `footerBreakStyle`), so that it still
 * renders one field per line. A blueprint with no footer gets one (see `newFooter`).
 */
export function footerFieldEdits(analysed: AnalysedBlueprint, missing: readonly MissingField[], values: FooterValues): TextEdit[] {
  const { document, model } = analysed;
  const footer = newFooter(analysed, missing, values, []);
  if (footer) return insertBlocks(analysed, [footer]);
  if (missing.length === 0) return [];
  const text = document.getText();
  const lineBreak = lineBreakOf(document);
  const hardBreak = footerBreakStyle(text, model.footer);
  // Fields to add, in template order, grouped by the present field they follow (or, for the first ones, precede).
  const after = new Map<number, string[]>();
  const before: string[] = [];
  for (const field of alignmentOf(analysed).missingFields.filter((f) => missing.includes(f))) {
    const { insertion } = field;
    const line = fieldLine(field.schema, values);
    if (insertion.kind === 'after') after.set(insertion.field, [...(after.get(insertion.field) ?? []), line]);
    else before.push(line);
  }
  const edits: TextEdit[] = [];
  if (before.length > 0) {
    // A present field follows each of them.
    const first = model.footer[0]!.span.start;
    edits.push({ range: toRange(document, { start: first, end: first }), newText: before.map((l) => l + hardBreak + lineBreak).join('') });
  }
  for (const [index, lines] of after) {
    const field = model.footer[index]!;
    const end = lineEndAt(text, field.span.end);
    const followed = continuesOnNextLine(text, model.footer, index);
    const addedText = lines.map((l, i) => lineBreak + l + (i < lines.length - 1 || followed ? hardBreak : '')).join('');
    if (endsWithHardBreak(text, field) || hardBreak === '') {
      edits.push({ range: toRange(document, { start: end, end }), newText: addedText });
    } else {
      // The field was its paragraph's last line: it gets the break, in place of any trailing white space.
      edits.push({ range: toRange(document, { start: field.valueSpan.end, end }), newText: hardBreak + addedText });
    }
  }
  return edits.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
