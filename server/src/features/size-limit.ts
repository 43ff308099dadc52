import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { BlueprintSettings } from '../settings';
import { severityFor } from './diagnostics';
import { DIAGNOSTIC_SOURCE } from '../diagnostic-codes';

/**
 * One diagnostic on the first line instead of an analysis (which documents get it is the
 * classification's to say: documents/classification.ts); none when the user turned the code off.
 * `bytes`: for a file too large to be read at all (the CLI), whose `document` is only its beginning.
 */
export function tooLargeDiagnostics(document: TextDocument, settings: BlueprintSettings, bytes?: number): Diagnostic[] {
  const text = document.getText();
  const size = text.length;
  const severity = severityFor('too-large', settings);
  if (severity === undefined) return [];
  const firstLineEnd = text.slice(0, 4096).search(/\r|\n/);
  return [
    {
      range: { start: { line: 0, character: 0 }, end: document.positionAt(firstLineEnd < 0 ? Math.min(size, 4096) : firstLineEnd) },
      severity,
      code: 'too-large',
      source: DIAGNOSTIC_SOURCE,
      message: `This blueprint has ${bytes === undefined ? `${size.toLocaleString('en-US')} characters` : `${bytes.toLocaleString('en-US')} bytes`}, more than blueprint.maxDocumentSize (${settings.maxDocumentSize.toLocaleString('en-US')}): it is not checked. Split it, or raise the setting.`,
    },
  ];
}
