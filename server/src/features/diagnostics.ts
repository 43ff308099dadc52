import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { FieldLine, Section, StructureKind } from '../model/blueprint';
import {
  nameKey,
  sameName,
  templateSectionIndex,
  templateSubsectionIndex,
  type FooterFieldSchema,
  type SectionSchema,
  type TemplateSchema,
} from '../model/schema';
import { INLINE_DELIMITER_BUDGET } from '../model/inline-budget';
import type { Span } from '../model/span';
import type { BlueprintSettings, SeverityName } from '../settings';
import { dateProblem } from './calendar-dates';
import { toRange } from './lsp-ranges';
import { templateRelationships } from './template-places';

/** Every diagnostic code the server reports, with its default severity. */
export const DIAGNOSTIC_DEFAULTS = {
  placeholder: 'warning',
  'missing-section': 'warning',
  'missing-subsection': 'warning',
  'duplicate-section': 'warning',
  'section-order': 'information',
  'empty-section': 'warning',
  'invalid-status': 'error',
  'invalid-date': 'error',
  'missing-footer-field': 'warning',
  'unknown-structure': 'warning',
  'typescript-syntax': 'warning',
  'too-large': 'warning',
  'degraded-analysis': 'information',
} as const satisfies Record<string, Exclude<SeverityName, 'off'>>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_DEFAULTS;

export const DIAGNOSTIC_SOURCE = 'blueprint';

const SEVERITIES: Record<Exclude<SeverityName, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Data attached to diagnostics so quick fixes know what they are about without re-deriving it. */
export interface DiagnosticData {
  /** The template section (or subsection's section) the diagnostic is about. */
  readonly section?: string;
  readonly subsection?: string;
  /** The footer field label, for footer diagnostics. */
  readonly field?: string;
  /** The structure name, for unknown-structure. */
  readonly structure?: string;
  /** For section-order: the section, in template order, that the out-of-place one belongs before, or else after. */
  readonly before?: string;
  readonly after?: string;
}

interface Finding {
  readonly code: DiagnosticCode;
  readonly span: Span;
  readonly message: string;
  readonly data?: DiagnosticData;
}

/** All the problems of a blueprint, as the settings want them reported. */
export function computeDiagnostics(analysed: AnalysedBlueprint, settings: BlueprintSettings): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const finding of findProblems(analysed)) {
    const severity = severityFor(finding.code, settings);
    if (severity === undefined) continue;
    const diagnostic: Diagnostic = {
      range: toRange(analysed.document, finding.span),
      severity,
      code: finding.code,
      source: DIAGNOSTIC_SOURCE,
      message: finding.message,
    };
    if (finding.data) diagnostic.data = finding.data;
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

export function severityFor(code: DiagnosticCode, settings: BlueprintSettings): DiagnosticSeverity | undefined {
  const name = settings.diagnostics[code] ?? DIAGNOSTIC_DEFAULTS[code];
  return name === 'off' ? undefined : SEVERITIES[name];
}

// Diagnostics and every quick-fix request of a version read the same findings: kept with the model.
const findingsByModel = new WeakMap<
  AnalysedBlueprint['model'],
  { readonly schema: AnalysedBlueprint['schema']; readonly findings: readonly Finding[] }
>();

/** The problems in document order within each kind: placeholders, structure, footer, code, relationships. */
export function findProblems({ model, schema }: Pick<AnalysedBlueprint, 'model' | 'schema'>): readonly Finding[] {
  const known = findingsByModel.get(model);
  if (known?.schema === schema) return known.findings;
  const findings = problemsOf(model, schema);
  findingsByModel.set(model, { schema, findings });
  return findings;
}

// Every kind of declaration the model counts as a structure; a Record so that a new kind cannot be left out.
const DECLARATION_KIND_NAMES: Record<StructureKind, string> = { interface: 'interface', type: 'type', class: 'class', enum: 'enum' };
const DECLARATION_KINDS = Object.values(DECLARATION_KIND_NAMES)
  .join(', ')
  .replace(/, ([^,]*)$/, ' or $1');

function problemsOf(model: AnalysedBlueprint['model'], schema: AnalysedBlueprint['schema']): Finding[] {
  const findings: Finding[] = [];
  for (const p of model.placeholders) {
    findings.push({ code: 'placeholder', span: p.span, message: `Placeholder '[${p.text}]' is not filled in` });
  }
  findings.push(
    ...sectionProblems(analysedSections(model.sections, schema), schema.sections, model.title?.textSpan ?? { start: 0, end: 0 }),
  );
  findings.push(...footerProblems(model.footer, schema.footer, model.title?.textSpan ?? { start: 0, end: 0 }));
  for (const span of model.degraded) {
    findings.push({
      code: 'degraded-analysis',
      span,
      message: `This paragraph holds more than ${INLINE_DELIMITER_BUDGET.toLocaleString('en-US')} Markdown delimiters (such as * _ [ ] ( )): it is read as plain text, so its links, emphasis and code spans are not checked (its placeholders are)`,
    });
  }
  for (const error of model.typescriptErrors) {
    findings.push({ code: 'typescript-syntax', span: error.span, message: error.message });
  }
  const declared = new Set(model.structures.filter((s) => !s.nameIsPlaceholder).map((s) => s.name));
  for (const r of templateRelationships({ model, schema })) {
    for (const end of [r.from, r.to]) {
      if (end.isPlaceholder || end.text === '' || declared.has(end.text)) continue;
      findings.push({
        code: 'unknown-structure',
        span: end.span,
        message: `Unknown structure '${end.text}': no ${DECLARATION_KINDS} of that name is declared in this blueprint's typescript blocks`,
        data: { structure: end.text },
      });
    }
  }
  return findings;
}

interface SectionMatch {
  readonly section: Section;
  /** Index in the template, or -1 for a section the template does not have. */
  readonly templateIndex: number;
}

function analysedSections(sections: readonly Section[], schema: TemplateSchema): SectionMatch[] {
  return sections.map((section) => ({ section, templateIndex: templateSectionIndex(schema, section.heading.text) }));
}

function sectionProblems(matches: readonly SectionMatch[], schemaSections: readonly SectionSchema[], titleSpan: Span): Finding[] {
  const findings: Finding[] = [];
  const firstOf = new Map<number, Section>();
  for (const { section, templateIndex } of matches) {
    if (templateIndex < 0) continue;
    const schema = schemaSections[templateIndex]!;
    const first = firstOf.get(templateIndex);
    if (first) {
      findings.push({
        code: 'duplicate-section',
        span: section.heading.textSpan,
        message: `Duplicate section '${schema.name}': the blueprint already has it above`,
        data: { section: schema.name },
      });
      continue;
    }
    firstOf.set(templateIndex, section);
    if (isEmpty(section, schema.guidance)) {
      // One finding says it all: its fix fills the section, subsections included.
      findings.push({
        code: 'empty-section',
        span: section.heading.textSpan,
        message: `Section '${schema.name}' is empty`,
        data: { section: schema.name },
      });
      continue;
    }
    findings.push(...subsectionProblems(section, schema));
  }
  for (const [index, schema] of schemaSections.entries()) {
    if (!firstOf.has(index)) {
      findings.push({
        code: 'missing-section',
        span: titleSpan,
        message: `Missing section '${schema.name}'`,
        data: { section: schema.name },
      });
    }
  }
  findings.push(
    ...orderProblems(
      matches.filter((m) => m.templateIndex >= 0 && firstOf.get(m.templateIndex) === m.section),
      schemaSections,
    ),
  );
  return findings;
}

function subsectionProblems(section: Section, schema: SectionSchema): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<number>();
  for (const sub of section.subsections) {
    const index = templateSubsectionIndex(schema, sub.heading.text);
    if (index < 0) continue;
    const name = schema.subsections[index]!.name;
    if (seen.has(index)) {
      findings.push({
        code: 'duplicate-section',
        span: sub.heading.textSpan,
        message: `Duplicate subsection '${name}' in '${schema.name}'`,
        data: { section: schema.name, subsection: name },
      });
      continue;
    }
    seen.add(index);
    if (isEmpty(sub, undefined)) {
      findings.push({
        code: 'empty-section',
        span: sub.heading.textSpan,
        message: `Subsection '${name}' is empty`,
        data: { section: schema.name, subsection: name },
      });
    }
  }
  for (const [index, sub] of schema.subsections.entries()) {
    if (!seen.has(index)) {
      findings.push({
        code: 'missing-subsection',
        span: section.heading.textSpan,
        message: `Section '${schema.name}' is missing subsection '${sub.name}'`,
        data: { section: schema.name, subsection: sub.name },
      });
    }
  }
  return findings;
}

/** Nothing under the heading but, at most, the template's own guidance line. */
function isEmpty(section: Section, templateGuidance: string | undefined): boolean {
  if (section.contentBlockCount > 0) return false;
  return section.guidance === undefined || (templateGuidance !== undefined && sameName(section.guidance.text, templateGuidance));
}

/**
 * Sections out of template order: the fewest sections to move, which are those outside a longest
 * run already in order (longest increasing subsequence of template positions).
 */
function orderProblems(matches: readonly SectionMatch[], schemaSections: readonly SectionSchema[]): Finding[] {
  const inOrder = longestIncreasingRun(matches.map((m) => m.templateIndex));
  // The template positions of the sections in order, ascending (they are in order): each
  // out-of-place section finds its neighbours there by binary search.
  const kept = matches.filter((_, j) => inOrder.has(j)).map((m) => m.templateIndex);
  const findings: Finding[] = [];
  matches.forEach((m, i) => {
    if (inOrder.has(i)) return;
    const name = schemaSections[m.templateIndex]!.name;
    const firstAbove = firstGreater(kept, m.templateIndex);
    if (firstAbove < kept.length) {
      const before = schemaSections[kept[firstAbove]!]!.name;
      findings.push({
        code: 'section-order',
        span: m.section.heading.textSpan,
        message: `Section '${name}' is out of template order: it belongs before '${before}'`,
        data: { section: name, before },
      });
    } else {
      // The nearest section before it in template order among those in order.
      const after = schemaSections[firstAbove > 0 && kept[firstAbove - 1]! < m.templateIndex ? kept[firstAbove - 1]! : 0]!.name;
      findings.push({
        code: 'section-order',
        span: m.section.heading.textSpan,
        message: `Section '${name}' is out of template order: it belongs after '${after}'`,
        data: { section: name, after },
      });
    }
  });
  return findings;
}

/** The index of the first value above `value` in ascending `values` (their length when none is). */
function firstGreater(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function longestIncreasingRun(values: readonly number[]): Set<number> {
  // Patience sorting: tails[k] is the index ending the best run of length k+1.
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const kept = new Set<number>();
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = previous[i]!) kept.add(i);
  return kept;
}

function footerProblems(footer: readonly FieldLine[], schema: readonly FooterFieldSchema[], titleSpan: Span): Finding[] {
  const findings: Finding[] = [];
  // On the footer's last line, where it would be added; on the title when there is no footer at all.
  const missingAt = footer[footer.length - 1]?.span ?? titleSpan;
  const present = new Set(footer.map((f) => nameKey(f.label)));
  const fieldSchemas = new Map<string, FooterFieldSchema>();
  for (const f of schema) if (!fieldSchemas.has(nameKey(f.label))) fieldSchemas.set(nameKey(f.label), f);
  for (const fieldSchema of schema) {
    if (present.has(nameKey(fieldSchema.label))) continue;
    findings.push({
      code: 'missing-footer-field',
      span: missingAt,
      message: `Missing footer field '${fieldSchema.label}'`,
      data: { field: fieldSchema.label },
    });
  }
  for (const field of footer) {
    const fieldSchema = fieldSchemas.get(nameKey(field.label));
    if (!fieldSchema || /^\[[^\]]*\]$/.test(field.value)) continue;
    if (fieldSchema.kind === 'choice' && !fieldSchema.values.includes(field.value)) {
      const allowed = fieldSchema.values.join(', ');
      findings.push({
        code: 'invalid-status',
        span: field.value === '' ? field.span : field.valueSpan,
        message:
          field.value === ''
            ? `${field.label} is empty: write one of ${allowed}`
            : `${field.label} '${field.value}' is not one of ${allowed}`,
        data: { field: fieldSchema.label },
      });
    }
    const problem = fieldSchema.kind === 'date' ? dateProblem(field.value) : undefined;
    if (problem !== undefined) {
      findings.push({
        code: 'invalid-date',
        span: field.value === '' ? field.span : field.valueSpan,
        message: field.value === '' ? `${field.label} is empty: write the date YYYY-MM-DD` : `${field.label} '${field.value}' ${problem}`,
        data: { field: fieldSchema.label },
      });
    }
  }
  return findings;
}
