import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Blueprint } from '../model/blueprint';
import type { TemplateSchema } from '../template/schema';

/**
 * What every feature works from: one version of a blueprint, its model at that version, and its
 * template. The store makes one per version (and per set of templates in force), so whatever is
 * worked out from it once — the alignment with the template, the findings, the outline — is kept
 * with it through `derived`, shared by every request about that version and dropped with it (no
 * module-level tables).
 */
export class AnalysedBlueprint {
  private readonly derivedValues = new Map<unknown, unknown>();

  constructor(
    /**
     * The open document. It is the editor's live document, so read it while this version is the
     * current one: features answer synchronously from the entry the store just gave them.
     */
    readonly document: TextDocument,
    readonly model: Blueprint,
    readonly schema: TemplateSchema,
  ) {}

  /**
   * The value `derivation` gives for this version, worked out on first use and kept with it, keyed
   * by the derivation function itself (`analysed.derived(alignDocument)`): pass a module-level
   * function, never a closure made per call.
   */
  derived<T>(derivation: (analysed: AnalysedBlueprint) => T): T {
    if (this.derivedValues.has(derivation)) return this.derivedValues.get(derivation) as T;
    const value = derivation(this);
    this.derivedValues.set(derivation, value);
    return value;
  }
}
