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
  /** The template as the document parser reads it, for features that look where it puts things. */
  readonly model: Blueprint;
}

export interface SectionSchema {
  readonly name: string;
  readonly guidance: string | undefined;
  readonly subsections: readonly SubsectionSchema[];
  /** The section's template text, from its heading to the next section (separator included). */
  readonly source: string;
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
  const sections = model.sections.map((section, index): SectionSchema => ({
    name: section.heading.text,
    guidance: section.guidance?.text,
    subsections: section.subsections.map((sub) => ({
      name: sub.heading.text,
      source: text.slice(sub.heading.span.start, sub.contentEnd).replace(/\s+$/, '') + '\n\n',
    })),
    source: text.slice(section.heading.span.start, model.sections[index + 1]?.heading.span.start ?? footerOffset),
  }));
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
    model,
  };
}

function footerField(label: string, value: string): FooterFieldSchema {
  const placeholder = /^\[(.*)\]$/.exec(value)?.[1] ?? value;
  if (placeholder.includes('/')) {
    return { label, placeholder, kind: 'choice', values: placeholder.split('/').map((v) => v.trim()).filter(Boolean) };
  }
  if (/\bdate\b/i.test(placeholder)) return { label, placeholder, kind: 'date', values: [] };
  if (/\b(name|author|owner)\b/i.test(placeholder) || /\b(author|owner)\b/i.test(label)) return { label, placeholder, kind: 'person', values: [] };
  return { label, placeholder, kind: 'text', values: [] };
}

function locatePlaceholders(model: Blueprint): TemplatePlaceholder[] {
  return model.placeholders.map((p) => {
    const section = model.sections.find((s) => within(s, p.span.start));
    const subsection = section?.subsections.find((s) => within(s, p.span.start));
    const footerField = model.footer.find((f) => p.span.start >= f.valueSpan.start && p.span.end <= f.valueSpan.end);
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

function nameKey(name: string): string {
  let key = nameKeys.get(name);
  if (key === undefined) {
    if (nameKeys.size >= 50_000) nameKeys.clear();
    key = name.replace(/\s+/g, ' ').trim().toLowerCase();
    nameKeys.set(name, key);
  }
  return key;
}
