import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Blueprint } from '../model/blueprint';
import type { TemplateSchema } from '../model/schema';

/**
 * What every feature works from: one version of a blueprint, its model at that version, and its
 * template. The store makes one per version (and per set of templates in force), so whatever is
 * worked out from it once — the alignment with the template, the findings, the outline — is kept
 * with it through `derived` and shared by every request about that version, then dropped with it.
 */
export interface AnalysedBlueprint {
  /**
   * The open document. It is the editor's live document, so read it while this version is the
   * current one: features answer synchronously from the entry the store just gave them.
   */
  readonly document: TextDocument;
  readonly model: Blueprint;
  readonly schema: TemplateSchema;
  /**
   * The value `derivation` gives for this version, worked out on first use and kept with it, keyed
   * by the derivation function itself: `analysed.derived(alignDocument)`. A derivation is a pure
   * function of the analysed version (declare it once, at module level, so that its identity is
   * the key), never a closure made per call.
   */
  derived<T>(derivation: (analysed: AnalysedBlueprint) => T): T;
}

/** A new version's entry, with nothing derived from it yet. */
export function analysedBlueprint(document: TextDocument, model: Blueprint, schema: TemplateSchema): AnalysedBlueprint {
  return new AnalysedVersion(document, model, schema);
}

class AnalysedVersion implements AnalysedBlueprint {
  private readonly values = new Map<(analysed: AnalysedBlueprint) => unknown, unknown>();

  constructor(
    readonly document: TextDocument,
    readonly model: Blueprint,
    readonly schema: TemplateSchema,
  ) {}

  derived<T>(derivation: (analysed: AnalysedBlueprint) => T): T {
    if (this.values.has(derivation)) return this.values.get(derivation) as T;
    const value = derivation(this);
    this.values.set(derivation, value);
    return value;
  }
}
