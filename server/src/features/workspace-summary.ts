import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { BlueprintSummary } from '../protocol';
import type { BlueprintFacts } from './blueprint-facts';

/** One blueprint as the index or `blueprint check` holds it, its structures resolved. */
export interface SummarisedFile {
  readonly uri: string;
  /** As shown: relative to the workspace folder (or the current folder), forward slashes. */
  readonly path: string;
  /** Undefined for a blueprint too large to analyse. */
  readonly facts: BlueprintFacts | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * A blueprint's line in the Blueprints view and in `blueprint status`: one function for both, so
 * they say the same. A status that is none of the template's values counts as unfilled (its
 * `invalid-status` error says why).
 */
export function blueprintSummary({ uri, path, facts, diagnostics }: SummarisedFile): BlueprintSummary {
  const progress = facts?.progress;
  return {
    uri,
    path,
    kind: progress?.kind ?? '',
    status: progress?.status ?? null,
    sectionsPresent: progress?.sectionsPresent ?? 0,
    sectionsTotal: progress?.sectionsTotal ?? 0,
    placeholders: progress?.placeholders ?? 0,
    firstPlaceholder: progress?.firstPlaceholder ?? null,
    errors: diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length,
    warnings: diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning).length,
    tooLarge: facts === undefined,
  };
}

/** The status values of the blueprints' templates, each once, in each template's order: the view's groups. */
export function statusValues(files: Iterable<Pick<SummarisedFile, 'facts'>>): string[] {
  const values: string[] = [];
  for (const file of files) for (const value of file.facts?.progress.statusValues ?? []) if (!values.includes(value)) values.push(value);
  return values;
}

/** Blueprints by path, as the view and the table list them. */
export function byPath(a: { readonly path: string }, b: { readonly path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
