import type { TextEdit } from 'vscode-languageserver';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { Blueprint, Section } from '../model/blueprint';
import { sameName, type SectionSchema } from '../model/schema';
import { insertBlock } from './document-edits';

/** A block of template text to insert at an offset (blank lines around it are added when inserted). */
export interface BlockInsertion {
  readonly offset: number;
  readonly block: string;
}

/** The first section of that name: the one a duplicate is measured against and subsections are added to. */
export function firstSectionNamed(model: Blueprint, name: string): Section | undefined {
  return model.sections.find((s) => sameName(s.heading.text, name));
}

export function templateBlock(source: string): string {
  return source.replace(/\s+$/, '');
}

/**
 * Where a missing section goes: after its nearest present predecessor in template order, that is
 * before whatever section follows that one, else before the footer, else at the end.
 */
export function sectionOffset({ model, schema }: AnalysedBlueprint, templateIndex: number): number {
  let predecessor: Section | undefined;
  for (let i = templateIndex - 1; i >= 0 && !predecessor; i--) predecessor = firstSectionNamed(model, schema.sections[i]!.name);
  const next = predecessor ? model.sections.find((s) => s.heading.span.start >= predecessor.span.end) : model.sections[0];
  return next?.heading.span.start ?? model.footer[0]?.span.start ?? model.length;
}

/** Where a missing subsection goes in its section: after its nearest present predecessor, else before the first subsection. */
export function subsectionOffset(section: Section, schema: SectionSchema, subsectionIndex: number): number {
  const present = (i: number) => section.subsections.find((s) => sameName(s.heading.text, schema.subsections[i]!.name));
  let predecessor: Section | undefined;
  for (let i = subsectionIndex - 1; i >= 0 && !predecessor; i--) predecessor = present(i);
  const next = predecessor ? section.subsections.find((s) => s.heading.span.start >= predecessor.span.end) : section.subsections[0];
  return next?.heading.span.start ?? section.contentEnd;
}

/** Every missing section and every missing subsection of a present section, in template order. */
export function missingSkeleton(analysed: AnalysedBlueprint): BlockInsertion[] {
  const insertions: BlockInsertion[] = [];
  analysed.schema.sections.forEach((sectionSchema, index) => {
    const section = firstSectionNamed(analysed.model, sectionSchema.name);
    if (!section) {
      insertions.push({ offset: sectionOffset(analysed, index), block: templateBlock(sectionSchema.source) });
      return;
    }
    sectionSchema.subsections.forEach((sub, subIndex) => {
      if (!section.subsections.some((s) => sameName(s.heading.text, sub.name))) {
        insertions.push({ offset: subsectionOffset(section, sectionSchema, subIndex), block: templateBlock(sub.source) });
      }
    });
  });
  return insertions;
}

/** One edit per offset, blocks meeting there joined in the order given. */
export function insertBlocks(analysed: AnalysedBlueprint, insertions: readonly BlockInsertion[]): TextEdit[] {
  const byOffset = new Map<number, string[]>();
  for (const { offset, block } of insertions) byOffset.set(offset, [...(byOffset.get(offset) ?? []), block]);
  return [...byOffset].sort(([a], [b]) => a - b).map(([offset, blocks]) => insertBlock(analysed.document, offset, blocks.join('\n\n')));
}
