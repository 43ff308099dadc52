import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { DocumentClass } from '../documents/classification';
import type { TemplateProblem } from '../template/template-file';
import type { BlueprintSettings } from '../settings';
import { computeDiagnostics } from './diagnostics';
import { applyRuleControl } from './rule-control';
import { severitiesForStatus } from './severity-by-status';
import { tooLargeDiagnostics } from './size-limit';
import { templateDiagnostics } from '../template/template-diagnostics';

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
): Diagnostic[] | undefined {
  switch (classified.kind) {
    case 'blueprint':
      return blueprintDiagnostics(classified.analysed, settings);
    case 'too-large':
      return tooLargeDiagnostics(document, settings, classified.bytes);
    case 'template':
      return templateDiagnostics(document, templateProblems);
    case 'plain':
      return undefined;
  }
}

/** The diagnostics of an analysed blueprint, at the severities in force and less the silenced ones. */
export function blueprintDiagnostics(blueprint: AnalysedBlueprint, settings: BlueprintSettings): Diagnostic[] {
  return applyRuleControl(blueprint, computeDiagnostics(blueprint, severitiesForStatus(blueprint, settings)));
}
