import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Blueprint } from '../model/blueprint';
import type { TemplateSchema } from '../template/schema';

/** What every feature works from: the document, its model at that version, and its template. */
export interface AnalysedBlueprint {
  readonly document: TextDocument;
  readonly model: Blueprint;
  readonly schema: TemplateSchema;
}
