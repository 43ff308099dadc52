import type { TextEdit } from 'vscode-languageserver';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { Blueprint, Section } from '../model/blueprint';
import { nameKey, sameName, type FooterFieldSchema, type SectionSchema } from '../model/schema';
import { insertBlock, lineBreakOf } from './document-edits';
import { continuesOnNextLine, endsWithHardBreak, footerBreakStyle, FOOTER_LINE_BREAK, lineEndAt } from './footer-lines';
import type { FooterValues } from './footer-values';
import { toRange } from './lsp-ranges';
import { withBlankLinesAroundBlocks } from './template-text';

/** A block of template text to insert at an offset (blank lines around it are added when inserted). */
export interface BlockInsertion {
  readonly offset: number;
  readonly block: string;
}

/** The first section of that name: the one a duplicate is measured against and subsections are added to. */
export function firstSectionNamed(model: Blueprint, name: string): Section | undefined {
  return model.sections.find((s) => sameName(s.heading.text, name));
}

/** A piece of the template as it is inserted: blank lines around its headings and lists (see `withBlankLinesAroundBlocks`), none at its end. */
export function templateBlock(source: string): string {
  return withBlankLinesAroundBlocks(source.replace(/\s+$/, ''));
}

/**
 * Where a missing section goes: after its nearest present predecessor in template order, that is
 * before whatever section follows that one, else before the footer, else at the end.
 */
export function sectionOffset({ model, schema }: AnalysedBlueprint, templateIndex: number): number {
  const present = firstIndexByName(model.sections);
  let predecessor = -1;
  for (let i = templateIndex - 1; i >= 0 && predecessor < 0; i--) predecessor = present.get(nameKey(schema.sections[i]!.name)) ?? -1;
  return sectionOffsetAfter(model, predecessor);
}

/** Where a missing subsection goes in its section: after its nearest present predecessor, else before the first subsection. */
export function subsectionOffset(section: Section, schema: SectionSchema, subsectionIndex: number): number {
  const present = firstIndexByName(section.subsections);
  let predecessor = -1;
  for (let i = subsectionIndex - 1; i >= 0 && predecessor < 0; i--) predecessor = present.get(nameKey(schema.subsections[i]!.name)) ?? -1;
  return subsectionOffsetAfter(section, predecessor);
}

/** Before the section after the one at `predecessor` (-1: before the first section), else before the footer, else at the end. */
function sectionOffsetAfter(model: Blueprint, predecessor: number): number {
  return model.sections[predecessor + 1]?.heading.span.start ?? model.footer[0]?.span.start ?? model.length;
}

function subsectionOffsetAfter(section: Section, predecessor: number): number {
  return section.subsections[predecessor + 1]?.heading.span.start ?? section.contentEnd;
}

/** The index of the first section of each name, by name key. */
function firstIndexByName(sections: readonly Section[]): Map<string, number> {
  const index = new Map<string, number>();
  sections.forEach((s, i) => {
    const key = nameKey(s.heading.text);
    if (!index.has(key)) index.set(key, i);
  });
  return index;
}

/**
 * Every missing section and every missing subsection of a present section, in template order.
 * One walk through the template, remembering the nearest present predecessor: linear in the sizes
 * of the blueprint and the template.
 */
export function missingSkeleton(analysed: AnalysedBlueprint): BlockInsertion[] {
  const { model } = analysed;
  const insertions: BlockInsertion[] = [];
  const present = firstIndexByName(model.sections);
  let predecessor = -1;
  for (const sectionSchema of analysed.schema.sections) {
    const index = present.get(nameKey(sectionSchema.name));
    if (index === undefined) {
      insertions.push({ offset: sectionOffsetAfter(model, predecessor), block: templateBlock(sectionSchema.source) });
      continue;
    }
    predecessor = index;
    const section = model.sections[index]!;
    const presentSubsections = firstIndexByName(section.subsections);
    let subPredecessor = -1;
    for (const sub of sectionSchema.subsections) {
      const subIndex = presentSubsections.get(nameKey(sub.name));
      if (subIndex === undefined)
        insertions.push({ offset: subsectionOffsetAfter(section, subPredecessor), block: templateBlock(sub.source) });
      else subPredecessor = subIndex;
    }
  }
  return insertions;
}

/** One edit per offset, blocks meeting there joined in the order given. */
export function insertBlocks(analysed: AnalysedBlueprint, insertions: readonly BlockInsertion[]): TextEdit[] {
  const byOffset = new Map<number, string[]>();
  for (const { offset, block } of insertions) byOffset.set(offset, [...(byOffset.get(offset) ?? []), block]);
  return [...byOffset].sort(([a], [b]) => a - b).map(([offset, blocks]) => insertBlock(analysed.document, offset, blocks.join('\n\n')));
}

/** The template's footer fields the blueprint's footer lacks, in template order. */
export function missingFooterFields({ model, schema }: Pick<AnalysedBlueprint, 'model' | 'schema'>): FooterFieldSchema[] {
  const present = new Set(model.footer.map((f) => nameKey(f.label)));
  return schema.footer.filter((field) => !present.has(nameKey(field.label)));
}

/**
 * Edits that add the footer fields named: each line after the nearest field before it in template
 * order (or before the first field after it), with today's date and the author where the template
 * asks for them and its placeholder otherwise. Lines that another line follows end with the
 * footer's own hard break (see `footerBreakStyle`), so that it still renders one field per line. A
 * blueprint with no footer gets the whole footer, each line but the last ending with a backslash
 * break, after a separator as in the template unless its last section already ends with one.
 */
export function footerFieldEdits(analysed: AnalysedBlueprint, labels: readonly string[], values: FooterValues): TextEdit[] {
  const { document, model, schema } = analysed;
  const text = document.getText();
  const lineBreak = lineBreakOf(document);
  const line = (field: FooterFieldSchema) =>
    `**${field.label}**: ${
      field.kind === 'date' ? values.date : field.kind === 'person' && values.author ? values.author : `[${field.placeholder}]`
    }`;
  const added = missingFooterFields(analysed).filter((field) => labels.some((label) => sameName(label, field.label)));

  if (added.length === 0) return [];
  if (model.footer.length === 0) {
    const last = model.sections[model.sections.length - 1];
    const separated = last !== undefined && /^[-*_]/m.test(text.slice(last.contentEnd, last.span.end).trim());
    return [insertBlock(document, text.length, (separated ? '' : '---\n\n') + added.map(line).join(FOOTER_LINE_BREAK + '\n'))];
  }
  const hardBreak = footerBreakStyle(text, model.footer);
  // Fields to add, grouped by the present field they follow (or, for the first ones, precede).
  const after = new Map<number, string[]>();
  const before: string[] = [];
  let previous = -1;
  for (const field of schema.footer) {
    const present = model.footer.findIndex((f) => sameName(f.label, field.label));
    if (present >= 0) previous = present;
    else if (added.includes(field) && previous >= 0) after.set(previous, [...(after.get(previous) ?? []), line(field)]);
    else if (added.includes(field)) before.push(line(field));
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
