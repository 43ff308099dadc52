import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { DocumentClass } from '../documents/classification';
import type { TemplateProblem } from '../template/template-file';
import type { BlueprintSettings } from '../settings';
import { computeDiagnostics, severityFor } from './diagnostics';
import { applyRuleControl } from './rule-control';
import { severitiesForStatus } from './severity-by-status';
import { tooLargeDiagnostics } from './size-limit';
import { templateDiagnostics } from '../template/template-diagnostics';
import { resolveStructureDiagnostics, type StructureTable } from './workspace-structures';

/**
 * The diagnostics of a classified document, in the editor and from `blueprint check` alike:
 * undefined for one that is not checked (plain Markdown), the problems of a template file
 * (`templateProblems`, for the language server to work out: an open template is judged by its
 * text), one `too-large` diagnostic, or a blueprint's findings as `blueprintDiagnostics` gives them.
 */
export function checkedDiagnostics(
  document: TextDocument,
  classified: DocumentClass,
  settings: BlueprintSettings,
  templateProblems: readonly TemplateProblem[] = [],
  structures?: StructureTable,
): Diagnostic[] | undefined {
  switch (classified.kind) {
    case 'blueprint':
      return blueprintDiagnostics(classified.analysed, settings, structures);
    case 'too-large':
      return tooLargeDiagnostics(document, settings, classified.bytes);
    case 'template':
      return templateDiagnostics(document, templateProblems);
    case 'plain':
      return undefined;
  }
}

/**
 * The diagnostics of an analysed blueprint, at the severities in force and less the silenced ones,
 * its structures resolved in `structures` (the workspace's; undefined: only its own declarations count).
 */
export function blueprintDiagnostics(blueprint: AnalysedBlueprint, settings: BlueprintSettings, structures?: StructureTable): Diagnostic[] {
  return resolveStructureDiagnostics(unresolvedBlueprintDiagnostics(blueprint, settings), blueprint.document.uri, structures);
}

/**
 * The same before structures are resolved: what the workspace index keeps of a file, to resolve when
 * the workspace changes. Whether a name the blueprint does not declare is unknown or ambiguous
 * depends on the other blueprints, so each `unknown-structure` comes with an `ambiguous-structure`
 * candidate; both go through the severities and the rule-control comments, and
 * `resolveStructureDiagnostics` keeps the one that holds.
 */
export function unresolvedBlueprintDiagnostics(blueprint: AnalysedBlueprint, settings: BlueprintSettings): Diagnostic[] {
  const inForce = severitiesForStatus(blueprint, settings);
  const ambiguous = severityFor('ambiguous-structure', inForce);
  const diagnostics = computeDiagnostics(blueprint, inForce).flatMap((d) =>
    d.code === 'unknown-structure' && ambiguous !== undefined
      ? [d, { ...d, severity: ambiguous, code: 'ambiguous-structure', message: 'Ambiguous structure' }]
      : [d],
  );
  return applyRuleControl(blueprint, diagnostics);
}
