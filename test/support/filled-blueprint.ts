import fc from 'fast-check';
import { templatePlaces } from '../../server/src/features/template-places';
import { sameName, type FooterFieldSchema, type TemplateSchema } from '../../server/src/model/schema';
import { builtinTemplates } from '../../server/src/model/templates';

/**
 * Fully filled-in blueprints of a template, as teams write them: every section and subsection of the
 * template (names, guidance and places read from the template, never written here), with random
 * realistic Markdown around the required content — front matter, links and reference definitions,
 * footnotes, GitHub alerts, tables, Mermaid/SQL/YAML/JSON code beside the typescript blocks, HTML
 * and comments, bold-arrow prose bullets outside the relationship subsections, a closing line and
 * definitions after the footer — with LF or CRLF line ends, perhaps a BOM, CJK and emoji. Such a
 * blueprint must get no diagnostic at all.
 */
export function filledBlueprint(template: TemplateSchema = builtinTemplates[0]!): fc.Arbitrary<FilledBlueprint> {
  return fc
    .record({
      seed: fc.integer(),
      newline: fc.constantFrom('\n', '\r\n'),
      bom: fc.boolean(),
      fileName: fc.constantFrom('ledger.md', 'payments.blueprint.md', 'docs/设计.md'),
    })
    .map(({ seed, newline, bom, fileName }) => {
      const text = new FilledWriter(template, seed).write().join(newline);
      return { text: (bom ? '\uFEFF' : '') + text, uri: `file:///work/${encodeURI(fileName)}` };
    });
}

export interface FilledBlueprint {
  readonly text: string;
  readonly uri: string;
}

const WORDS = [
  'the',
  'ledger',
  'keeps',
  'every',
  'change',
  'so',
  'finance',
  'can',
  'reconcile',
  'payments',
  'and',
  'support',
  'answers',
  'within',
  'minutes',
  'nightly',
  'exports',
  'stay',
  'consistent',
  'with',
  'orders',
  '台帳',
  '注文',
  'データ',
  '📦',
  '🚚',
  'café',
  'naïve',
];
const NAMES = [
  'Order',
  'Customer',
  'Invoice',
  'Payment',
  'Shipment',
  'Refund',
  'Account',
  'Parcel',
  'Carrier',
  'Voucher',
  'Tenant',
  'Export',
];
const SUFFIXES = ['', 'Line', 'Event', 'Record', 'Batch', 'Snapshot'];
const TYPES = [
  'string',
  'number',
  'boolean',
  'Date',
  'string[]',
  "'open' | 'closed'",
  'Record<string, number>',
  'Array<[number, string]>',
  '{ [key: string]: string }',
];
const VERBS = ['contains', 'references', 'is settled by', 'belongs to', 'feeds', 'has many'];
const ALERTS = ['NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION', 'note', 'Warning'];
const EXTRA_SUBSECTIONS = ['Open Questions', 'Notes', 'Decisions', 'See Also'];

class FilledWriter {
  private readonly random: () => number;
  private readonly declared: string[] = [];
  /** Labels used as shortcut or full references, and footnote labels: each gets its definition. */
  private readonly references = new Set<string>();
  private readonly footnotes = new Set<string>();
  private unit = 0;

  constructor(
    private readonly template: TemplateSchema,
    seed: number,
  ) {
    this.random = mulberry32(seed);
  }

  write(): string[] {
    const places = templatePlaces(this.template);
    const home = places.structureHome;
    const isRelationshipPlace = (section: string, subsection: string | undefined) =>
      places.relationships.some(
        (p) =>
          sameName(p.section, section) &&
          (p.subsection === undefined ? subsection === undefined : subsection !== undefined && sameName(p.subsection, subsection)),
      );
    // Structures first, so that relationships anywhere can name them; they are written where the template declares its own.
    const structureBlock = this.typescriptBlock(1 + this.int(3));

    const lines: string[] = [...this.frontMatter()];
    if (this.chance(0.3)) lines.push('<!-- Filled in from the template by the data team. -->', '');
    lines.push(`# ${this.template.titlePrefix} ${this.words(2, true)}`, '');
    if (this.chance(0.4)) lines.push(...this.prose(), '');
    const definitionsInFirstSection = this.chance(0.3);
    for (const [index, section] of this.template.sections.entries()) {
      lines.push(`## ${section.name}`, '');
      if (section.guidance) lines.push(`**${section.guidance}**`, '');
      const holdsStructures = home !== undefined && home.section === section;
      if (section.subsections.length === 0 || this.chance(0.3))
        lines.push(...this.blocks(section.name, undefined, isRelationshipPlace(section.name, undefined)));
      if (holdsStructures && home.subsection === undefined) lines.push(...structureBlock, '');
      for (const subsection of section.subsections) {
        lines.push(`### ${subsection.name}`, '');
        if (holdsStructures && home.subsection === subsection) lines.push(...structureBlock, '');
        else lines.push(...this.blocks(section.name, subsection.name, isRelationshipPlace(section.name, subsection.name)));
      }
      if (this.chance(0.15)) {
        const extra = this.pick(EXTRA_SUBSECTIONS.filter((name) => !section.subsections.some((s) => sameName(s.name, name))));
        if (extra) lines.push(`### ${extra}`, '', ...this.blocks(section.name, extra, false));
      }
      if (index === 0 && definitionsInFirstSection) lines.push(...this.definitions());
      lines.push('---', '');
    }
    lines.push(...this.footer());
    lines.push(...this.afterTheFooter(!definitionsInFirstSection));
    return lines;
  }

  private frontMatter(): string[] {
    switch (this.int(3)) {
      case 0:
        return [
          '---',
          `title: ${this.words(2, true)}`,
          'tags: [ledger, finance, "[draft]"]',
          '# Reviewed quarterly; see [runbook].',
          'owners:',
          '  - data-platform',
          '---',
          '',
        ];
      case 1:
        return [
          '+++',
          `title = "${this.words(2, true)}"`,
          'tags = ["ledger", "finance"]',
          '# Owned by the data team',
          '[review]',
          'next = 2027-02-01',
          '+++',
          '',
        ];
      default:
        return [];
    }
  }

  /** One to three blocks of content for a (sub)section; relationship bullets only where the template has them. */
  private blocks(section: string, subsection: string | undefined, relationships: boolean): string[] {
    const lines: string[] = [];
    if (relationships) {
      const names = this.declared.length > 0 ? this.declared : [];
      for (let i = 0; i < 1 + this.int(3) && names.length > 0; i++) {
        lines.push(
          `- **${this.pick(names)!}** ${this.arrow()} **${this.pick(VERBS)!}** ${this.arrow()} **${this.pick(names)!}**${this.chance(0.3) ? ` (${this.words(3)})` : ''}`,
        );
      }
      lines.push('');
      if (this.chance(0.5)) lines.push(...this.prose(), '');
      return lines;
    }
    const count = 1 + this.int(3);
    // A comment alone would leave the (sub)section empty: the first block is content.
    for (let i = 0; i < count; i++) lines.push(...this.block(`${section} ${subsection ?? ''}`, i > 0), '');
    return lines;
  }

  private block(where: string, commentAllowed: boolean): string[] {
    switch (this.int(13)) {
      case 0:
        return this.fieldBullets();
      case 1:
        return this.steps();
      case 2:
        return this.table();
      case 3:
        return this.otherCode();
      case 4:
        return this.typescriptBlock(1 + this.int(2));
      case 5:
        return this.alert();
      case 6:
        return this.proseBullets();
      case 7:
        return [`- [x] ${this.words(4)}`, `- [ ] ${this.words(5)}`];
      case 8:
        return ['> ' + this.words(8), '> ' + this.words(6)];
      case 9:
        return ['<details>', `<summary>${this.words(3)}</summary>`, '', this.words(10), '', '</details>'];
      case 10:
        return commentAllowed ? [`<!-- ${this.words(5)} (${where.trim()}) -->`] : this.prose();
      default:
        return this.prose();
    }
  }

  private prose(): string[] {
    const sentences: string[] = [];
    for (let i = 0; i < 1 + this.int(3); i++) {
      let extra = '';
      switch (this.int(10)) {
        case 0:
          extra = ` (see [the ${this.words(1)} guide](https://example.com/${this.int(100)}))`;
          break;
        case 1: {
          const label = `ref-${this.int(6)}`;
          this.references.add(label);
          extra = ` as [${label}] explains`;
          break;
        }
        case 2: {
          const label = `doc-${this.int(6)}`;
          this.references.add(label);
          extra = ` per [the design][${label}]`;
          break;
        }
        case 3: {
          const note = String(1 + this.int(4));
          this.footnotes.add(note);
          extra = `[^${note}]`;
          break;
        }
        case 4:
          extra = ` via \`items[0]\` and \`Map<string, T[]>\``;
          break;
        case 5:
          extra = ' (a literal \\[bracket\\])';
          break;
        case 6:
          extra = ` <kbd>Ctrl</kbd>+<kbd>S</kbd> and <https://example.com/${this.int(9)}>`;
          break;
        case 7:
          extra = ` with ~~old~~ **new** and _careful_ ${this.pick(['😀', '👩‍💻', '漢字'])}`;
          break;
        default:
          break;
      }
      sentences.push(`${this.words(6 + this.int(8), true)}${extra}.`);
    }
    return [sentences.join(' ')];
  }

  private fieldBullets(): string[] {
    return Array.from({ length: 2 + this.int(3) }, () => `- **${this.words(2, true)}**: ${this.words(4)}`);
  }

  private steps(): string[] {
    return Array.from({ length: 2 + this.int(3) }, (_, i) => `${i + 1}. **${this.words(1, true)}**: ${this.words(5)}`);
  }

  /** Bold-arrow bullets that are prose: a pipeline, state transitions (none of them declared structures). */
  private proseBullets(): string[] {
    return [
      `- **live** ${this.arrow()} **freeze()** ${this.arrow()} **frozen**`,
      `- **checkout** ${this.arrow()} **authorise()** ${this.arrow()} **gateway** ${this.words(2)}`,
    ];
  }

  private table(): string[] {
    const rows = Array.from(
      { length: 1 + this.int(4) },
      () => `| ${this.words(1)} | \`${this.pick(TYPES)!.replace(/\|/g, '\\|')}\` | ${this.words(3)} |`,
    );
    return ['| Field | Type | Notes |', '|-------|------|------:|', ...rows];
  }

  private otherCode(): string[] {
    switch (this.int(4)) {
      case 0:
        return ['```mermaid', 'flowchart LR', '  a[Checkout] --> b[(Ledger)]', '  b --> c{Settled?}', '```'];
      case 1:
        return ['```sql', 'SELECT tags[1], ARRAY[1, 2] FROM orders WHERE id = $1;', '```'];
      case 2:
        return ['```yaml', 'retention: [30d, 1y]  # [legal]', 'owners:', '  - "[team]"', '```'];
      default:
        return ['```json', '{ "items": [1, 2], "label": "[x]" }', '```'];
    }
  }

  private typescriptBlock(count: number): string[] {
    const lines = ['```typescript'];
    for (let i = 0; i < count; i++) {
      const name = `${this.pick(NAMES)!}${this.pick(SUFFIXES)!}${++this.unit}`;
      const kind = this.int(4);
      if (kind === 0) {
        lines.push(`type ${name} = {`, ...this.fields(), '};');
      } else if (kind === 1) {
        lines.push(`enum ${name} {`, "  Open = 'open',", "  Closed = 'closed',", '}');
      } else {
        const parent = this.declared.length > 0 && this.chance(0.3) ? ` extends ${this.pick(this.declared)!}` : '';
        lines.push(`${this.chance(0.2) ? 'export ' : ''}interface ${name}${parent} {`, ...this.fields(), '}');
      }
      if (i < count - 1) lines.push('');
      this.declared.push(name);
    }
    lines.push('```');
    return lines;
  }

  private fields(): string[] {
    return Array.from({ length: 1 + this.int(4) }, (_, i) => {
      const type = this.declared.length > 0 && this.chance(0.25) ? `${this.pick(this.declared)!}[]` : this.pick(TYPES)!;
      return `  field${i}${this.chance(0.2) ? '?' : ''}: ${type};${this.chance(0.2) ? ' // 注: [unit] in cents' : ''}`;
    });
  }

  private alert(): string[] {
    return [`> [!${this.pick(ALERTS)!}]${this.chance(0.2) ? '  ' : ''}`, `> ${this.words(8)}`];
  }

  private footer(): string[] {
    const fields = this.template.footer.map((field) => `**${field.label}**: ${this.footerValue(field)}`);
    // Half the footers end their lines with a hard break, as people write them so that GitHub shows
    // the template's footer lines one per line.
    if (this.chance(0.5)) {
      const ending = this.pick(['\\', '<br>', '<br/>', '  '])!;
      return [...fields.map((line, i) => (i < fields.length - 1 ? line + ending : line)), ''];
    }
    return [...fields, ''];
  }

  private footerValue(field: FooterFieldSchema): string {
    switch (field.kind) {
      case 'choice':
        return this.pick(field.values)!;
      case 'date':
        return `20${10 + this.int(20)}-${String(1 + this.int(12)).padStart(2, '0')}-${String(1 + this.int(28)).padStart(2, '0')}`;
      case 'person':
        return this.pick(['Ada Lovelace', 'Grace Hopper', '山田 太郎', 'José Ñúñez'])!;
      default:
        return this.words(3);
    }
  }

  private afterTheFooter(definitions: boolean): string[] {
    const lines: string[] = [];
    if (this.chance(0.4)) lines.push(`${this.words(6, true)} 🙏`, '');
    if (this.chance(0.4)) lines.push('<!-- Link definitions below are shared with the runbook. -->', '');
    // Definitions the first section did not hold: of the references used after it.
    if (definitions || this.references.size > 0) lines.push(...this.definitions());
    for (const note of this.footnotes) lines.push(`[^${note}]: ${this.words(6, true)}.`, '');
    return lines;
  }

  private definitions(): string[] {
    const lines = [...this.references].map(
      (label, i) => `[${label}]: https://example.com/docs/${label}${i % 2 ? ` "${this.words(2)}"` : ''}`,
    );
    // The runbook the front matter mentions is linked for readers too.
    lines.push('[runbook]: https://example.com/runbook');
    this.references.clear();
    return [...lines, ''];
  }

  private arrow(): string {
    return this.chance(0.7) ? '→' : '->';
  }

  private words(count: number, capitalised = false): string {
    const out = Array.from({ length: count }, () => this.pick(WORDS)!).join(' ');
    return capitalised ? out[0]!.toUpperCase() + out.slice(1) : out;
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private int(below: number): number {
    return Math.floor(this.random() * below);
  }

  private pick<T>(from: readonly T[]): T | undefined {
    return from[this.int(from.length)];
  }
}

/** A small seedable generator, so that fast-check's seed reproduces a blueprint exactly. */
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
