import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { FieldLine, Relationship, Section } from '../model/blueprint';
import { sameName } from '../template/names';
import type { FooterFieldSchema, SectionSchema, SubsectionSchema } from '../template/schema';
import { longestIncreasingRun, firstGreater } from './section-order';

/**
 * How a blueprint lines up with its template, worked out once per version (`alignmentOf`) and read
 * by every feature: diagnostics are a projection of it, and fixes, fix-all, completion, the status
 * bar, hover and the code lens read it. Here, and in template/, is where blueprint names are
 * compared with the template's (case and spacing aside); a feature never compares names itself.
 */
export interface Alignment {
  /** Every section of the blueprint, in document order (one for one with `model.sections`). */
  readonly sections: readonly AlignedSection[];
  /** For each template section (by its index in the template), the blueprint's sections of that name, in document order. */
  readonly occurrences: readonly (readonly AlignedSection[])[];
  /** The template sections the blueprint lacks, in template order. */
  readonly missingSections: readonly MissingSection[];
  /** Every footer line of the blueprint, in document order (one for one with `model.footer`). */
  readonly fields: readonly AlignedField[];
  /** The template's footer fields the blueprint's footer lacks, in template order. */
  readonly missingFields: readonly MissingField[];
  /** The Blueprint Status, when the template has a status field. */
  readonly status: StatusAlignment | undefined;
  /**
   * The relationship bullets that are relationships: those in a (sub)section where the template has
   * relationship bullets (Data Relationships, in the Data Blueprint). A bold-arrow bullet anywhere
   * else (`**live** → **freeze()** → **frozen**` under State Transitions) is prose.
   */
  readonly relationships: readonly Relationship[];
}

/**
 * What a (sub)section is to the template: the first of its name (the one that counts), a repeat of
 * one above it, or a (sub)section the template does not have.
 */
export type Occurrence = 'first' | 'duplicate' | 'unknown';

export interface AlignedSection {
  readonly section: Section;
  /** The template section it is; undefined for one the template does not have. */
  readonly schema: SectionSchema | undefined;
  /** Its index among the template's sections; -1 for one the template does not have. */
  readonly templateIndex: number;
  readonly occurrence: Occurrence;
  /** The first section of its name (itself, for a first one); undefined for one the template does not have. */
  readonly first: AlignedSection | undefined;
  /** A first section with nothing under its heading but, at most, the template's guidance line. */
  readonly empty: boolean;
  /** A duplicate whose guidance line is the first's (case and spacing aside). */
  readonly repeatsGuidance: boolean;
  /** Its subsections, in document order (one for one with `section.subsections`). */
  readonly subsections: readonly AlignedSubsection[];
  /** For a first section: the template's subsections it lacks, in template order (an empty section lacks them all). */
  readonly missingSubsections: readonly MissingSubsection[];
  /** For a first section out of template order: where it belongs. */
  readonly misplaced: OrderAnchor | undefined;
}

export interface AlignedSubsection {
  readonly subsection: Section;
  /** The template subsection it is, within its section's template section. */
  readonly schema: SubsectionSchema | undefined;
  readonly templateIndex: number;
  readonly occurrence: Occurrence;
  /** The first subsection of its name in the same section (itself, for a first one). */
  readonly first: AlignedSubsection | undefined;
  /** A first subsection with nothing under its heading. */
  readonly empty: boolean;
  readonly repeatsGuidance: boolean;
}

/** Where an out-of-order section belongs: before or after a section that is in template order. */
export interface OrderAnchor {
  readonly position: 'before' | 'after';
  readonly anchor: AlignedSection;
}

export interface MissingSection {
  readonly schema: SectionSchema;
  readonly templateIndex: number;
  /** Where it goes: before the section after its nearest present predecessor in template order, else before the footer, else at the end. */
  readonly offset: number;
}

export interface MissingSubsection {
  /** The (first) section that lacks it. */
  readonly parent: AlignedSection;
  readonly schema: SubsectionSchema;
  readonly templateIndex: number;
  /** Where it goes: before the subsection after its nearest present predecessor, else at the end of the section's content. */
  readonly offset: number;
}

export interface AlignedField {
  readonly line: FieldLine;
  /** The template's footer field of that label; undefined for a label the template does not have. */
  readonly schema: FooterFieldSchema | undefined;
  /**
   * For a choice field whose value names one of the template's values (case and spacing aside):
   * its index, and whether it is spelt exactly as the template spells it.
   */
  readonly choice: { readonly index: number; readonly exact: boolean } | undefined;
}

/** Where a missing footer field goes: after the nearest present field before it in template order, else before the first field; or, without a footer, a new footer at the end. */
export type FieldInsertion =
  | { readonly kind: 'after'; readonly field: number }
  | { readonly kind: 'before'; readonly field: number }
  | { readonly kind: 'new-footer' };

export interface MissingField {
  readonly schema: FooterFieldSchema;
  readonly templateIndex: number;
  readonly insertion: FieldInsertion;
  /** The offset of the insertion point: the end of the field's line, the start of the first field, or the end of the text. */
  readonly offset: number;
}

/**
 * How strictly unfinished work is judged, from the Blueprint Status: the template's first value
 * (a draft, and a blueprint that does not say) is lenient, its last (approved) strict, any in between normal.
 */
export type Strictness = 'lenient' | 'normal' | 'strict';

export interface StatusAlignment {
  readonly schema: FooterFieldSchema;
  /** The first footer line with the status field's label. */
  readonly field: AlignedField | undefined;
  /** No status line, an empty value or the template's placeholder: the blueprint does not say yet. */
  readonly unsaid: boolean;
  /** The index of the status among the template's values (0 when unsaid); undefined for a value that is none of them. */
  readonly stage: number | undefined;
  /** Undefined for a status that is none of the values (a typo): then the defaults stand. */
  readonly strictness: Strictness | undefined;
}

/** The alignment of this version of a blueprint with its template: computed once, on first use, and kept with the version. */
export function alignmentOf(analysed: AnalysedBlueprint): Alignment {
  return analysed.derived(alignDocument);
}

const PLACEHOLDER_VALUE = /^\[[^\]]*\]$/;

/** Works the alignment out: linear in the blueprint's and the template's lengths (every name lookup is a map's). */
export function alignDocument({ document, model, schema }: AnalysedBlueprint): Alignment {
  const occurrences: AlignedSection[][] = schema.sections.map(() => []);
  // The document index of the first section of each template section.
  const firstIndex: number[] = [];
  const sections = model.sections.map((section, index): AlignedSection => {
    const templateIndex = schema.sectionIndexOf(section.heading.text);
    const sectionSchema = schema.sections[templateIndex];
    if (!sectionSchema) return unknownSection(section);
    const earlier = occurrences[templateIndex]!;
    const first = earlier[0];
    const aligned: Mutable<AlignedSection> = {
      section,
      schema: sectionSchema,
      templateIndex,
      occurrence: first ? 'duplicate' : 'first',
      first,
      empty: !first && isEmpty(section, sectionSchema.guidance),
      repeatsGuidance: first !== undefined && sameGuidance(section, first.section),
      subsections: alignSubsections(section, sectionSchema),
      missingSubsections: [],
      misplaced: undefined,
    };
    aligned.first ??= aligned;
    if (!first) {
      aligned.missingSubsections = missingSubsections(aligned, sectionSchema);
      firstIndex[templateIndex] = index;
    }
    earlier.push(aligned);
    return aligned;
  });

  const missingSections: MissingSection[] = [];
  // The document index of the nearest present predecessor in template order (-1: none yet).
  let predecessor = -1;
  schema.sections.forEach((sectionSchema, templateIndex) => {
    const present = firstIndex[templateIndex];
    if (present !== undefined) predecessor = present;
    else {
      const offset = model.sections[predecessor + 1]?.heading.span.start ?? model.footer[0]?.span.start ?? model.length;
      missingSections.push({ schema: sectionSchema, templateIndex, offset });
    }
  });
  placeOutOfOrder(sections);

  const { fields, missingFields, status } = alignFooter(document.getText(), model.footer, schema);
  let relationships: readonly Relationship[] | undefined;
  return {
    sections,
    occurrences,
    missingSections,
    fields,
    missingFields,
    status,
    // Placed when first read: the diagnostics ask each chunk's relationships where they stand instead.
    get relationships() {
      return (relationships ??= model.relationships.filter((r) => relationshipPlaceIn(sections, r.span.start)));
    },
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function unknownSection(section: Section): AlignedSection {
  return {
    section,
    schema: undefined,
    templateIndex: -1,
    occurrence: 'unknown',
    first: undefined,
    empty: false,
    repeatsGuidance: false,
    subsections: section.subsections.map((subsection) => unknownSubsection(subsection)),
    missingSubsections: [],
    misplaced: undefined,
  };
}

function unknownSubsection(subsection: Section): AlignedSubsection {
  return {
    subsection,
    schema: undefined,
    templateIndex: -1,
    occurrence: 'unknown',
    first: undefined,
    empty: false,
    repeatsGuidance: false,
  };
}

function alignSubsections(section: Section, schema: SectionSchema): AlignedSubsection[] {
  if (section.subsections.length === 0) return [];
  const firsts = new Map<number, AlignedSubsection>();
  return section.subsections.map((subsection) => {
    const templateIndex = schema.subsectionIndexOf(subsection.heading.text);
    const subsectionSchema = schema.subsections[templateIndex];
    if (!subsectionSchema) return unknownSubsection(subsection);
    const first = firsts.get(templateIndex);
    const aligned: Mutable<AlignedSubsection> = {
      subsection,
      schema: subsectionSchema,
      templateIndex,
      occurrence: first ? 'duplicate' : 'first',
      first,
      empty: !first && isEmpty(subsection, undefined),
      repeatsGuidance: first !== undefined && sameGuidance(subsection, first.subsection),
    };
    aligned.first ??= aligned;
    if (!first) firsts.set(templateIndex, aligned);
    return aligned;
  });
}

/** The template subsections a first section lacks, each where it goes: after its nearest present predecessor. */
function missingSubsections(parent: AlignedSection, schema: SectionSchema): MissingSubsection[] {
  if (schema.subsections.length === 0) return [];
  const firstIndex = new Map<number, number>();
  parent.subsections.forEach((sub, i) => {
    if (sub.occurrence === 'first') firstIndex.set(sub.templateIndex, i);
  });
  const { section } = parent;
  const missing: MissingSubsection[] = [];
  let predecessor = -1;
  schema.subsections.forEach((subsectionSchema, templateIndex) => {
    const present = firstIndex.get(templateIndex);
    if (present !== undefined) predecessor = present;
    else {
      const offset = section.subsections[predecessor + 1]?.heading.span.start ?? section.contentEnd;
      missing.push({ parent, schema: subsectionSchema, templateIndex, offset });
    }
  });
  return missing;
}

/** Nothing under the heading but, at most, the template's own guidance line. */
function isEmpty(section: Section, templateGuidance: string | undefined): boolean {
  if (section.contentBlockCount > 0) return false;
  return section.guidance === undefined || (templateGuidance !== undefined && sameName(section.guidance.text, templateGuidance));
}

function sameGuidance(a: Section, b: Section): boolean {
  return a.guidance !== undefined && b.guidance !== undefined && sameName(a.guidance.text, b.guidance.text);
}

/**
 * Marks the first sections that are out of template order: the fewest that must move, those
 * outside a longest run already in order (longest increasing subsequence of template positions).
 * Each belongs before the first section in order that comes later in the template, else after the
 * last one in order.
 */
function placeOutOfOrder(sections: readonly AlignedSection[]): void {
  const firsts = sections.filter((s) => s.occurrence === 'first') as Mutable<AlignedSection>[];
  const inOrder = longestIncreasingRun(firsts.map((s) => s.templateIndex));
  // The sections in order, ascending in template position: each out-of-place one finds its neighbours by binary search.
  const kept = firsts.filter((_, j) => inOrder.has(j));
  const keptIndices = kept.map((s) => s.templateIndex);
  firsts.forEach((section, i) => {
    if (inOrder.has(i)) return;
    const above = firstGreater(keptIndices, section.templateIndex);
    const before = kept[above];
    // The run is never empty when a section is out of it: the last section in order comes before this one.
    section.misplaced = before ? { position: 'before', anchor: before } : { position: 'after', anchor: kept[kept.length - 1]! };
  });
}

function alignFooter(
  text: string,
  footer: readonly FieldLine[],
  schema: AnalysedBlueprint['schema'],
): Pick<Alignment, 'fields' | 'missingFields' | 'status'> {
  const firstByTemplate = new Map<number, number>();
  const fields = footer.map((line, i): AlignedField => {
    const templateIndex = schema.footerFieldIndexOf(line.label);
    const fieldSchema = schema.footer[templateIndex];
    if (fieldSchema && !firstByTemplate.has(templateIndex)) firstByTemplate.set(templateIndex, i);
    const values = fieldSchema?.kind === 'choice' ? fieldSchema.values : [];
    const exact = values.indexOf(line.value);
    const index = exact >= 0 ? exact : values.findIndex((v) => sameName(v, line.value));
    const choice = index >= 0 ? { index, exact: exact >= 0 } : undefined;
    return { line, schema: fieldSchema, choice };
  });
  const missingFields: MissingField[] = [];
  let previous = -1;
  schema.footer.forEach((fieldSchema, templateIndex) => {
    const present = firstByTemplate.get(templateIndex);
    if (present !== undefined) {
      previous = present;
      return;
    }
    const insertion: FieldInsertion =
      previous >= 0 ? { kind: 'after', field: previous } : footer.length > 0 ? { kind: 'before', field: 0 } : { kind: 'new-footer' };
    const offset =
      insertion.kind === 'after'
        ? lineEnd(text, footer[insertion.field]!.span.end)
        : insertion.kind === 'before'
          ? footer[0]!.span.start
          : text.length;
    missingFields.push({ schema: fieldSchema, templateIndex, insertion, offset });
  });
  const statusSchema = schema.status;
  const status = statusSchema && statusOf(statusSchema, fields[firstByTemplate.get(schema.footer.indexOf(statusSchema)) ?? -1]);
  return { fields, missingFields, status };
}

function statusOf(schema: FooterFieldSchema, field: AlignedField | undefined): StatusAlignment {
  const value = field?.line.value ?? '';
  const unsaid = value === '' || PLACEHOLDER_VALUE.test(value);
  const stage = unsaid ? 0 : field?.choice?.index;
  const last = schema.values.length - 1;
  const strictness: Strictness | undefined =
    stage === undefined ? undefined : stage === 0 ? 'lenient' : stage === last ? 'strict' : 'normal';
  return { schema, field, unsaid, stage, strictness };
}

/** Where the line holding `offset` ends (before its line break). */
function lineEnd(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

/** Whether an offset is in a (sub)section where the template has relationship bullets. */
export function isRelationshipPlace(alignment: Alignment, offset: number): boolean {
  return relationshipPlaceIn(alignment.sections, offset);
}

function relationshipPlaceIn(sections: readonly AlignedSection[], offset: number): boolean {
  const section = sections[containing(sections, (s) => s.section, offset)];
  if (!section?.schema) return false;
  const subsection = section.subsections[containing(section.subsections, (s) => s.subsection, offset)];
  return subsection ? subsection.schema?.holdsRelationships === true : section.schema.holdsRelationships;
}

/** The aligned section whose span holds the offset (its end included); undefined outside every section. */
export function sectionAt(alignment: Alignment, offset: number): AlignedSection | undefined {
  return alignment.sections[containing(alignment.sections, (s) => s.section, offset)];
}

/**
 * The index of the item whose span holds the offset (its end included), by binary search: sections
 * follow one another without overlapping, and a long blueprint has thousands of them. -1 for none.
 */
function containing<T>(items: readonly T[], sectionOf: (item: T) => Section, offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sectionOf(items[mid]!).span.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  const candidate = items[lo - 1];
  return candidate && offset <= sectionOf(candidate).span.end ? lo - 1 : -1;
}

/** The (sub)section, first of its name or a duplicate, whose heading text starts at `offset`: where diagnostics about it stand. */
export function headingAt(alignment: Alignment, offset: number): AlignedSection | AlignedSubsection | undefined {
  const section = sectionAt(alignment, offset);
  if (!section) return undefined;
  if (section.section.heading.textSpan.start === offset) return section;
  return section.subsections.find((s) => s.subsection.heading.textSpan.start === offset);
}
