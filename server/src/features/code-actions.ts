import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { FieldLine, HtmlSnippet, Section } from '../model/blueprint';
import { sameName } from '../model/schema';
import type { Span } from '../model/span';
import { asIsoDate } from './calendar-dates';
import { DIAGNOSTIC_SOURCE, findProblems, type DiagnosticCode, type DiagnosticData } from './diagnostics';
import { insertBlock, lineBreakOf, replaceSpan, withLineBreaks } from './document-edits';
import type { FooterValues } from './footer-values';
import { toOffset, toRange } from './lsp-ranges';
import {
  firstSectionNamed,
  footerFieldEdits,
  insertBlocks,
  missingFooterFields,
  missingSkeleton,
  sectionOffset,
  subsectionOffset,
  templateBlock,
} from './skeleton-edits';
import { templatePlaces } from './template-places';

/** The source action that completes the skeleton: every missing section and subsection. */
export const ADD_MISSING_SECTIONS_KIND = `${CodeActionKind.Source}.addMissingSections.blueprint`;

type FixMaker = (analysed: AnalysedBlueprint, span: Span, data: DiagnosticData, values: FooterValues) => Fix[];

/** A fix before it is tied to its diagnostic. */
interface Fix {
  readonly title: string;
  readonly edits: TextEdit[];
  readonly isPreferred?: boolean;
}

const FIXES: Partial<Record<DiagnosticCode, FixMaker>> = {
  'missing-section': addSection,
  'missing-subsection': addSubsection,
  'invalid-status': setFooterField,
  'invalid-date': setFooterField,
  placeholder: fillFooterPlaceholder,
  'unknown-structure': declareStructure,
  'duplicate-section': mergeDuplicate,
  'section-order': moveToTemplateOrder,
  'empty-section': fillFromTemplate,
  'missing-footer-field': addFooterField,
};

/**
 * The quick fixes for one of this server's diagnostics, each a minimal edit. Works from the model of
 * the document as it is now: a diagnostic that no longer holds gets no fix.
 */
export function quickFixesFor(analysed: AnalysedBlueprint, diagnostic: Diagnostic, values: FooterValues): CodeAction[] {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return [];
  const code = diagnostic.code as DiagnosticCode;
  const make = FIXES[code];
  if (!make) return [];
  const span: Span = { start: toOffset(analysed.document, diagnostic.range.start), end: toOffset(analysed.document, diagnostic.range.end) };
  const data =
    (diagnostic.data as DiagnosticData | undefined) ??
    findProblems(analysed).find((f) => f.code === code && f.span.start === span.start && f.span.end === span.end)?.data ??
    {};
  return make(analysed, span, data, values).map((fix): CodeAction => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    ...(fix.isPreferred ? { isPreferred: true } : {}),
    edit: { changes: { [analysed.document.uri]: fix.edits } },
  }));
}

/** "Add all missing sections": the whole missing skeleton in one edit, or undefined when nothing is missing. */
export function addAllMissingSections(analysed: AnalysedBlueprint): CodeAction | undefined {
  const insertions = missingSkeleton(analysed);
  if (insertions.length === 0) return undefined;
  return {
    title: 'Add all missing sections',
    kind: ADD_MISSING_SECTIONS_KIND,
    edit: { changes: { [analysed.document.uri]: insertBlocks(analysed, insertions) } },
  };
}

function addSection(analysed: AnalysedBlueprint, _span: Span, data: DiagnosticData): Fix[] {
  const index = analysed.schema.sections.findIndex((s) => data.section !== undefined && sameName(s.name, data.section));
  const section = analysed.schema.sections[index];
  if (!section || firstSectionNamed(analysed.model, section.name)) return [];
  return [
    {
      title: `Add section '${section.name}'`,
      isPreferred: true,
      edits: [insertBlock(analysed.document, sectionOffset(analysed, index), templateBlock(section.source))],
    },
  ];
}

function addSubsection(analysed: AnalysedBlueprint, _span: Span, data: DiagnosticData): Fix[] {
  const sectionSchema = analysed.schema.sections.find((s) => data.section !== undefined && sameName(s.name, data.section));
  const section = sectionSchema && firstSectionNamed(analysed.model, sectionSchema.name);
  const index = sectionSchema?.subsections.findIndex((s) => data.subsection !== undefined && sameName(s.name, data.subsection)) ?? -1;
  const sub = sectionSchema?.subsections[index];
  if (!sectionSchema || !section || !sub || section.subsections.some((s) => sameName(s.heading.text, sub.name))) return [];
  return [
    {
      title: `Add subsection '${sub.name}' to '${sectionSchema.name}'`,
      isPreferred: true,
      edits: [insertBlock(analysed.document, subsectionOffset(section, sectionSchema, index), templateBlock(sub.source))],
    },
  ];
}

/** Replaces a footer field's value (adding the space after its colon when there is none). */
function setValue(analysed: AnalysedBlueprint, field: FieldLine, value: string): TextEdit[] {
  const space = analysed.document.getText()[field.valueSpan.start - 1] === ':' ? ' ' : '';
  return [replaceSpan(analysed.document, field.valueSpan, space + value)];
}

/** The fixes for a footer field's value, whatever is wrong with it: its allowed values, today, the author. */
function footerFixes(analysed: AnalysedBlueprint, field: FieldLine, values: FooterValues): Fix[] {
  const fieldSchema = analysed.schema.footer.find((f) => sameName(f.label, field.label));
  if (!fieldSchema) return [];
  switch (fieldSchema.kind) {
    case 'choice': {
      // The closest value first; it is the obvious fix only when it is near and no other is as near.
      const closest = closestChoice(field.value, fieldSchema.values);
      const ordered = closest ? [closest, ...fieldSchema.values.filter((v) => v !== closest)] : fieldSchema.values;
      return ordered.map((value) => ({
        title: `Set ${fieldSchema.label} to '${value}'`,
        isPreferred: value === closest,
        edits: setValue(analysed, field, value),
      }));
    }
    case 'date': {
      const today: Fix = {
        title: `Set ${fieldSchema.label} to today (${values.date})`,
        isPreferred: true,
        edits: setValue(analysed, field, values.date),
      };
      // A date written another way keeps its day: rewriting it is the obvious fix, not today.
      const same = asIsoDate(field.value);
      if (same === undefined || same === field.value) return [today];
      return [
        { title: `Write ${fieldSchema.label} as ${same}`, isPreferred: true, edits: setValue(analysed, field, same) },
        { ...today, isPreferred: false },
      ];
    }
    case 'person':
      return values.author
        ? [{ title: `Set ${fieldSchema.label} to '${values.author}'`, isPreferred: true, edits: setValue(analysed, field, values.author) }]
        : [];
    default:
      return [];
  }
}

/**
 * The allowed value a mistyped one most likely meant: the nearest by edit distance, case aside
 * (`Reveiw` → `Review`, `approved` → `Approved`). None when two values are as near, or when even
 * the nearest is further than a third of its length (at least one edit) from what is written: then
 * the author chooses.
 */
export function closestChoice(written: string, values: readonly string[]): string | undefined {
  const typed = written.trim().toLowerCase();
  // A placeholder is no attempt at a value, and no status runs to a paragraph.
  if (typed === '' || /^\[[^\]]*\]$/.test(typed) || typed.length > 100) return undefined;
  const scored = values.map((value) => ({ value, distance: editDistance(typed, value.toLowerCase()) }));
  const best = Math.min(...scored.map((s) => s.distance));
  const nearest = scored.filter((s) => s.distance === best);
  if (nearest.length !== 1) return undefined;
  const { value, distance } = nearest[0]!;
  return distance <= Math.max(1, Math.floor(value.length / 3)) ? value : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours each cost one. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

function setFooterField(analysed: AnalysedBlueprint, _span: Span, data: DiagnosticData, values: FooterValues): Fix[] {
  const field = analysed.model.footer.find((f) => data.field !== undefined && sameName(f.label, data.field));
  return field ? footerFixes(analysed, field, values) : [];
}

/** A placeholder that is a footer field's whole value gets that field's fixes; other placeholders get none. */
function fillFooterPlaceholder(analysed: AnalysedBlueprint, span: Span, _data: DiagnosticData, values: FooterValues): Fix[] {
  const field = analysed.model.footer.find((f) => f.valueSpan.start === span.start && f.valueSpan.end === span.end);
  return field ? footerFixes(analysed, field, values) : [];
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * "Declare interface X": a stub added to the block where the template declares related structures
 * (its last structure block above the relationship bullets), the block, subsection or section
 * created from the template when absent.
 */
function declareStructure(analysed: AnalysedBlueprint, _span: Span, data: DiagnosticData): Fix[] {
  const name = data.structure;
  const home = templatePlaces(analysed.schema).structureHome;
  const { document, model } = analysed;
  if (!name || !IDENTIFIER.test(name) || !home || model.structures.some((s) => s.name === name)) return [];
  const stub = `interface ${name} {\n}`;
  const stubbed = (source: string, at: Span) => templateBlock(source.slice(0, at.start) + stub + source.slice(at.end));
  const fix = (edit: TextEdit): Fix[] => [{ title: `Declare interface ${name}`, isPreferred: true, edits: [edit] }];

  const sectionIndex = analysed.schema.sections.indexOf(home.section);
  const section = firstSectionNamed(model, home.section.name);
  if (!section) return fix(insertBlock(document, sectionOffset(analysed, sectionIndex), stubbed(home.section.source, home.inSection)));
  const place: Section | undefined = home.subsection
    ? section.subsections.find((s) => sameName(s.heading.text, home.subsection!.name))
    : section;
  if (!place) {
    const subIndex = home.section.subsections.indexOf(home.subsection!);
    return fix(
      insertBlock(document, subsectionOffset(section, home.section, subIndex), stubbed(home.subsection!.source, home.inSubsection!)),
    );
  }
  const inPlace = model.structures.filter((s) => s.span.start >= place.span.start && s.span.end <= place.span.end);
  const last = inPlace[inPlace.length - 1];
  if (last) {
    const lineBreak = lineBreakOf(document);
    return fix({
      range: toRange(document, { start: last.span.end, end: last.span.end }),
      newText: lineBreak + lineBreak + withLineBreaks(stub, lineBreak),
    });
  }
  // No structure there yet: the template's block for it, without the template's heading line.
  const source = home.subsection ? home.subsection.source : home.section.source;
  const at = home.subsection ? home.inSubsection! : home.inSection;
  const block = stubbed(source, at);
  return fix(insertBlock(document, place.contentEnd, block.slice(block.search(/\n/) + 1).replace(/^\s+/, '')));
}

/**
 * "Merge into the first 'X'": the duplicate's content moves to the end of the first section of that
 * name and its heading goes. Only a guidance line the first section already has is dropped.
 */
function mergeDuplicate(analysed: AnalysedBlueprint, span: Span, data: DiagnosticData): Fix[] {
  const { document, model } = analysed;
  if (!data.section) return [];
  const isSubsection = data.subsection !== undefined;
  const candidates = isSubsection
    ? (firstSectionNamed(model, data.section)?.subsections.filter((s) => sameName(s.heading.text, data.subsection!)) ?? [])
    : model.sections.filter((s) => sameName(s.heading.text, data.section!));
  const first = candidates[0];
  const duplicate = candidates.find((s) => s.heading.textSpan.start === span.start);
  if (!first || !duplicate || duplicate === first) return [];
  const text = document.getText();
  const sameGuidance = duplicate.guidance && first.guidance && sameName(duplicate.guidance.text, first.guidance.text);
  const contentStart = sameGuidance ? duplicate.guidance.span.end : duplicate.heading.span.end;
  const content = text.slice(contentStart, duplicate.contentEnd).replace(/^(?:[ \t]*(?:\r\n|\r|\n))+/, '');
  // A section takes its closing separator with it; a subsection leaves its section's separator in place.
  const removedEnd = pastWhiteSpace(text, isSubsection ? duplicate.contentEnd : duplicate.span.end);
  const edits: TextEdit[] = [];
  if (content.trim() !== '') edits.push(insertBlock(document, first.contentEnd, content));
  edits.push({ range: toRange(document, { start: duplicate.heading.span.start, end: removedEnd }), newText: '' });
  const name = isSubsection ? data.subsection : data.section;
  return [{ title: `Merge into the first '${name}'`, isPreferred: true, edits }];
}

/**
 * "Move 'X' before 'Y'": the section, with the separator that follows it, goes where the template
 * puts it among the sections present. A rule-control comment standing right before the next heading
 * belongs to that heading and stays.
 */
function moveToTemplateOrder(analysed: AnalysedBlueprint, span: Span, data: DiagnosticData): Fix[] {
  const { document, model, schema } = analysed;
  const section = model.sections.find((s) => s.heading.textSpan.start === span.start);
  const sectionSchema = schema.sections.find((s) => data.section !== undefined && sameName(s.name, data.section));
  if (!section || !sectionSchema || !sameName(section.heading.text, sectionSchema.name)) return [];
  const text = document.getText();
  const directiveAfterContent = model.directiveComments.find((c) => c.span.start >= section.contentEnd && c.span.start < section.span.end);
  const movedEnd = directiveAfterContent?.span.start ?? section.span.end;
  const moved = text.slice(section.heading.span.start, movedEnd).replace(/\s+$/, '');
  const removedEnd = pastWhiteSpace(text, movedEnd);

  // Where the diagnostic says it belongs: before, or after, a section already in template order.
  const before = data.before !== undefined ? firstSectionNamed(model, data.before) : undefined;
  const after = data.after !== undefined ? firstSectionNamed(model, data.after) : undefined;
  const target = before
    ? startWithDirectives(text, model.directiveComments, before.heading.span.start)
    : after
      ? pastWhiteSpace(text, after.span.end)
      : undefined;
  if (target === undefined || before === section || after === section || (target >= section.heading.span.start && target <= removedEnd))
    return [];
  return [
    {
      title: before
        ? `Move '${section.heading.text}' before '${before.heading.text}'`
        : `Move '${section.heading.text}' after '${after!.heading.text}'`,
      isPreferred: true,
      edits: [
        insertBlock(document, target, moved),
        { range: toRange(document, { start: section.heading.span.start, end: removedEnd }), newText: '' },
      ],
    },
  ];
}

/** Where a heading starts together with the rule-control comments right above it, which belong to it. */
function startWithDirectives(text: string, comments: readonly HtmlSnippet[], headingStart: number): number {
  let start = headingStart;
  for (let i = comments.length - 1; i >= 0; i--) {
    const comment = comments[i]!;
    if (comment.span.end > start) continue;
    if (text.slice(comment.span.end, start).trim() !== '') break;
    start = comment.span.start;
  }
  return start;
}

/** The first offset from `offset` on that is not white space: where the text after a removed or passed block starts. */
function pastWhiteSpace(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && /\s/.test(text[end]!)) end++;
  return end;
}

/**
 * "Fill 'X' from the template": everything the template has under the heading (after its guidance
 * line), subsections included, inserted under the empty section's heading and guidance.
 */
function fillFromTemplate(analysed: AnalysedBlueprint, span: Span, data: DiagnosticData): Fix[] {
  const { document, model, schema } = analysed;
  const sectionSchema = schema.sections.find((s) => data.section !== undefined && sameName(s.name, data.section));
  if (!sectionSchema) return [];
  const inTemplate = templatePlaces(schema).sections.get(sectionSchema);
  const isSubsection = data.subsection !== undefined;
  const templatePart = isSubsection ? inTemplate?.subsections.find((s) => sameName(s.heading.text, data.subsection!)) : inTemplate;
  const present = model.sections.flatMap((s) => [s, ...s.subsections]).find((s) => s.heading.textSpan.start === span.start);
  if (!templatePart || !present || present.contentBlockCount > 0) return [];
  const body = schema.text.slice(templatePart.guidance?.span.end ?? templatePart.heading.span.end, templatePart.contentEnd).trim();
  if (body === '') return [];
  const name = isSubsection ? data.subsection : sectionSchema.name;
  return [
    {
      title: `Fill '${name}' from the template`,
      isPreferred: true,
      edits: [insertBlock(document, present.contentEnd, templateBlock(body))],
    },
  ];
}

/** "Add footer field 'X'", or, when the blueprint has no footer, "Add the footer" with every field. */
function addFooterField(analysed: AnalysedBlueprint, _span: Span, data: DiagnosticData, values: FooterValues): Fix[] {
  const missing = missingFooterFields(analysed);
  const field = missing.find((f) => data.field !== undefined && sameName(f.label, data.field));
  if (!field) return [];
  const whole = analysed.model.footer.length === 0;
  const labels = whole ? missing.map((f) => f.label) : [field.label];
  const edits = footerFieldEdits(analysed, labels, values);
  if (edits.length === 0) return [];
  return [{ title: whole ? 'Add the footer from the template' : `Add footer field '${field.label}'`, isPreferred: true, edits }];
}
