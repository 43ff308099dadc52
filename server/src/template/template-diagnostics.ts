import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TemplateProblem } from './template-file';
import { DIAGNOSTIC_SOURCE } from '../diagnostic-codes';
import { toRange } from '../lsp-ranges';

export const INVALID_TEMPLATE_CODE = 'invalid-template';

/** A malformed template's problems, reported in the template file itself. */
export function templateDiagnostics(document: TextDocument, problems: readonly TemplateProblem[]): Diagnostic[] {
  return problems.map((p) => ({
    range: toRange(document, p.span),
    severity: DiagnosticSeverity.Error,
    code: INVALID_TEMPLATE_CODE,
    source: DIAGNOSTIC_SOURCE,
    message: `${p.message}; this template is not used until it is fixed`,
  }));
}
