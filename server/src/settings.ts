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
  /** Placeholder and missing-section severities follow the Blueprint Status (first value hint … last value error). */
  readonly severityByStatus: boolean;
  readonly templates: {
    /** Workspace-relative folder whose Markdown files are templates. */
    readonly folder: string;
  };
  readonly codeLens: {
    /** The per-section completeness lens. */
    readonly enabled: boolean;
  };
}

export const DEFAULT_SETTINGS: BlueprintSettings = {
  diagnostics: {},
  author: '',
  maxDocumentSize: 1_000_000,
  severityByStatus: true,
  templates: { folder: '.blueprints' },
  codeLens: { enabled: true },
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
  const severityByStatus = typeof value['severityByStatus'] === 'boolean' ? value['severityByStatus'] : DEFAULT_SETTINGS.severityByStatus;
  const folder = objectAt(value, 'templates')['folder'];
  const templates = { folder: typeof folder === 'string' && folder.trim() !== '' ? folder.trim() : DEFAULT_SETTINGS.templates.folder };
  const lensEnabled = objectAt(value, 'codeLens')['enabled'];
  const codeLens = { enabled: typeof lensEnabled === 'boolean' ? lensEnabled : DEFAULT_SETTINGS.codeLens.enabled };
  return { diagnostics, author, maxDocumentSize, severityByStatus, templates, codeLens };
}

function objectAt(value: Record<string, unknown>, key: string): Record<string, unknown> {
  const inner = value[key];
  return inner && typeof inner === 'object' && !Array.isArray(inner) ? inner as Record<string, unknown> : {};
}
