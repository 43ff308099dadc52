import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import {
  alignmentOf,
  isRelationshipPlace,
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
import type { BlueprintChunk, CodeSyntaxError, Placeholder, RelationshipPart, StructureKind } from '../model/blueprint';
import { INLINE_DELIMITER_BUDGET } from '../model/inline-budget';
import { shiftSpan, type Span } from '../model/span';
import type { BlueprintSettings, SeverityName } from '../settings';
import { DIAGNOSTIC_DEFAULTS, DIAGNOSTIC_SOURCE, type DiagnosticCode } from '../diagnostic-codes';
import { dateProblem } from './calendar-dates';
import { staleDiagrams, staleMessage, staleSpan } from './diagrams';
import { toOffset, toRange } from '../lsp-ranges';

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
  'ambiguous-structure': { readonly structure: string };
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
  'ambiguous-structure': RelationshipPart;
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

/**
 * All the problems of a blueprint, as the settings want them reported, in `findProblems`' order.
 * What a chunk says by itself (its placeholders, degraded paragraphs and typescript syntax errors)
 * is projected once per chunk, with positions relative to the chunk's first line, and reused by
 * every later version in which the chunk reads the same, moved to the chunk's line (and kept as
 * they are while the chunk stays on its line); the rest is projected from the version's alignment.
 */
export function computeDiagnostics(analysed: AnalysedBlueprint, settings: BlueprintSettings): Diagnostic[] {
  const placeholder = severityFor('placeholder', settings);
  const degraded = severityFor('degraded-analysis', settings);
  const typescript = severityFor('typescript-syntax', settings);
  const severities = `${placeholder}/${degraded}/${typescript}`;
  const chunks: NonNullable<ChunkDiagnostics['placed']>[] = [];
  for (const chunk of analysed.model.chunks) {
    const { facts } = chunk;
    if (facts.placeholders.length === 0 && facts.degraded.length === 0 && facts.typescriptErrors.length === 0) continue;
    const own = analysed.perChunk(chunk, '', chunkDiagnostics);
    if (own.placed?.line !== chunk.line || own.placed.severities !== severities) {
      own.placed = {
        line: chunk.line,
        severities,
        placeholder: placedDiagnostics(own.placeholder, chunk.line, placeholder),
        degraded: placedDiagnostics(own.degraded, chunk.line, degraded),
        typescript: placedDiagnostics(own.typescript, chunk.line, typescript),
      };
    }
    chunks.push(own.placed);
  }
  const diagnostics: Diagnostic[] = [];
  const project = (findings: readonly Finding[]) => {
    for (const finding of findings) {
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
  };
  const documentWide = analysed.derived(documentProblems);
  for (const chunk of chunks) for (const d of chunk.placeholder) diagnostics.push(d);
  project(documentWide.sections);
  project(documentWide.footer);
  for (const chunk of chunks) for (const d of chunk.degraded) diagnostics.push(d);
  for (const chunk of chunks) for (const d of chunk.typescript) diagnostics.push(d);
  project(documentWide.structures);
  project(documentWide.diagrams);
  return diagnostics;
}

/** A chunk's own diagnostics, without a severity, lines relative to the chunk; and where they were last placed. */
interface ChunkDiagnostics {
  readonly placeholder: readonly Omit<Diagnostic, 'severity'>[];
  readonly degraded: readonly Omit<Diagnostic, 'severity'>[];
  readonly typescript: readonly Omit<Diagnostic, 'severity'>[];
  placed:
    | {
        readonly line: number;
        readonly severities: string;
        readonly placeholder: readonly Diagnostic[];
        readonly degraded: readonly Diagnostic[];
        readonly typescript: readonly Diagnostic[];
      }
    | undefined;
}

function chunkDiagnostics(chunk: BlueprintChunk): ChunkDiagnostics {
  const { facts } = chunk;
  const relative = (finding: Finding): Omit<Diagnostic, 'severity'> => ({
    range: { start: chunk.positionAt(finding.span.start), end: chunk.positionAt(finding.span.end) },
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  });
  return {
    placeholder: [...facts.placeholders].sort((a, b) => a.span.start - b.span.start).map((p) => relative(placeholderFinding(p))),
    degraded: facts.degraded.map((span) => relative(degradedFinding(span))),
    typescript: facts.typescriptErrors.map((error) => relative(typescriptFinding(error))),
    placed: undefined,
  };
}

function placedDiagnostics(
  relative: readonly Omit<Diagnostic, 'severity'>[],
  line: number,
  severity: DiagnosticSeverity | undefined,
): readonly Diagnostic[] {
  if (severity === undefined || relative.length === 0) return [];
  return relative.map((d) => ({
    range: {
      start: { line: d.range.start.line + line, character: d.range.start.character },
      end: { line: d.range.end.line + line, character: d.range.end.character },
    },
    severity,
    code: d.code,
    source: d.source,
    message: d.message,
  }));
}

export function severityFor(code: DiagnosticCode, settings: BlueprintSettings): DiagnosticSeverity | undefined {
  const name = settings.diagnostics[code] ?? DIAGNOSTIC_DEFAULTS[code];
  return name === 'off' ? undefined : SEVERITIES[name];
}

/**
 * The problems in document order within each kind: placeholders, sections, footer, degraded
 * paragraphs, code, relationships, stale diagrams. Found once per version (diagnostics, every quick-fix request and
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
  const documentWide = analysed.derived(documentProblems);
  return [
    ...model.placeholders.map(placeholderFinding),
    ...documentWide.sections,
    ...documentWide.footer,
    ...model.degraded.map(degradedFinding),
    ...model.typescriptErrors.map(typescriptFinding),
    ...documentWide.structures,
    ...documentWide.diagrams,
  ];
}

function placeholderFinding(p: Placeholder): Finding {
  return { code: 'placeholder', span: p.span, message: `Placeholder '[${p.text}]' is not filled in`, data: undefined, subject: p };
}

function degradedFinding(span: Span): Finding {
  return {
    code: 'degraded-analysis',
    span,
    message: `This paragraph holds more than ${INLINE_DELIMITER_BUDGET.toLocaleString('en-US')} Markdown delimiters (such as * _ [ ] ( )): it is read as plain text, so its links, emphasis and code spans are not checked (its placeholders are)`,
    data: undefined,
    subject: undefined,
  };
}

function typescriptFinding(error: CodeSyntaxError): Finding {
  return { code: 'typescript-syntax', span: error.span, message: error.message, data: undefined, subject: undefined };
}

/** The problems of a version that need more than one chunk to see: its sections, its footer, relationships naming unknown structures, and stale diagrams. */
function documentProblems(analysed: AnalysedBlueprint): {
  readonly sections: readonly Finding[];
  readonly footer: readonly Finding[];
  readonly structures: readonly Finding[];
  readonly diagrams: readonly Finding[];
} {
  const { model } = analysed;
  const alignment = alignmentOf(analysed);
  const titleSpan = model.title?.textSpan ?? { start: 0, end: 0 };
  // Read from each chunk's own facts, so that no relationship or structure is placed: only those
  // that name an unknown structure are.
  const declared = new Set<string>();
  for (const chunk of model.chunks) for (const s of chunk.facts.structures) if (!s.nameIsPlaceholder) declared.add(s.name);
  const structures: Finding[] = [];
  for (const chunk of model.chunks) {
    for (const r of chunk.facts.relationships) {
      const unknown = [r.from, r.to].filter((end) => !end.isPlaceholder && end.text !== '' && !declared.has(end.text));
      if (unknown.length === 0 || !isRelationshipPlace(alignment, chunk.start + r.span.start)) continue;
      for (const end of unknown) {
        const placed = { text: end.text, span: shiftSpan(end.span, chunk.start), isPlaceholder: end.isPlaceholder };
        structures.push({
          code: 'unknown-structure',
          span: placed.span,
          message: `Unknown structure '${end.text}': no ${DECLARATION_KINDS} of that name is declared in this blueprint's typescript blocks`,
          data: { structure: end.text },
          subject: placed,
        });
      }
    }
  }
  const diagrams: Finding[] = staleDiagrams(analysed).map((block) => ({
    code: 'stale-diagram',
    span: staleSpan(block),
    message: staleMessage(block),
    data: { diagram: block.kind },
    subject: block,
  }));
  return {
    sections: sectionProblems(alignment, titleSpan),
    footer: footerProblems(alignment, model.footer[model.footer.length - 1]?.span ?? titleSpan),
    structures,
    diagrams,
  };
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
