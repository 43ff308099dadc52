import type { Blueprint, Section } from './blueprint';
import { parseBlueprint } from './blueprint-parser';

/**
 * What a template asks of a blueprint, derived by parsing the template with the document parser:
 * the template file is the only place any section name, guidance line or status value is written.
 */
export interface TemplateSchema {
  /** From the template's file name: `data-blueprint`. */
  readonly id: string;
  /** The kind of blueprint, from the title before its colon: `Data Blueprint`. */
  readonly kind: string;
  /** A document is of this kind when its first heading starts with this (`Data Blueprint:`). */
  readonly titlePrefix: string;
  /** The template's title text, placeholder included. */
  readonly title: string;
  /** The whole template text. */
  readonly text: string;
  readonly sections: readonly SectionSchema[];
  readonly footer: readonly FooterFieldSchema[];
  /** The template's own placeholders, in order, with where they stand. */
  readonly placeholders: readonly TemplatePlaceholder[];
  /** Offset in `text` where the footer starts (the text's end when there is none). */
  readonly footerOffset: number;
  /** The template parsed as a document, once: features that need its offsets read this, never parse it again. */
  readonly parsed: Blueprint;
  /** Index in `sections` by name key (see `nameKey`), so that matching a document is linear in its length. */
  readonly sectionIndex: ReadonlyMap<string, number>;
}

export interface SectionSchema {
  readonly name: string;
  readonly guidance: string | undefined;
  readonly subsections: readonly SubsectionSchema[];
  /** The section's template text, from its heading to the next section (separator included). */
  readonly source: string;
  /** Index in `subsections` by name key. */
  readonly subsectionIndex: ReadonlyMap<string, number>;
}

export interface SubsectionSchema {
  readonly name: string;
  /** The subsection's template text, from its heading to its last block, with a trailing blank line. */
  readonly source: string;
}

export type FooterFieldKind = 'choice' | 'date' | 'person' | 'text';

export interface FooterFieldSchema {
  readonly label: string;
  /** What the template's placeholder says, without brackets: `Draft/Review/Approved`. */
  readonly placeholder: string;
  readonly kind: FooterFieldKind;
  /** For a choice (`[Draft/Review/Approved]`), the values allowed. */
  readonly values: readonly string[];
}

export interface TemplatePlaceholder {
  readonly text: string;
  readonly section: string | undefined;
  readonly subsection: string | undefined;
  readonly footerField: string | undefined;
}

/** `model` is the template's own parse when the caller already has it. */
export function deriveSchema(id: string, text: string, model: Blueprint = parseBlueprint(text)): TemplateSchema {
  const title = model.title?.text ?? '';
  const bracket = title.indexOf('[');
  const titlePrefix = (bracket >= 0 ? title.slice(0, bracket) : title).trim();
  const kind = titlePrefix.replace(/:$/, '').trim();
  const footerOffset = model.footer[0]?.span.start ?? text.length;
  const sections = model.sections.map((section, index): SectionSchema => {
    const subsections = section.subsections.map((sub) => ({
      name: sub.heading.text,
      source: text.slice(sub.heading.span.start, sub.contentEnd).replace(/\s+$/, '') + '\n\n',
    }));
    return {
      name: section.heading.text,
      guidance: section.guidance?.text,
      subsections,
      source: text.slice(section.heading.span.start, model.sections[index + 1]?.heading.span.start ?? footerOffset),
      subsectionIndex: indexByName(subsections),
    };
  });
  return {
    id,
    kind,
    titlePrefix,
    title,
    text,
    sections,
    footer: model.footer.map((field) => footerField(field.label, field.value)),
    placeholders: locatePlaceholders(model),
    footerOffset,
    parsed: model,
    sectionIndex: indexByName(sections),
  };
}

/** The first index of each name, by name key. */
function indexByName(items: ReadonlyArray<{ readonly name: string }>): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, i) => {
    const key = nameKey(item.name);
    if (!index.has(key)) index.set(key, i);
  });
  return index;
}

/** Where a section of this name is in the template; -1 when the template has none. */
export function templateSectionIndex(schema: TemplateSchema, name: string): number {
  return schema.sectionIndex.get(nameKey(name)) ?? -1;
}

/** Where a subsection of this name is in a template section; -1 when it has none. */
export function templateSubsectionIndex(section: SectionSchema, name: string): number {
  return section.subsectionIndex.get(nameKey(name)) ?? -1;
}

function footerField(label: string, value: string): FooterFieldSchema {
  const placeholder = /^\[(.*)\]$/.exec(value)?.[1] ?? value;
  if (placeholder.includes('/')) {
    return {
      label,
      placeholder,
      kind: 'choice',
      values: placeholder
        .split('/')
        .map((v) => v.trim())
        .filter(Boolean),
    };
  }
  if (/\bdate\b/i.test(placeholder)) return { label, placeholder, kind: 'date', values: [] };
  if (/\b(name|author|owner)\b/i.test(placeholder) || /\b(author|owner)\b/i.test(label))
    return { label, placeholder, kind: 'person', values: [] };
  return { label, placeholder, kind: 'text', values: [] };
}

/**
 * The footer field that says how far a blueprint has come (`**Blueprint Status**: [Draft/Review/Approved]`):
 * the template's first choice field with more than one value, its values in the order a blueprint goes through them.
 */
export function statusField(schema: Pick<TemplateSchema, 'footer'>): FooterFieldSchema | undefined {
  return schema.footer.find((f) => f.kind === 'choice' && f.values.length > 1);
}

/** Each placeholder with the section, subsection and footer field it stands in: one walk, as all three are in document order. */
function locatePlaceholders(model: Blueprint): TemplatePlaceholder[] {
  let s = 0;
  let sub = 0;
  let f = 0;
  return model.placeholders.map((p) => {
    const at = p.span.start;
    while (s < model.sections.length && model.sections[s]!.span.end <= at) {
      s++;
      sub = 0;
    }
    const section = model.sections[s] && within(model.sections[s]!, at) ? model.sections[s] : undefined;
    const subsections = section?.subsections ?? [];
    while (sub < subsections.length && subsections[sub]!.span.end <= at) sub++;
    const subsection = subsections[sub] && within(subsections[sub]!, at) ? subsections[sub] : undefined;
    while (f < model.footer.length && model.footer[f]!.valueSpan.end < p.span.end) f++;
    const field = model.footer[f];
    const footerField = field && p.span.start >= field.valueSpan.start && p.span.end <= field.valueSpan.end ? field : undefined;
    return { text: p.text, section: section?.heading.text, subsection: subsection?.heading.text, footerField: footerField?.label };
  });
}

function within(section: Section, offset: number): boolean {
  return offset >= section.span.start && offset < section.span.end;
}

/** Section and heading names compare as people read them: case and spacing aside. */
export function sameName(a: string, b: string): boolean {
  return a === b || nameKey(a) === nameKey(b);
}

// Diagnostics compare every heading of a long blueprint with the template's names on each keystroke;
// the same few thousand heading texts come back each time, so their keys are remembered.
const nameKeys = new Map<string, string>();

/** What two names compare by: case and runs of white space aside. */
export function nameKey(name: string): string {
  let key = nameKeys.get(name);
  if (key === undefined) {
    if (nameKeys.size >= 50_000) nameKeys.clear();
    key = name.replace(/\s+/g, ' ').trim().toLowerCase();
    nameKeys.set(name, key);
  }
  return key;
}
