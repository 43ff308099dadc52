import type { Blueprint, Section } from '../model/blueprint';
import { BlueprintParser } from '../model/blueprint-parser';
import { NameKeys } from './names';
import { relationshipPlaces, structureHome, type RelationshipPlaces, type StructureHome } from './places';

export type { StructureHome } from './places';

export type FooterFieldKind = 'choice' | 'date' | 'person' | 'text';

export interface FooterFieldSchema {
  readonly label: string;
  /** What the template's placeholder says, without brackets: `Draft/Review/Approved`. */
  readonly placeholder: string;
  readonly kind: FooterFieldKind;
  /** For a choice (`[Draft/Review/Approved]`), the values allowed. */
  readonly values: readonly string[];
}

/** What a section and a subsection of a template have in common. */
abstract class TemplatePart {
  private readonly derivedValues = new Map<unknown, unknown>();

  constructor(
    readonly name: string,
    /** The part's template text (see each kind of part for where it ends). */
    readonly source: string,
    /** The part as the template's own parse has it: its spans are offsets into the template's text. */
    readonly parsed: Section,
    /** Whether the template has relationship bullets here (in a section: outside its subsections). */
    readonly holdsRelationships: boolean,
  ) {}

  /** A value derived from this part (its snippet, say), computed on first use and kept with it. */
  derived<T>(derivation: (part: this) => T): T {
    if (this.derivedValues.has(derivation)) return this.derivedValues.get(derivation) as T;
    const value = derivation(this);
    this.derivedValues.set(derivation, value);
    return value;
  }
}

/** A template subsection; its `source` runs from its heading to its last block, with a trailing blank line. */
export class SubsectionSchema extends TemplatePart {}

/** A template section; its `source` runs from its heading to the next section (separator included). */
export class SectionSchema extends TemplatePart {
  private readonly subsectionIndex = new Map<string, number>();

  constructor(
    name: string,
    source: string,
    parsed: Section,
    holdsRelationships: boolean,
    readonly guidance: string | undefined,
    readonly subsections: readonly SubsectionSchema[],
    private readonly keys: NameKeys,
  ) {
    super(name, source, parsed, holdsRelationships);
    subsections.forEach((sub, i) => {
      const key = keys.key(sub.name);
      if (!this.subsectionIndex.has(key)) this.subsectionIndex.set(key, i);
    });
  }

  /** Where a subsection of this name is in this section; -1 when it has none. Only template/ and the alignment look names up. */
  subsectionIndexOf(name: string): number {
    return this.subsectionIndex.get(this.keys.key(name)) ?? -1;
  }
}

/** Everything derived from a template's parse, at once or step by step (see `TemplateSchema.prepare`). */
interface DerivedSchema {
  readonly kind: string;
  readonly titlePrefix: string;
  readonly title: string;
  readonly sections: readonly SectionSchema[];
  readonly sectionIndex: ReadonlyMap<string, number>;
  readonly repeatedSections: readonly Section[];
  readonly footer: readonly FooterFieldSchema[];
  readonly footerIndex: ReadonlyMap<string, number>;
  readonly status: FooterFieldSchema | undefined;
  readonly structureHome: StructureHome | undefined;
}

/** Sections derived between two looks at the clock: a few milliseconds of work. */
const SECTIONS_PER_STEP = 64;

/**
 * What a template asks of a blueprint, derived by parsing the template with the document parser:
 * the template file is the only place any section name, guidance line or status value is written.
 *
 * Derived lazily: constructing one costs nothing (the built-in template is not parsed before a
 * document needs it), the first read of a derived field parses and derives it whole, and
 * `prepare` does the same in steps, so that a long template never holds the server for long.
 * What is derived from the template, its name lookups included, is kept here and nowhere else.
 */
export class TemplateSchema {
  private model: Blueprint | undefined;
  private parser: BlueprintParser | undefined;
  private derivation: Generator<void, DerivedSchema> | undefined;
  private whole: DerivedSchema | undefined;
  private readonly keys = new NameKeys();

  /**
   * `id`: from the template's file name (`data-blueprint`); `text`: the whole template text;
   * `parsed`: the template's parse, when the caller already has it.
   */
  constructor(
    readonly id: string,
    readonly text: string,
    parsed?: Blueprint,
  ) {
    this.model = parsed;
  }

  /** The template parsed as a document, once: what needs its offsets reads this, never parses it again. */
  get parsed(): Blueprint {
    if (!this.model) {
      const parser = this.parser ?? new BlueprintParser();
      this.model = parser.parse(this.text);
      this.parser = undefined;
    }
    return this.model;
  }

  /** The kind of blueprint, from the title before its colon: `Data Blueprint`. */
  get kind(): string {
    return this.derived.kind;
  }

  /** A document is of this kind when its first heading starts with this (`Data Blueprint:`). */
  get titlePrefix(): string {
    return this.derived.titlePrefix;
  }

  /** The template's title text, placeholder included. */
  get title(): string {
    return this.derived.title;
  }

  get sections(): readonly SectionSchema[] {
    return this.derived.sections;
  }

  get footer(): readonly FooterFieldSchema[] {
    return this.derived.footer;
  }

  /**
   * The footer field that says how far a blueprint has come (`**Blueprint Status**: [Draft/Review/Approved]`):
   * the template's first choice field with more than one value, its values in the order a blueprint goes through them.
   */
  get status(): FooterFieldSchema | undefined {
    return this.derived.status;
  }

  /** Where a new structure is declared: the template's last structure block above its relationship bullets. */
  get structureHome(): StructureHome | undefined {
    return this.derived.structureHome;
  }

  /** Sections of the template that repeat the name of one before them (which makes it unusable). */
  get repeatedSections(): readonly Section[] {
    return this.derived.repeatedSections;
  }

  /** Where a section of this name is in the template; -1 when the template has none. Only template/ and the alignment look names up. */
  sectionIndexOf(name: string): number {
    return this.derived.sectionIndex.get(this.keys.key(name)) ?? -1;
  }

  /** Where the footer field with this label is in the template; -1 when the template has none. */
  footerFieldIndexOf(label: string): number {
    return this.derived.footerIndex.get(this.keys.key(label)) ?? -1;
  }

  /**
   * Parses and derives what is left, a step at a time (a chunk of the template, a few dozen
   * sections), until `timeUp()` says to stop; true once the schema is whole. Like the document
   * parser's `prepare`, it lets the server spread a long template over many turns of its event loop.
   * Assembling the parsed chunks into the model is still one step.
   */
  prepare(timeUp: () => boolean): boolean {
    if (this.whole) return true;
    if (!this.model) {
      this.parser ??= new BlueprintParser();
      if (!this.parser.prepare(this.text, timeUp)) return false;
      void this.parsed;
      if (timeUp()) return false;
    }
    this.derivation ??= derive(this.text, this.parsed, this.keys);
    for (;;) {
      let step: IteratorResult<void, DerivedSchema>;
      try {
        step = this.derivation.next();
      } catch (error) {
        // Asked again, it derives again from the start (and fails the same way).
        this.derivation = undefined;
        throw error;
      }
      if (step.done) {
        this.whole = step.value;
        this.derivation = undefined;
        return true;
      }
      if (timeUp()) return false;
    }
  }

  private get derived(): DerivedSchema {
    if (!this.whole) this.prepare(() => false);
    return this.whole!;
  }
}

function* derive(text: string, model: Blueprint, keys: NameKeys): Generator<void, DerivedSchema> {
  const title = model.title?.text ?? '';
  const bracket = title.indexOf('[');
  const titlePrefix = (bracket >= 0 ? title.slice(0, bracket) : title).trim();
  const kind = titlePrefix.replace(/:$/, '').trim();
  const footerOffset = model.footer[0]?.span.start ?? text.length;
  const places: RelationshipPlaces = yield* relationshipPlaces(model);
  const sections: SectionSchema[] = [];
  const sectionIndex = new Map<string, number>();
  const repeatedSections: Section[] = [];
  for (const [index, section] of model.sections.entries()) {
    const subsections = section.subsections.map(
      (sub, j) =>
        new SubsectionSchema(
          sub.heading.text,
          text.slice(sub.heading.span.start, sub.contentEnd).replace(/\s+$/, '') + '\n\n',
          sub,
          places.inSubsection.get(index)?.has(j) === true,
        ),
    );
    const schema = new SectionSchema(
      section.heading.text,
      text.slice(section.heading.span.start, model.sections[index + 1]?.heading.span.start ?? footerOffset),
      section,
      places.inSection.has(index),
      section.guidance?.text,
      subsections,
      keys,
    );
    const key = keys.key(schema.name);
    if (sectionIndex.has(key)) repeatedSections.push(section);
    else sectionIndex.set(key, index);
    sections.push(schema);
    if (index % SECTIONS_PER_STEP === SECTIONS_PER_STEP - 1) yield;
  }
  const footer = model.footer.map((field) => footerField(field.label, field.value));
  const footerIndex = new Map<string, number>();
  footer.forEach((field, i) => {
    const key = keys.key(field.label);
    if (!footerIndex.has(key)) footerIndex.set(key, i);
  });
  return {
    kind,
    titlePrefix,
    title,
    sections,
    sectionIndex,
    repeatedSections,
    footer,
    footerIndex,
    status: footer.find((f) => f.kind === 'choice' && f.values.length > 1),
    structureHome: structureHome(model, sections),
  };
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
