import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Blueprint } from '../model/blueprint';
import type { TemplateSchema } from '../template/schema';

/**
 * What every feature works from: one version of a document, its model and its template. One entry
 * per version and template: what is derived from it (the alignment with its template, the
 * findings, the outline) is computed on first use and kept with it, so every request about that
 * version shares it, and nothing outlives the version (no module-level tables).
 */
export class AnalysedBlueprint {
  private readonly derivedValues = new Map<unknown, unknown>();

  constructor(
    readonly document: TextDocument,
    readonly model: Blueprint,
    readonly schema: TemplateSchema,
  ) {}

  /**
   * A value derived from this version, computed on first use and kept with it, keyed by the
   * derivation function (so pass a module-level function, never a new closure per call).
   */
  derived<T>(derivation: (analysed: AnalysedBlueprint) => T): T {
    if (this.derivedValues.has(derivation)) return this.derivedValues.get(derivation) as T;
    const value = derivation(this);
    this.derivedValues.set(derivation, value);
    return value;
  }
}
