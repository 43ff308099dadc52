import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Blueprint, BlueprintChunk } from '../model/blueprint';
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
    /** What was worked out per chunk for earlier versions of the document (see `perChunk`). */
    private readonly chunkValues: WeakMap<object, Map<unknown, unknown>> = new WeakMap(),
  ) {}

  /**
   * The value `derivation` gives for one chunk of the model (`model.chunks`), worked out once for
   * the chunk's facts and kept, for as long as the document is open, with every later version in
   * which the chunk reads the same (its facts are then the same object). Only what the chunk's own
   * facts and `key` determine may be derived so (positions relative to the chunk); pass a
   * module-level function, and in `key` everything else the value depends on.
   */
  perChunk<T>(chunk: BlueprintChunk, key: string, derivation: (chunk: BlueprintChunk) => T): T {
    let values = this.chunkValues.get(chunk.facts);
    if (!values) {
      values = new Map();
      this.chunkValues.set(chunk.facts, values);
    }
    const known = values.get(derivation) as { readonly key: string; readonly value: T } | undefined;
    if (known?.key === key) return known.value;
    const value = derivation(chunk);
    values.set(derivation, { key, value });
    return value;
  }

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
