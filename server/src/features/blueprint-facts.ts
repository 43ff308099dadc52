import type { Diagnostic, Range } from 'vscode-languageserver';
import { alignmentOf } from '../alignment/alignment';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { StructureKind } from '../model/blueprint';
import type { Span } from '../model/span';
import { toRange } from '../lsp-ranges';

/** Where a structure's name is written: its declaration, a type in a typescript block, a relationship end. */
export interface NameOccurrence {
  readonly name: string;
  readonly span: Span;
  readonly role: 'declaration' | 'type' | 'relationship';
}

/**
 * Every place a structure is named in a blueprint, in document order. Only text that reads exactly
 * as the name counts, so a rename never rewrites anything else (a bold end written with escapes is
 * left alone). Worked out once per version.
 */
export function nameOccurrences(analysed: AnalysedBlueprint): readonly NameOccurrence[] {
  return analysed.derived(occurrencesOf);
}

function occurrencesOf(analysed: AnalysedBlueprint): NameOccurrence[] {
  const { document, model } = analysed;
  const text = document.getText();
  const found: NameOccurrence[] = [];
  for (const s of model.structures) {
    if (!s.nameIsPlaceholder) found.push({ name: s.name, span: s.nameSpan, role: 'declaration' });
    for (const r of s.typeReferences) found.push({ name: r.name, span: r.span, role: 'type' });
  }
  for (const r of alignmentOf(analysed).relationships) {
    for (const end of [r.from, r.to]) {
      if (!end.isPlaceholder && end.text !== '') found.push({ name: end.text, span: end.span, role: 'relationship' });
    }
  }
  return found.filter((o) => text.slice(o.span.start, o.span.end) === o.name).sort((a, b) => a.span.start - b.span.start);
}

/** A structure name written in some blueprint, as the workspace index keeps it: a range, never a syntax tree. */
export interface NamedPlace {
  readonly name: string;
  readonly range: Range;
  readonly role: NameOccurrence['role'];
  /** For a declaration: what declares it. */
  readonly kind?: StructureKind;
}

/** How far along a blueprint is: what the Blueprints view and `blueprint status` show of it, besides its problems. */
export interface ProgressFacts {
  /** The template's kind (`Data Blueprint`). */
  readonly kind: string;
  /** The template's status values, in order (the groups of the view). */
  readonly statusValues: readonly string[];
  /** The Blueprint Status as the template spells it; undefined when unsaid (unfilled) or none of the values. */
  readonly status: string | undefined;
  /** The status as written, when it is none of the template's values. */
  readonly invalidStatus: string | undefined;
  readonly sectionsPresent: number;
  readonly sectionsTotal: number;
  readonly placeholders: number;
  /** Where the first placeholder is, for "Go to Next Placeholder" on a file that is not open. */
  readonly firstPlaceholder: Range | undefined;
}

/**
 * The compact facts of one version of a blueprint that reach beyond it: the structures it declares,
 * the names it uses as relationship ends and field types, how far along it is, and its diagnostics
 * before structures are resolved across the workspace (`resolveStructureDiagnostics`). No text and
 * no model: a thousand of them stay small.
 */
export interface BlueprintFacts {
  readonly uri: string;
  /** The title and the section and subsection headings (`level` 1, 2, 3), for workspace symbols. */
  readonly headings: readonly { readonly text: string; readonly level: number; readonly range: Range }[];
  readonly names: readonly NamedPlace[];
  readonly progress: ProgressFacts;
  readonly diagnostics: readonly Diagnostic[];
}

export function blueprintFacts(analysed: AnalysedBlueprint, unresolvedDiagnostics: readonly Diagnostic[]): BlueprintFacts {
  const { document, model, schema } = analysed;
  const structures = new Map(model.structures.map((s) => [s.nameSpan.start, s.kind]));
  const names = nameOccurrences(analysed).map((o) => {
    const range = toRange(document, o.span);
    const kind = o.role === 'declaration' ? structures.get(o.span.start) : undefined;
    return kind === undefined ? { name: o.name, range, role: o.role } : { name: o.name, range, role: o.role, kind };
  });
  const alignment = alignmentOf(analysed);
  const status = alignment.status;
  const values = status?.schema.values ?? [];
  const stage = status && !status.unsaid ? status.stage : undefined;
  const firstPlaceholder = model.placeholders[0];
  const headings = [];
  if (model.title) headings.push({ text: model.title.text, level: 1, range: toRange(document, model.title.textSpan) });
  for (const section of model.sections) {
    headings.push({ text: section.heading.text, level: 2, range: toRange(document, section.heading.textSpan) });
    for (const sub of section.subsections)
      headings.push({ text: sub.heading.text, level: 3, range: toRange(document, sub.heading.textSpan) });
  }
  return {
    uri: document.uri,
    headings,
    names,
    progress: {
      kind: schema.kind,
      statusValues: values,
      status: stage === undefined ? undefined : values[stage],
      invalidStatus: status && !status.unsaid && status.stage === undefined ? status.field?.line.value : undefined,
      sectionsPresent: schema.sections.length - alignment.missingSections.length,
      sectionsTotal: schema.sections.length,
      placeholders: model.placeholders.length,
      firstPlaceholder: firstPlaceholder ? toRange(document, firstPlaceholder.span) : undefined,
    },
    diagnostics: unresolvedDiagnostics,
  };
}
