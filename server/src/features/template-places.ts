import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { Blueprint, Relationship, Section } from '../model/blueprint';
import {
  sameName,
  templateSectionIndex,
  templateSubsectionIndex,
  type SectionSchema,
  type SubsectionSchema,
  type TemplateSchema,
} from '../model/schema';
import type { Span } from '../model/span';

/** Where the template puts things, read from the template itself rather than named in code. */
export interface TemplatePlaces {
  /** The (sub)sections whose template text has relationship bullets. */
  readonly relationships: ReadonlyArray<{ readonly section: string; readonly subsection: string | undefined }>;
  /** Where a new structure is declared: the template's last structure block above its relationship bullets. */
  readonly structureHome: StructureHome | undefined;
  /** Each template section as parsed from the template: its spans are offsets into the template's text. */
  readonly sections: ReadonlyMap<SectionSchema, Section>;
}

export interface StructureHome {
  readonly section: SectionSchema;
  readonly subsection: SubsectionSchema | undefined;
  /** The template's declaration, as offsets into `section.source`. */
  readonly inSection: Span;
  /** The same, as offsets into `subsection.source`. */
  readonly inSubsection: Span | undefined;
}

const cache = new WeakMap<TemplateSchema, TemplatePlaces>();

export function templatePlaces(schema: TemplateSchema): TemplatePlaces {
  let places = cache.get(schema);
  if (!places) {
    places = derivePlaces(schema, schema.parsed);
    cache.set(schema, places);
  }
  return places;
}

function derivePlaces(schema: TemplateSchema, template: Blueprint): TemplatePlaces {
  // Sections are in document order: the one holding an offset is found by binary search.
  const where = (offset: number) => {
    const section = holding(template.sections, offset);
    return { section, subsection: section && holding(section.subsections, offset) };
  };
  const relationships = template.relationships.flatMap((r) => {
    const { section, subsection } = where(r.span.start);
    return section ? [{ section: section.heading.text, subsection: subsection?.heading.text }] : [];
  });
  const firstRelationship = template.relationships[0];
  const home =
    firstRelationship &&
    template.structures
      .filter(
        (s) => s.span.end <= firstRelationship.span.start && where(s.span.start).section === where(firstRelationship.span.start).section,
      )
      .pop();
  let structureHome: StructureHome | undefined;
  const at = home && where(home.span.start);
  const sectionSchema = at?.section && schema.sections[templateSectionIndex(schema, at.section.heading.text)];
  if (home && at?.section && sectionSchema) {
    const subsectionSchema = at.subsection && sectionSchema.subsections[templateSubsectionIndex(sectionSchema, at.subsection.heading.text)];
    const relative = (origin: number): Span => ({ start: home.span.start - origin, end: home.span.end - origin });
    structureHome = {
      section: sectionSchema,
      subsection: subsectionSchema,
      inSection: relative(at.section.heading.span.start),
      inSubsection: subsectionSchema && at.subsection ? relative(at.subsection.heading.span.start) : undefined,
    };
  }
  const sections = new Map<SectionSchema, Section>();
  for (const parsed of template.sections) {
    const sectionSchema = schema.sections[templateSectionIndex(schema, parsed.heading.text)];
    if (sectionSchema && !sections.has(sectionSchema)) sections.set(sectionSchema, parsed);
  }
  return { relationships, structureHome, sections };
}

/** The section whose span holds `offset`, among sections in document order. */
function holding(sections: readonly Section[], offset: number): Section | undefined {
  let lo = 0;
  let hi = sections.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sections[mid]!.span.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  const section = sections[lo];
  return section && offset >= section.span.start && offset < section.span.end ? section : undefined;
}

type Analysed = Pick<AnalysedBlueprint, 'model' | 'schema'>;

// Diagnostics, navigation and completion ask about the same version's relationships: kept with the model.
const relationshipsByModel = new WeakMap<Blueprint, { readonly schema: TemplateSchema; readonly relationships: readonly Relationship[] }>();

/**
 * The relationship bullets of a blueprint that are relationships: those in a (sub)section where the
 * template has relationship bullets (Data Relationships, in the Data Blueprint). A bold-arrow bullet
 * anywhere else (`**live** → **freeze()** → **frozen**` under State Transitions) is prose. The one
 * place that decides it, for diagnostics, navigation, rename and completion alike.
 */
export function templateRelationships({ model, schema }: Analysed): readonly Relationship[] {
  const known = relationshipsByModel.get(model);
  if (known?.schema === schema) return known.relationships;
  const relationships = model.relationships.filter((r) => isRelationshipPlace({ model, schema }, r.span.start));
  relationshipsByModel.set(model, { schema, relationships });
  return relationships;
}

/** Whether an offset is in a (sub)section where the template has relationship bullets. */
export function isRelationshipPlace({ model, schema }: Analysed, offset: number): boolean {
  const places = templatePlaces(schema).relationships;
  if (places.length === 0) return false;
  const section = containing(model.sections, offset);
  if (!section) return false;
  const subsection = containing(section.subsections, offset);
  return places.some(
    (place) =>
      sameName(place.section, section.heading.text) &&
      (place.subsection === undefined
        ? subsection === undefined
        : subsection !== undefined && sameName(place.subsection, subsection.heading.text)),
  );
}

/**
 * The section whose span holds the offset (its end included), by binary search: sections follow one
 * another without overlapping, and a long blueprint has thousands of subsections and relationships.
 */
function containing(sections: readonly Section[], offset: number): Section | undefined {
  let lo = 0;
  let hi = sections.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sections[mid]!.span.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  const candidate = sections[lo - 1];
  return candidate && offset <= candidate.span.end ? candidate : undefined;
}
