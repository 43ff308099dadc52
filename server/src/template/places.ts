import type { Blueprint, Section } from '../model/blueprint';
import type { Span } from '../model/span';
import type { SectionSchema, SubsectionSchema } from './schema';

/**
 * Where the template puts things, read from the template itself rather than named in code: the
 * (sub)sections that hold relationship bullets, and the block where structures are declared.
 * Derived with the schema (template/schema.ts) and kept on it.
 */

/** The (sub)sections whose template text has relationship bullets, by index in the template's parse. */
export interface RelationshipPlaces {
  /** Sections with relationship bullets outside their subsections. */
  readonly inSection: ReadonlySet<number>;
  /** Per section, its subsections with relationship bullets. */
  readonly inSubsection: ReadonlyMap<number, ReadonlySet<number>>;
}

export interface StructureHome {
  readonly section: SectionSchema;
  readonly subsection: SubsectionSchema | undefined;
  /** The template's declaration, as offsets into `section.source`. */
  readonly inSection: Span;
  /** The same, as offsets into `subsection.source`. */
  readonly inSubsection: Span | undefined;
}

/** Relationships placed between two looks at the clock (each is a binary search or two). */
const RELATIONSHIPS_PER_STEP = 1024;

/** Where the template's relationship bullets are: one binary search each, a step every thousand or so. */
export function* relationshipPlaces(template: Blueprint): Generator<void, RelationshipPlaces> {
  const inSection = new Set<number>();
  const inSubsection = new Map<number, Set<number>>();
  for (const [i, r] of template.relationships.entries()) {
    const s = holding(template.sections, r.span.start);
    if (s >= 0) {
      const sub = holding(template.sections[s]!.subsections, r.span.start);
      if (sub < 0) inSection.add(s);
      else {
        let subsections = inSubsection.get(s);
        if (!subsections) inSubsection.set(s, (subsections = new Set()));
        subsections.add(sub);
      }
    }
    if (i % RELATIONSHIPS_PER_STEP === RELATIONSHIPS_PER_STEP - 1) yield;
  }
  return { inSection, inSubsection };
}

/**
 * The template's last structure declaration above its first relationship bullet, in the same section:
 * where "Declare interface X" puts a new structure. `sections` are the schema's, one per section of
 * `template` in the same order.
 */
export function structureHome(template: Blueprint, sections: readonly SectionSchema[]): StructureHome | undefined {
  const firstRelationship = template.relationships[0];
  if (!firstRelationship) return undefined;
  const s = holding(template.sections, firstRelationship.span.start);
  const section = template.sections[s];
  const sectionSchema = sections[s];
  if (!section || !sectionSchema) return undefined;
  let home: Span | undefined;
  for (const structure of template.structures) {
    if (structure.span.start >= section.span.start && structure.span.end <= firstRelationship.span.start) home = structure.span;
  }
  if (!home) return undefined;
  const sub = holding(section.subsections, home.start);
  const subsection = section.subsections[sub];
  // A blueprint's subsection of that name is matched to the template's first one of the name.
  const subsectionSchema = subsection && sectionSchema.subsections[sectionSchema.subsectionIndexOf(subsection.heading.text)];
  return {
    section: sectionSchema,
    subsection: subsectionSchema,
    inSection: relativeTo(section.heading.span.start, home),
    inSubsection: subsection && subsectionSchema ? relativeTo(subsection.heading.span.start, home) : undefined,
  };
}

function relativeTo(origin: number, span: Span): Span {
  return { start: span.start - origin, end: span.end - origin };
}

/** The index of the section whose span holds `offset` (its end excluded), among sections in document order; -1 for none. */
function holding(sections: readonly Section[], offset: number): number {
  let lo = 0;
  let hi = sections.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sections[mid]!.span.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  const section = sections[lo];
  return section && offset >= section.span.start && offset < section.span.end ? lo : -1;
}
