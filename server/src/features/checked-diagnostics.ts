import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { BlueprintStore } from '../documents/blueprint-store';
import type { TemplateSchema } from '../model/schema';
import type { BlueprintSettings } from '../settings';
import { computeDiagnostics } from './diagnostics';
import { applyRuleControl } from './rule-control';
import { severitiesForStatus } from './severity-by-status';
import { isTooLarge, looksLikeBlueprint, tooLargeDiagnostics } from './size-limit';

/**
 * The diagnostics a document gets, in the editor and from `blueprint check` alike: the findings at
 * the severities the settings and the Blueprint Status ask for, less those silenced by comments.
 * Undefined for a document that is not a blueprint. `templates`: those of the document's folder.
 */
export function checkDocument(
  document: TextDocument,
  store: BlueprintStore,
  settings: BlueprintSettings,
  templates?: readonly TemplateSchema[],
): Diagnostic[] | undefined {
  if (isTooLarge(document, settings)) {
    return looksLikeBlueprint(document, store, templates) ? tooLargeDiagnostics(document, settings) : undefined;
  }
  const blueprint = store.get(document, templates);
  return blueprint ? blueprintDiagnostics(blueprint, settings) : undefined;
}

/** The diagnostics of an analysed blueprint, at the severities in force and less the silenced ones. */
export function blueprintDiagnostics(blueprint: AnalysedBlueprint, settings: BlueprintSettings): Diagnostic[] {
  return applyRuleControl(blueprint, computeDiagnostics(blueprint, severitiesForStatus(blueprint, settings)));
}
