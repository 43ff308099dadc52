import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { BlueprintStore } from '../documents/blueprint-store';
import type { TemplateSchema } from '../model/schema';
import { frontMatterEnd } from '../model/markdown-parser';
import type { BlueprintSettings } from '../settings';
import { DIAGNOSTIC_SOURCE, severityFor } from './diagnostics';

export function isTooLarge(document: TextDocument, settings: BlueprintSettings): boolean {
  return document.getText().length > settings.maxDocumentSize;
}

/** How far into a document too large to analyse its front matter is looked for. */
const FRONT_MATTER_LOOKAHEAD = 65_536;

/** Whether a document too large to analyse would be a blueprint, judged from its first lines (after its front matter) only. */
export function looksLikeBlueprint(document: TextDocument, store: BlueprintStore, templates?: readonly TemplateSchema[]): boolean {
  const text = document.getText();
  const frontMatter = frontMatterEnd(text.slice(0, FRONT_MATTER_LOOKAHEAD)) ?? 0;
  return store.isBlueprintText(text.slice(0, frontMatter + 4096), document.uri, templates);
}

/**
 * One diagnostic on the first line instead of an analysis; none when the user turned the code off.
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
