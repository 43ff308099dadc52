import { RequestType, type Range } from 'vscode-languageserver';

/** Custom requests the server answers beyond LSP; the VS Code client uses them for its status bar and commands. */
export interface DocumentStatusParams {
  readonly uri: string;
}

export interface DocumentStatus {
  /** The kind of blueprint, e.g. "Data Blueprint". */
  readonly kind: string;
  readonly sectionsPresent: number;
  readonly sectionsTotal: number;
  /** Every unfilled placeholder, in document order. */
  readonly placeholders: readonly Range[];
  /** True when the document was too large to analyse. */
  readonly tooLarge: boolean;
}

/** Null for documents that are not blueprints. */
export const DocumentStatusRequest = new RequestType<DocumentStatusParams, DocumentStatus | null, void>('blueprint/documentStatus');
