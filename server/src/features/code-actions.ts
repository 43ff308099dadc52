import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import {
  alignmentOf,
  type AlignedField,
  type AlignedSection,
  type AlignedSubsection,
  type MissingField,
  type MissingSection,
  type MissingSubsection,
} from '../alignment/alignment';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { HtmlSnippet, Placeholder, RelationshipPart, Section } from '../model/blueprint';
import type { Span } from '../model/span';
import { templateBlock } from '../template/template-text';
import { asIsoDate } from './calendar-dates';
import { findingFor, type Finding } from './diagnostics';
import { updateDiagramEdits } from './diagrams';
import { insertBlock, lineBreakOf, replaceSpan, withLineBreaks } from './document-edits';
import type { FooterValues } from '../template/footer-values';
import { toRange } from '../lsp-ranges';
import { footerFieldEdits, skeletonEdits } from './skeleton-edits';

/**
 * The code actions of a blueprint, in families of pure functions: the quick fixes for given
 * diagnostics (here), "Add all missing sections" (here), fix-all (fix-all.ts) and the rule-control
 * "ignore" actions (rule-control.ts). None looks at the request's `context.only`: the server's
 * code-action providers own the kinds they announce and decide which families a request wants.
 */

/** The source action that completes the skeleton: every missing section, subsection and footer field. */
export const ADD_MISSING_SECTIONS_KIND = `${CodeActionKind.Source}.addMissingSections.blueprint`;

/** A fix before it is tied to its diagnostic. */
export interface Fix {
  readonly title: string;
  readonly edits: TextEdit[];
  readonly isPreferred?: boolean;
}

/** The quick-fix family: the fixes for the diagnostics a client sends (this server's, that still hold in this version). */
export function quickFixActions(analysed: AnalysedBlueprint, diagnostics: readonly Diagnostic[], values: FooterValues): CodeAction[] {
  return diagnostics.flatMap((diagnostic) => quickFixesFor(analysed, diagnostic, values));
}

/**
 * The quick fixes for one of this server's diagnostics, each a minimal edit. Works from the
 * document as it is now: a diagnostic that no longer holds (no finding of this version matches it)
 * gets no fix.
 */
export function quickFixesFor(analysed: AnalysedBlueprint, diagnostic: Diagnostic, values: FooterValues): CodeAction[] {
  const finding = findingFor(analysed, diagnostic);
  if (!finding) return [];
  return fixesFor(analysed, finding, values).map((fix): CodeAction => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    ...(fix.isPreferred ? { isPreferred: true } : {}),
    edit: { changes: { [analysed.document.uri]: fix.edits } },
  }));
}

/** The fixes for a finding of this version, the preferred one among them (fix-all applies some of those). */
export function fixesFor(analysed: AnalysedBlueprint, finding: Finding, values: FooterValues): Fix[] {
  switch (finding.code) {
    case 'missing-section':
      return addSection(analysed, finding.subject);
    case 'missing-subsection':
      return addSubsection(analysed, finding.subject);
    case 'invalid-status':
    case 'invalid-date':
      return footerFixes(analysed, finding.subject, values);
    case 'placeholder':
      return fillFooterPlaceholder(analysed, finding.subject, values);
    case 'unknown-structure':
      return declareStructure(analysed, finding.subject);
    case 'duplicate-section':
      return mergeDuplicate(analysed, finding.subject);
    case 'section-order':
      return moveToTemplateOrder(analysed, finding.subject);
    case 'empty-section':
      return fillFromTemplate(analysed, finding.subject);
    case 'missing-footer-field':
      return addFooterField(analysed, finding.subject, values);
    case 'stale-diagram':
      return [{ title: 'Update diagram', isPreferred: true, edits: updateDiagramEdits(analysed, finding.subject) }];
    default:
      return [];
  }
}

/** The "Add all missing sections" family: its one action, when anything is missing. */
export function addMissingSectionsActions(analysed: AnalysedBlueprint, values: FooterValues): CodeAction[] {
  const action = addAllMissingSections(analysed, values);
  return action ? [action] : [];
}

/**
 * "Add all missing sections": the whole missing skeleton in one edit, every missing section, every
 * missing subsection of the present sections and every missing footer field, each where template
 * order puts it (as fix-all adds them); undefined when nothing is missing.
 */
export function addAllMissingSections(analysed: AnalysedBlueprint, values: FooterValues): CodeAction | undefined {
  const { missingSections, sections, missingFields } = alignmentOf(analysed);
  const sectionsMissing = missingSections.length > 0 || sections.some((s) => s.missingSubsections.length > 0);
  const edits = skeletonEdits(analysed, true, missingFields, values);
  if (edits.length === 0) return undefined;
  const title =
    missingFields.length === 0
      ? 'Add all missing sections'
      : sectionsMissing
        ? 'Add all missing sections and footer fields'
        : 'Add all missing footer fields';
  return { title, kind: ADD_MISSING_SECTIONS_KIND, edit: { changes: { [analysed.document.uri]: edits } } };
}

function addSection({ document }: AnalysedBlueprint, missing: MissingSection): Fix[] {
  return [
    {
      title: `Add section '${missing.schema.name}'`,
      isPreferred: true,
      edits: [insertBlock(document, missing.offset, templateBlock(missing.schema.source))],
    },
  ];
}

function addSubsection({ document }: AnalysedBlueprint, missing: MissingSubsection): Fix[] {
  return [
    {
      title: `Add subsection '${missing.schema.name}' to '${missing.parent.schema!.name}'`,
      isPreferred: true,
      edits: [insertBlock(document, missing.offset, templateBlock(missing.schema.source))],
    },
  ];
}

/** Replaces a footer field's value (adding the space after its colon when there is none). */
function setValue(analysed: AnalysedBlueprint, field: AlignedField, value: string): TextEdit[] {
  const { valueSpan } = field.line;
  const space = analysed.document.getText()[valueSpan.start - 1] === ':' ? ' ' : '';
  return [replaceSpan(analysed.document, valueSpan, space + value)];
}

/** The fixes for a footer field's value, whatever is wrong with it: its allowed values, today, the author. */
function footerFixes(analysed: AnalysedBlueprint, field: AlignedField, values: FooterValues): Fix[] {
  const fieldSchema = field.schema;
  if (!fieldSchema) return [];
  switch (fieldSchema.kind) {
    case 'choice': {
      // The closest value first; it is the obvious fix only when it is near and no other is as near.
      const closest = closestChoice(field.line.value, fieldSchema.values);
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
      const same = asIsoDate(field.line.value);
      if (same === undefined || same === field.line.value) return [today];
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

/** A placeholder that is a footer field's whole value gets that field's fixes; other placeholders get none. */
function fillFooterPlaceholder(analysed: AnalysedBlueprint, placeholder: Placeholder, values: FooterValues): Fix[] {
  const { span } = placeholder;
  const field = alignmentOf(analysed).fields.find((f) => f.line.valueSpan.start === span.start && f.line.valueSpan.end === span.end);
  return field ? footerFixes(analysed, field, values) : [];
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * "Declare interface X": a stub added to the block where the template declares related structures
 * (its last structure block above the relationship bullets), the block, subsection or section
 * created from the template when absent.
 */
function declareStructure(analysed: AnalysedBlueprint, end: RelationshipPart): Fix[] {
  const name = end.text;
  const { document, model, schema } = analysed;
  const home = schema.structureHome;
  if (!IDENTIFIER.test(name) || !home || model.structures.some((s) => s.name === name)) return [];
  const stub = `interface ${name} {\n}`;
  const stubbed = (source: string, at: Span) => templateBlock(source.slice(0, at.start) + stub + source.slice(at.end));
  const fix = (edit: TextEdit): Fix[] => [{ title: `Declare interface ${name}`, isPreferred: true, edits: [edit] }];

  const alignment = alignmentOf(analysed);
  const section = alignment.occurrences[schema.sections.indexOf(home.section)]?.[0];
  if (!section) {
    const missing = alignment.missingSections.find((m) => m.schema === home.section)!;
    return fix(insertBlock(document, missing.offset, stubbed(home.section.source, home.inSection)));
  }
  const place: Section | undefined = home.subsection
    ? section.subsections.find((s) => s.schema === home.subsection && s.occurrence === 'first')?.subsection
    : section.section;
  if (!place) {
    const missing = section.missingSubsections.find((m) => m.schema === home.subsection)!;
    return fix(insertBlock(document, missing.offset, stubbed(home.subsection!.source, home.inSubsection!)));
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

/** The blueprint's (sub)section an aligned one stands for, and whether it is a subsection. */
function partOf(aligned: AlignedSection | AlignedSubsection): { readonly part: Section; readonly isSubsection: boolean } {
  return 'subsection' in aligned ? { part: aligned.subsection, isSubsection: true } : { part: aligned.section, isSubsection: false };
}

/**
 * "Merge into the first 'X'": the duplicate's content moves to the end of the first section of that
 * name and its heading goes. Only a guidance line the first section already has is dropped.
 */
function mergeDuplicate({ document }: AnalysedBlueprint, duplicated: AlignedSection | AlignedSubsection): Fix[] {
  const { part: duplicate, isSubsection } = partOf(duplicated);
  if (!duplicated.first || !duplicated.schema) return [];
  const { part: first } = partOf(duplicated.first);
  const text = document.getText();
  const contentStart = duplicated.repeatsGuidance && duplicate.guidance ? duplicate.guidance.span.end : duplicate.heading.span.end;
  const content = text.slice(contentStart, duplicate.contentEnd).replace(/^(?:[ \t]*(?:\r\n|\r|\n))+/, '');
  // A section takes its closing separator with it; a subsection leaves its section's separator in place.
  const removedEnd = pastWhiteSpace(text, isSubsection ? duplicate.contentEnd : duplicate.span.end);
  const edits: TextEdit[] = [];
  if (content.trim() !== '') edits.push(insertBlock(document, first.contentEnd, content));
  edits.push({ range: toRange(document, { start: duplicate.heading.span.start, end: removedEnd }), newText: '' });
  return [{ title: `Merge into the first '${duplicated.schema.name}'`, isPreferred: true, edits }];
}

/**
 * "Move 'X' before 'Y'": the section, with the separator that follows it, goes where the template
 * puts it among the sections present. A rule-control comment standing right before the next heading
 * belongs to that heading and stays.
 */
function moveToTemplateOrder({ document, model }: AnalysedBlueprint, aligned: AlignedSection): Fix[] {
  const { section, misplaced } = aligned;
  if (!misplaced) return [];
  const text = document.getText();
  const directiveAfterContent = model.directiveComments.find((c) => c.span.start >= section.contentEnd && c.span.start < section.span.end);
  const movedEnd = directiveAfterContent?.span.start ?? section.span.end;
  const moved = text.slice(section.heading.span.start, movedEnd).replace(/\s+$/, '');
  const removedEnd = pastWhiteSpace(text, movedEnd);

  // Where the diagnostic says it belongs: before, or after, a section already in template order.
  const anchor = misplaced.anchor.section;
  const target =
    misplaced.position === 'before'
      ? startWithDirectives(text, model.directiveComments, anchor.heading.span.start)
      : pastWhiteSpace(text, anchor.span.end);
  if (target >= section.heading.span.start && target <= removedEnd) return [];
  return [
    {
      title: `Move '${section.heading.text}' ${misplaced.position} '${anchor.heading.text}'`,
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
function fillFromTemplate({ document, schema }: AnalysedBlueprint, empty: AlignedSection | AlignedSubsection): Fix[] {
  const { part: present } = partOf(empty);
  const templatePart = empty.schema?.parsed;
  if (!empty.schema || !templatePart || present.contentBlockCount > 0) return [];
  const body = schema.text.slice(templatePart.guidance?.span.end ?? templatePart.heading.span.end, templatePart.contentEnd).trim();
  if (body === '') return [];
  return [
    {
      title: `Fill '${empty.schema.name}' from the template`,
      isPreferred: true,
      edits: [insertBlock(document, present.contentEnd, templateBlock(body))],
    },
  ];
}

/** "Add footer field 'X'", or, when the blueprint has no footer, "Add the footer" with every field. */
function addFooterField(analysed: AnalysedBlueprint, missing: MissingField, values: FooterValues): Fix[] {
  const whole = missing.insertion.kind === 'new-footer';
  const edits = footerFieldEdits(analysed, whole ? alignmentOf(analysed).missingFields : [missing], values);
  if (edits.length === 0) return [];
  return [{ title: whole ? 'Add the footer from the template' : `Add footer field '${missing.schema.label}'`, isPreferred: true, edits }];
}
