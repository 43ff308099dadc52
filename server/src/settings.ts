/** Severity names as users write them in `blueprint.diagnostics.<code>`. */
export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

export const SEVERITY_NAMES: readonly SeverityName[] = ['error', 'warning', 'information', 'hint', 'off'];

/** The `blueprint.*` settings the server reads (workspace/configuration section `blueprint`). */
export interface BlueprintSettings {
  /** Severity per diagnostic code; codes not named keep their default. */
  readonly diagnostics: Readonly<Record<string, SeverityName>>;
  /** Filled in for the Author field; the operating system user when empty. */
  readonly author: string;
  /** Documents longer than this many characters get one `too-large` diagnostic instead of analysis. */
  readonly maxDocumentSize: number;
}

export const DEFAULT_SETTINGS: BlueprintSettings = {
  diagnostics: {},
  author: '',
  maxDocumentSize: 5_000_000,
};

/** Accepts whatever a client sends and keeps only well-formed values. */
export function readSettings(raw: unknown): BlueprintSettings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const diagnostics: Record<string, SeverityName> = {};
  const rawDiagnostics = value['diagnostics'];
  if (rawDiagnostics && typeof rawDiagnostics === 'object') {
    for (const [code, severity] of Object.entries(rawDiagnostics as Record<string, unknown>)) {
      if (typeof severity === 'string' && (SEVERITY_NAMES as readonly string[]).includes(severity)) diagnostics[code] = severity as SeverityName;
    }
  }
  const author = typeof value['author'] === 'string' ? value['author'].trim() : DEFAULT_SETTINGS.author;
  const maxSize = value['maxDocumentSize'];
  const maxDocumentSize = typeof maxSize === 'number' && Number.isFinite(maxSize) && maxSize > 0 ? maxSize : DEFAULT_SETTINGS.maxDocumentSize;
  return { diagnostics, author, maxDocumentSize };
}
