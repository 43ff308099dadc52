import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import {
  alignmentOf,
  type AlignedField,
  type AlignedSection,
  type AlignedSubsection,
  type Alignment,
  type MissingField,
  type MissingSection,
  type MissingSubsection,
} from '../alignment/alignment';
import type { DiagramBlock } from '../diagrams/diagram-blocks';
import type { DiagramKind } from '../diagrams/diagram-sources';
import type { Placeholder, RelationshipPart, StructureKind } from '../model/blueprint';
import { INLINE_DELIMITER_BUDGET } from '../model/inline-budget';
import type { Span } from '../model/span';
import type { BlueprintSettings, SeverityName } from '../settings';
import { dateProblem } from './calendar-dates';
import { staleDiagrams, staleMessage, staleSpan } from './diagrams';
import { toOffset, toRange } from './lsp-ranges';

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
  'stale-diagram': 'information',
} as const satisfies Record<string, Exclude<SeverityName, 'off'>>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_DEFAULTS;

export const DIAGNOSTIC_SOURCE = 'blueprint';

const SEVERITIES: Record<Exclude<SeverityName, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * The `data` each code's diagnostics carry, so that a quick fix knows what the diagnostic is about
 * without re-deriving it (`findingFor` matches it with the finding of the version the fix is for).
 * The names are the template's own spelling.
 */
export interface DiagnosticDataByCode {
  placeholder: undefined;
  'missing-section': { readonly section: string };
  'missing-subsection': { readonly section: string; readonly subsection: string };
  'duplicate-section': { readonly section: string; readonly subsection?: string };
  /** Where the section belongs: before a section in template order, or else after one. */
  'section-order': { readonly section: string; readonly before: string } | { readonly section: string; readonly after: string };
  'empty-section': { readonly section: string; readonly subsection?: string };
  'invalid-status': { readonly field: string };
  'invalid-date': { readonly field: string };
  'missing-footer-field': { readonly field: string };
  'unknown-structure': { readonly structure: string };
  'typescript-syntax': undefined;
  'too-large': undefined;
  'degraded-analysis': undefined;
  'stale-diagram': { readonly diagram: DiagramKind };
}

export type DiagnosticData<C extends DiagnosticCode = DiagnosticCode> = DiagnosticDataByCode[C];

/** What in the alignment (or the model) each code's findings are about: what its quick fixes work on. */
export interface FindingSubjectByCode {
  placeholder: Placeholder;
  'missing-section': MissingSection;
  'missing-subsection': MissingSubsection;
  'duplicate-section': AlignedSection | AlignedSubsection;
  'section-order': AlignedSection;
  'empty-section': AlignedSection | AlignedSubsection;
  'invalid-status': AlignedField;
  'invalid-date': AlignedField;
  'missing-footer-field': MissingField;
  'unknown-structure': RelationshipPart;
  'typescript-syntax': undefined;
  'too-large': undefined;
  'degraded-analysis': undefined;
  'stale-diagram': DiagramBlock;
}

/** One problem of a version, before settings and rule-control comments decide how (and whether) it is reported. */
export type FindingOf<C extends DiagnosticCode> = {
  readonly code: C;
  readonly span: Span;
  readonly message: string;
  readonly data: DiagnosticDataByCode[C];
  readonly subject: FindingSubjectByCode[C];
};

export type Finding = { [C in DiagnosticCode]: FindingOf<C> }[DiagnosticCode];

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

/**
 * The problems in document order within each kind: placeholders, sections, footer, degraded
 * paragraphs, code, relationships. Found once per version (diagnostics, every quick-fix request and
 * the code lens of a version share them): a projection of the alignment, plus what each chunk of
 * the model says (placeholders, degraded paragraphs, typescript syntax errors, structures).
 */
export function findProblems(analysed: AnalysedBlueprint): readonly Finding[] {
  return analysed.derived(problemsOf);
}

/**
 * The finding a diagnostic of this server reports, in the version `analysed` is: same code, same
 * range and the same `data` (or, from a client that does not keep `data`, the same message).
 * Undefined for a diagnostic that no longer holds, and for any other diagnostic.
 */
export function findingFor(analysed: AnalysedBlueprint, diagnostic: Diagnostic): Finding | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isDiagnosticCode(diagnostic.code)) return undefined;
  const { document } = analysed;
  const start = toOffset(document, diagnostic.range.start);
  const end = toOffset(document, diagnostic.range.end);
  const data: unknown = diagnostic.data;
  return findProblems(analysed).find(
    (f) =>
      f.code === diagnostic.code &&
      f.span.start === start &&
      f.span.end === end &&
      (data === undefined || data === null ? f.message === diagnostic.message : sameData(data, f.data)),
  );
}

export function isDiagnosticCode(code: unknown): code is DiagnosticCode {
  return typeof code === 'string' && Object.hasOwn(DIAGNOSTIC_DEFAULTS, code);
}

/** Whether data a client sent back is the data of a finding: the same fields, with the same values. */
function sameData(sent: unknown, data: Finding['data']): boolean {
  if (data === undefined) return typeof sent !== 'object';
  if (typeof sent !== 'object' || sent === null || Array.isArray(sent)) return false;
  const fields = data as Readonly<Record<string, string>>;
  const sentFields = sent as Readonly<Record<string, unknown>>;
  return (
    Object.keys(fields).every((key) => sentFields[key] === fields[key]) &&
    Object.keys(sentFields).every((key) => sentFields[key] === undefined || Object.hasOwn(fields, key))
  );
}

// Every kind of declaration the model counts as a structure; a Record so that a new kind cannot be left out.
const DECLARATION_KIND_NAMES: Record<StructureKind, string> = { interface: 'interface', type: 'type', class: 'class', enum: 'enum' };
const DECLARATION_KINDS = Object.values(DECLARATION_KIND_NAMES)
  .join(', ')
  .replace(/, ([^,]*)$/, ' or $1');

const PLACEHOLDER_VALUE = /^\[[^\]]*\]$/;

function problemsOf(analysed: AnalysedBlueprint): Finding[] {
  const { model } = analysed;
  const alignment = alignmentOf(analysed);
  const titleSpan = model.title?.textSpan ?? { start: 0, end: 0 };
  const findings: Finding[] = [];
  for (const p of model.placeholders) {
    findings.push({
      code: 'placeholder',
      span: p.span,
      message: `Placeholder '[${p.text}]' is not filled in`,
      data: undefined,
      subject: p,
    });
  }
  findings.push(...sectionProblems(alignment, titleSpan));
  findings.push(...footerProblems(alignment, model.footer[model.footer.length - 1]?.span ?? titleSpan));
  for (const span of model.degraded) {
    findings.push({
      code: 'degraded-analysis',
      span,
      message: `This paragraph holds more than ${INLINE_DELIMITER_BUDGET.toLocaleString('en-US')} Markdown delimiters (such as * _ [ ] ( )): it is read as plain text, so its links, emphasis and code spans are not checked (its placeholders are)`,
      data: undefined,
      subject: undefined,
    });
  }
  for (const error of model.typescriptErrors) {
    findings.push({ code: 'typescript-syntax', span: error.span, message: error.message, data: undefined, subject: undefined });
  }
  const declared = new Set(model.structures.filter((s) => !s.nameIsPlaceholder).map((s) => s.name));
  for (const r of alignment.relationships) {
    for (const end of [r.from, r.to]) {
      if (end.isPlaceholder || end.text === '' || declared.has(end.text)) continue;
      findings.push({
        code: 'unknown-structure',
        span: end.span,
        message: `Unknown structure '${end.text}': no ${DECLARATION_KINDS} of that name is declared in this blueprint's typescript blocks`,
        data: { structure: end.text },
        subject: end,
      });
    }
  }
  for (const block of staleDiagrams(analysed)) {
    findings.push({
      code: 'stale-diagram',
      span: staleSpan(block),
      message: staleMessage(block),
      data: { diagram: block.kind },
      subject: block,
    });
  }
  return findings;
}

/**
 * Per section in document order: a duplicate, or an empty section (one finding says it all: its
 * fix fills the section, subsections included), or its subsections' problems; then the missing
 * sections in template order, then the sections out of order.
 */
function sectionProblems(alignment: Alignment, titleSpan: Span): Finding[] {
  const findings: Finding[] = [];
  for (const aligned of alignment.sections) {
    const schema = aligned.schema;
    if (!schema || aligned.occurrence === 'unknown') continue;
    const span = aligned.section.heading.textSpan;
    if (aligned.occurrence === 'duplicate') {
      findings.push({
        code: 'duplicate-section',
        span,
        message: `Duplicate section '${schema.name}': the blueprint already has it above`,
        data: { section: schema.name },
        subject: aligned,
      });
    } else if (aligned.empty) {
      findings.push({
        code: 'empty-section',
        span,
        message: `Section '${schema.name}' is empty`,
        data: { section: schema.name },
        subject: aligned,
      });
    } else {
      findings.push(...subsectionProblems(aligned, schema.name));
    }
  }
  for (const missing of alignment.missingSections) {
    findings.push({
      code: 'missing-section',
      span: titleSpan,
      message: `Missing section '${missing.schema.name}'`,
      data: { section: missing.schema.name },
      subject: missing,
    });
  }
  for (const aligned of alignment.sections) {
    const { misplaced, schema } = aligned;
    if (!misplaced || !schema) continue;
    const anchor = misplaced.anchor.schema!.name;
    findings.push({
      code: 'section-order',
      span: aligned.section.heading.textSpan,
      message: `Section '${schema.name}' is out of template order: it belongs ${misplaced.position} '${anchor}'`,
      data: misplaced.position === 'before' ? { section: schema.name, before: anchor } : { section: schema.name, after: anchor },
      subject: aligned,
    });
  }
  return findings;
}

function subsectionProblems(aligned: AlignedSection, section: string): Finding[] {
  const findings: Finding[] = [];
  for (const sub of aligned.subsections) {
    if (!sub.schema) continue;
    const subsection = sub.schema.name;
    const span = sub.subsection.heading.textSpan;
    if (sub.occurrence === 'duplicate') {
      findings.push({
        code: 'duplicate-section',
        span,
        message: `Duplicate subsection '${subsection}' in '${section}'`,
        data: { section, subsection },
        subject: sub,
      });
    } else if (sub.empty) {
      findings.push({
        code: 'empty-section',
        span,
        message: `Subsection '${subsection}' is empty`,
        data: { section, subsection },
        subject: sub,
      });
    }
  }
  for (const missing of aligned.missingSubsections) {
    findings.push({
      code: 'missing-subsection',
      span: aligned.section.heading.textSpan,
      message: `Section '${section}' is missing subsection '${missing.schema.name}'`,
      data: { section, subsection: missing.schema.name },
      subject: missing,
    });
  }
  return findings;
}

/** `missingAt`: the footer's last line, where a missing field would be added; the title when there is no footer at all. */
function footerProblems(alignment: Alignment, missingAt: Span): Finding[] {
  const findings: Finding[] = [];
  for (const missing of alignment.missingFields) {
    const field = missing.schema.label;
    findings.push({
      code: 'missing-footer-field',
      span: missingAt,
      message: `Missing footer field '${field}'`,
      data: { field },
      subject: missing,
    });
  }
  for (const aligned of alignment.fields) {
    const { line, schema } = aligned;
    if (!schema || PLACEHOLDER_VALUE.test(line.value)) continue;
    const span = line.value === '' ? line.span : line.valueSpan;
    if (schema.kind === 'choice' && !aligned.choice?.exact) {
      const allowed = schema.values.join(', ');
      findings.push({
        code: 'invalid-status',
        span,
        message:
          line.value === '' ? `${line.label} is empty: write one of ${allowed}` : `${line.label} '${line.value}' is not one of ${allowed}`,
        data: { field: schema.label },
        subject: aligned,
      });
    }
    const problem = schema.kind === 'date' ? dateProblem(line.value) : undefined;
    if (problem !== undefined) {
      findings.push({
        code: 'invalid-date',
        span,
        message: line.value === '' ? `${line.label} is empty: write the date YYYY-MM-DD` : `${line.label} '${line.value}' ${problem}`,
        data: { field: schema.label },
        subject: aligned,
      });
    }
  }
  return findings;
}
