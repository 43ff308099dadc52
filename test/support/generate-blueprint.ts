import type { TemplateSchema } from '../../server/src/model/schema';
import { builtinTemplates } from '../../server/src/model/templates';

/**
 * Realistic blueprints of any length, for the benchmark and for tests: the template's title, every
 * section with its guidance line and subsections (names taken from the template, never written
 * here), prose with links and inline code, typescript blocks, relationship bullets, task boxes,
 * numbered steps, tables, a few placeholders still to fill in, reference links whose definitions
 * stand in another section, and the footer. The same options always give the same text.
 */
export interface BlueprintOptions {
  /** About how many lines (the result has at least this many). */
  readonly lines: number;
  readonly seed?: number;
  readonly template?: TemplateSchema;
  readonly newline?: '\n' | '\r\n';
}

const NOUNS = [
  'Order',
  'Customer',
  'Invoice',
  'Payment',
  'Shipment',
  'Refund',
  'Account',
  'Ledger',
  'Warehouse',
  'Parcel',
  'Carrier',
  'Product',
  'Price',
  'Discount',
  'Voucher',
  'Audit',
  'Region',
  'Tenant',
  'Session',
  'Export',
];
const QUALIFIERS = ['Line', 'Event', 'Snapshot', 'Summary', 'Batch', 'Entry', 'Record', 'Request', 'Reply', 'Policy'];
const VERBS = ['contains', 'references', 'produces', 'settles', 'belongs to', 'replaces', 'is audited by', 'feeds'];
const TYPES = ['string', 'number', 'boolean', 'Date', 'string[]', "'open' | 'closed'", 'Record<string, string>', 'number | null'];
const WORDS = [
  'the',
  'ledger',
  'keeps',
  'every',
  'change',
  'so',
  'that',
  'finance',
  'can',
  'reconcile',
  'payments',
  'and',
  'support',
  'answers',
  'questions',
  'within',
  'minutes',
  'while',
  'nightly',
  'exports',
  'stay',
  'consistent',
  'with',
  'what',
  'customers',
  'see',
  'in',
  'their',
  'history',
  'of',
  'orders',
];

export function generateBlueprint(options: BlueprintOptions): string {
  return new BlueprintWriter(options).write();
}

/** A paragraph of `*_` pairs, `bytes` long: micromark's emphasis resolution is quadratic in such runs. */
export function emphasisRun(bytes: number): string {
  return '*_'.repeat(Math.floor(bytes / 2));
}

/** A paragraph of unclosed `[a](` link openings, `bytes` long. */
export function unclosedLinkRun(bytes: number): string {
  return '[a]('.repeat(Math.floor(bytes / 4));
}

/** A realistic blueprint with one pathological paragraph in its first section's prose. */
export function blueprintWithParagraph(paragraph: string, options: BlueprintOptions): string {
  const text = generateBlueprint(options);
  const nl = options.newline ?? '\n';
  const at = text.indexOf(`${nl}${nl}### `);
  return text.slice(0, at) + nl + nl + paragraph + text.slice(at);
}

class BlueprintWriter {
  private readonly random: () => number;
  private readonly template: TemplateSchema;
  private readonly nl: string;
  private readonly declared: string[] = [];
  private readonly references: string[] = [];
  private unit = 0;

  constructor(private readonly options: BlueprintOptions) {
    this.random = mulberry32(options.seed ?? 1);
    this.template = options.template ?? builtinTemplates[0]!;
    this.nl = options.newline ?? '\n';
  }

  write(): string {
    const sections = this.template.sections;
    const body: string[][] = sections.map((section) =>
      this.sectionStart(
        section.name,
        section.guidance,
        section.subsections.map((s) => s.name),
      ),
    );
    const footer = this.footer();
    const title = [`# ${this.template.titlePrefix} ${this.pick(NOUNS)} ${this.pick(NOUNS)} Service`, ''];
    let lineCount = title.length + footer.length + body.reduce((n, lines) => n + lines.length, 0);
    // Grow the sections in turn, the data model most, as real blueprints do.
    let turn = 0;
    while (lineCount < this.options.lines) {
      const index = turn % (sections.length + 2) >= sections.length ? Math.min(1, sections.length - 1) : turn % (sections.length + 2);
      const unit = this.growth(index);
      body[index]!.push(...unit);
      lineCount += unit.length;
      turn++;
    }
    // Reference definitions live at the end of the first section, far from most of their uses.
    if (this.references.length > 0) {
      const labels = [...new Set(this.references)];
      body[0]!.push(...labels.map((label) => `[${label}]: https://example.com/docs/${label.toLowerCase()}`), '');
    }
    const lines = [...title, ...body.flatMap((lines) => [...lines, '---', '']), ...footer];
    return lines.join(this.nl);
  }

  private sectionStart(name: string, guidance: string | undefined, subsections: readonly string[]): string[] {
    const lines = [`## ${name}`, ''];
    if (guidance) lines.push(`**${guidance}**`, '');
    lines.push(...this.prose(2), '');
    for (const sub of subsections) lines.push(`### ${sub}`, '', ...this.unitBody(), '');
    return lines;
  }

  /** One more subsection's worth of content for a section. */
  private growth(sectionIndex: number): string[] {
    this.unit++;
    const name = `${this.pick(NOUNS)} ${this.pick(QUALIFIERS).toLowerCase()}s ${this.unit}`;
    const lines = [`### ${name}`, ''];
    lines.push(...(sectionIndex === 1 || this.random() < 0.25 ? this.structureUnit() : this.unitBody()), '');
    return lines;
  }

  private unitBody(): string[] {
    const r = this.random();
    if (r < 0.3) return [...this.prose(2), '', ...this.fieldBullets(4)];
    if (r < 0.5) return this.steps(4);
    if (r < 0.65) return [...this.prose(1), '', ...this.tasks(5)];
    if (r < 0.8) return this.table(4);
    if (r < 0.9) return this.structureUnit();
    return [...this.prose(2), '', ...this.relationships(3)];
  }

  private structureUnit(): string[] {
    const name = `${this.pick(NOUNS)}${this.pick(QUALIFIERS)}${this.unit}`;
    const fields = 4 + Math.floor(this.random() * 6);
    const lines = [...this.prose(1), '', '```typescript', `interface ${name} {`];
    for (let i = 0; i < fields; i++) {
      const ref = this.declared.length > 0 && this.random() < 0.2 ? this.pick(this.declared) : this.pick(TYPES);
      lines.push(`  ${this.pick(WORDS)}${i}${this.random() < 0.2 ? '?' : ''}: ${ref};`);
    }
    lines.push('}', '```', '');
    this.declared.push(name);
    lines.push(...this.relationships(2));
    return lines;
  }

  private relationships(count: number): string[] {
    const lines: string[] = [];
    for (let i = 0; i < count; i++) {
      const from = this.declared.length > 0 ? this.pick(this.declared) : '[Structure A]';
      // Now and then a structure not declared (yet): an unknown-structure diagnostic, as in drafts.
      const to = this.declared.length > 0 && this.random() < 0.9 ? this.pick(this.declared) : `${this.pick(NOUNS)}Draft`;
      lines.push(`- **${from}** ${this.random() < 0.8 ? '→' : '->'} **${this.pick(VERBS)}** ${this.random() < 0.8 ? '→' : '->'} **${to}**`);
    }
    return lines;
  }

  private fieldBullets(count: number): string[] {
    const lines: string[] = [];
    for (let i = 0; i < count; i++) {
      const value = this.random() < 0.05 ? '[What it covers]' : this.sentence(5);
      lines.push(`- **${this.pick(NOUNS)} ${this.pick(QUALIFIERS).toLowerCase()}**: ${value}`);
    }
    return lines;
  }

  private steps(count: number): string[] {
    const lines: string[] = [];
    for (let i = 1; i <= count; i++)
      lines.push(`${i}. **${this.pick(VERBS)}**: ${this.sentence(4)} via \`${this.pick(NOUNS).toLowerCase()}.${this.pick(WORDS)}\``);
    return lines;
  }

  private tasks(count: number): string[] {
    const lines: string[] = [];
    for (let i = 0; i < count; i++) lines.push(`- [${this.random() < 0.5 ? 'x' : ' '}] ${this.sentence(5)}`);
    return lines;
  }

  private table(rows: number): string[] {
    const lines = ['| Field | Type | Notes |', '| --- | --- | --- |'];
    for (let i = 0; i < rows; i++) lines.push(`| ${this.pick(WORDS)}${i} | \`${this.pick(TYPES)}\` | ${this.sentence(4)} |`);
    return lines;
  }

  private prose(sentences: number): string[] {
    const lines: string[] = [];
    for (let i = 0; i < sentences; i++) {
      const r = this.random();
      let extra = '';
      if (r < 0.15) extra = ` (see [the ${this.pick(WORDS)} guide](https://example.com/${this.pick(WORDS)}))`;
      else if (r < 0.25) {
        const label = `${this.pick(NOUNS)}-notes`;
        this.references.push(label);
        extra = ` as [${label}] explains`;
      } else if (r < 0.3) extra = ' [Describe the exception handling]';
      else if (r < 0.4) extra = ` through \`${this.pick(NOUNS).toLowerCase()}_${this.pick(WORDS)}\``;
      lines.push(`${this.sentence(7)}${extra}, with *${this.pick(WORDS)}* care.`);
    }
    return lines;
  }

  private footer(): string[] {
    return this.template.footer
      .map((field) => {
        const value =
          field.kind === 'choice'
            ? (field.values[0] ?? 'Draft')
            : field.kind === 'date'
              ? '2026-03-14'
              : field.kind === 'person'
                ? 'Ada Lovelace'
                : this.sentence(3);
        return `**${field.label}**: ${value}`;
      })
      .concat(['']);
  }

  private sentence(words: number): string {
    const out: string[] = [];
    for (let i = 0; i < words; i++) out.push(this.pick(WORDS));
    const s = out.join(' ');
    return s[0]!.toUpperCase() + s.slice(1);
  }

  private pick<T>(from: readonly T[]): T {
    return from[Math.floor(this.random() * from.length)]!;
  }
}

/** A small, fast, seedable generator: the same seed gives the same blueprint on every machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
