import { DIAGNOSTIC_DEFAULTS } from './diagnostic-codes';

/** Severity names as users write them in `blueprint.diagnostics.<code>`. */
export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

export const SEVERITY_NAMES: readonly SeverityName[] = ['error', 'warning', 'information', 'hint', 'off'];

/**
 * The `blueprint.*` settings, wherever they come from: the editor (workspace/configuration section
 * `blueprint`, or initialization options), a `.blueprintrc.json`, both merged (project/settings-resolution.ts).
 */
export interface BlueprintSettings {
  /** Severity per diagnostic code (only known codes: `readSettings` reports the others); codes not named keep their default. */
  readonly diagnostics: Readonly<Record<string, SeverityName>>;
  /** Filled in for the Author field (completion, quick fixes, new blueprints); the operating system user when empty. */
  readonly author: string;
  /** Blueprints longer than this many characters get one `too-large` diagnostic instead of an analysis; other documents nothing. */
  readonly maxDocumentSize: number;
  /**
   * The unfinished-blueprint codes (`placeholder`, `missing-section`, `missing-subsection`,
   * `missing-footer-field`) follow the Blueprint Status: hints for its first value, errors for its
   * last, warnings in between; a severity set for the code wins (features/severity-by-status.ts).
   */
  readonly severityByStatus: boolean;
  readonly templates: {
    /**
     * The folder whose Markdown files are templates: relative to the `.blueprintrc.json` that sets
     * it, else to the root (the workspace folder; the repository root for the CLI), and never outside
     * the root (project/settings-resolution.ts).
     */
    readonly folder: string;
  };
  readonly codeLens: {
    /** The per-section completeness lens. */
    readonly enabled: boolean;
  };
  readonly workspace: {
    /** The language server indexes every blueprint of the workspace folders (structures across blueprints, problems of closed files, the Blueprints view). */
    readonly index: boolean;
    /** Globs (picomatch, relative to the root) of files and folders the index and `blueprint check`'s search leave out, besides .gitignore and `ignores`. */
    readonly exclude: readonly string[];
  };
  readonly structures: {
    /** Where a relationship end or field type may find its structure: any blueprint of the workspace, or only its own. */
    readonly scope: StructureScope;
  };
  /** Whose problems the editor lists: every blueprint of the workspace, or only the open ones. */
  readonly diagnosticsScope: DiagnosticsScope;
}

export type StructureScope = 'workspace' | 'document';
export const STRUCTURE_SCOPES: readonly StructureScope[] = ['workspace', 'document'];
export type DiagnosticsScope = 'workspace' | 'openFiles';
export const DIAGNOSTICS_SCOPES: readonly DiagnosticsScope[] = ['workspace', 'openFiles'];

/**
 * `blueprint.diagnostics.scope` sits among the severities by code (`blueprint.diagnostics.<code>`),
 * as users look for it there; it is no code.
 */
export const DIAGNOSTICS_SCOPE_KEY = 'scope';

export const DEFAULT_SETTINGS: BlueprintSettings = {
  diagnostics: {},
  author: '',
  maxDocumentSize: 1_000_000,
  severityByStatus: true,
  templates: { folder: '.blueprints' },
  codeLens: { enabled: true },
  workspace: { index: true, exclude: [] },
  structures: { scope: 'workspace' },
  diagnosticsScope: 'workspace',
};

/** The top-level keys users write (`diagnosticsScope` is written `diagnostics.scope`). */
export const SETTING_KEYS: readonly string[] = Object.keys(DEFAULT_SETTINGS).filter((key) => key !== 'diagnosticsScope');

/** A value a user wrote that cannot be used: `path` is the key as written (`diagnostics.placeholder`). */
export interface SettingProblem {
  readonly path: readonly string[];
  /** What is wrong and what applies instead, without the setting's name (callers say where it was written). */
  readonly message: string;
}

export interface ReadSettings {
  readonly settings: BlueprintSettings;
  /** Every value that was not used, and why; the default (or the value from another source) applies instead. */
  readonly problems: readonly SettingProblem[];
}

/**
 * The one reader of settings, whoever wrote them (editor, initialization options, `.blueprintrc.json`):
 * well-formed values are kept, and every other value is a problem the caller reports, never silently
 * replaced by its default. Absent keys (and `null`, which editors send for "not set") are no problem.
 */
export function readSettings(raw: unknown): ReadSettings {
  const value = isObject(raw) ? raw : {};
  const problems: SettingProblem[] = [];
  const wrong = (path: string[], message: string) => problems.push({ path, message });

  const diagnostics: Record<string, SeverityName> = {};
  const rawDiagnostics = value['diagnostics'];
  let diagnosticsScope = DEFAULT_SETTINGS.diagnosticsScope;
  if (isObject(rawDiagnostics)) {
    diagnosticsScope = read(
      rawDiagnostics,
      ['diagnostics', DIAGNOSTICS_SCOPE_KEY],
      DEFAULT_SETTINGS.diagnosticsScope,
      wrong,
      (v) => oneOf(v, DIAGNOSTICS_SCOPES),
      (v) => v as DiagnosticsScope,
    );
    for (const [code, severity] of Object.entries(rawDiagnostics)) {
      if (severity === undefined || severity === null || code === DIAGNOSTICS_SCOPE_KEY) continue;
      if (!Object.hasOwn(DIAGNOSTIC_DEFAULTS, code))
        wrong(['diagnostics', code], `is not a diagnostic code (codes: ${Object.keys(DIAGNOSTIC_DEFAULTS).join(', ')})`);
      else if (typeof severity === 'string' && (SEVERITY_NAMES as readonly string[]).includes(severity))
        diagnostics[code] = severity as SeverityName;
      else wrong(['diagnostics', code], `${describe(severity)} is not a severity (${SEVERITY_NAMES.join(', ')}); the default applies`);
    }
  } else if (isSet(rawDiagnostics)) {
    wrong(['diagnostics'], `${describe(rawDiagnostics)} is not an object of severities by code; the defaults apply`);
  }

  const author = read(
    value,
    ['author'],
    DEFAULT_SETTINGS.author,
    wrong,
    (v) =>
      typeof v !== 'string'
        ? 'is not a string'
        : CONTROL_CHARACTERS.test(v)
          ? 'holds a line break or another control character'
          : undefined,
    (v) => (v as string).trim(),
  );
  const maxDocumentSize = read(
    value,
    ['maxDocumentSize'],
    DEFAULT_SETTINGS.maxDocumentSize,
    wrong,
    (v) => (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 ? 'is not a number above 0' : undefined),
    (v) => v as number,
  );
  const severityByStatus = read(
    value,
    ['severityByStatus'],
    DEFAULT_SETTINGS.severityByStatus,
    wrong,
    (v) => (typeof v === 'boolean' ? undefined : 'is not true or false'),
    (v) => v as boolean,
  );
  const folder = read(
    objectAt(value, 'templates', wrong),
    ['templates', 'folder'],
    DEFAULT_SETTINGS.templates.folder,
    wrong,
    (v) =>
      typeof v !== 'string' || v.trim() === ''
        ? 'is not a folder name'
        : CONTROL_CHARACTERS.test(v)
          ? 'holds a control character'
          : undefined,
    (v) => (v as string).trim(),
  );
  const lensEnabled = read(
    objectAt(value, 'codeLens', wrong),
    ['codeLens', 'enabled'],
    DEFAULT_SETTINGS.codeLens.enabled,
    wrong,
    (v) => (typeof v === 'boolean' ? undefined : 'is not true or false'),
    (v) => v as boolean,
  );
  const rawWorkspace = objectAt(value, 'workspace', wrong);
  const index = read(
    rawWorkspace,
    ['workspace', 'index'],
    DEFAULT_SETTINGS.workspace.index,
    wrong,
    (v) => (typeof v === 'boolean' ? undefined : 'is not true or false'),
    (v) => v as boolean,
  );
  const exclude = read(
    rawWorkspace,
    ['workspace', 'exclude'],
    DEFAULT_SETTINGS.workspace.exclude,
    wrong,
    (v) =>
      !Array.isArray(v) || v.some((glob) => typeof glob !== 'string' || glob.trim() === '' || CONTROL_CHARACTERS.test(glob))
        ? 'is not a list of globs'
        : undefined,
    (v) => (v as string[]).map((glob) => glob.trim()),
  );
  const structureScope = read(
    objectAt(value, 'structures', wrong),
    ['structures', 'scope'],
    DEFAULT_SETTINGS.structures.scope,
    wrong,
    (v) => oneOf(v, STRUCTURE_SCOPES),
    (v) => v as StructureScope,
  );
  return {
    settings: {
      diagnostics,
      author,
      maxDocumentSize,
      severityByStatus,
      templates: { folder },
      codeLens: { enabled: lensEnabled },
      workspace: { index, exclude },
      structures: { scope: structureScope },
      diagnosticsScope,
    },
    problems,
  };
}

function oneOf(value: unknown, allowed: readonly string[]): string | undefined {
  return typeof value === 'string' && allowed.includes(value) ? undefined : `is not one of ${allowed.join(', ')}`;
}

/** Line breaks and other control characters, which would let a setting's value add lines to a document. */
const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]/u;

function read<T>(
  from: Record<string, unknown>,
  path: string[],
  fallback: T,
  wrong: (path: string[], message: string) => void,
  invalid: (value: unknown) => string | undefined,
  convert: (value: unknown) => T,
): T {
  const raw = from[path[path.length - 1]!];
  if (!isSet(raw)) return fallback;
  const why = invalid(raw);
  if (why === undefined) return convert(raw);
  wrong(path, `${describe(raw)} ${why}; the default (${JSON.stringify(fallback)}) applies`);
  return fallback;
}

function objectAt(value: Record<string, unknown>, key: string, wrong: (path: string[], message: string) => void): Record<string, unknown> {
  const inner = value[key];
  if (isObject(inner)) return inner;
  if (isSet(inner)) wrong([key], `${describe(inner)} is not an object; the defaults apply`);
  return {};
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as a user would recognise it, kept short: settings may come from any file. */
function describe(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value).replace(
      /[\u0080-\u009f\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  if (Array.isArray(value)) return 'a list';
  if (isObject(value)) return 'an object';
  return String(value);
}

/** A problem as one line: `diagnostics.placeholder: "warn" is not a severity …`. */
export function describeSettingProblem(problem: SettingProblem, prefix = ''): string {
  return `${prefix}${problem.path.join('.')}: ${problem.message}`;
}

/** A copy of `raw` without the values that were reported, so that another source's value (else the default) applies instead. */
export function withoutProblems(raw: unknown, problems: readonly SettingProblem[]): Record<string, unknown> {
  const copy: Record<string, unknown> = isObject(raw) ? { ...raw } : {};
  for (const { path } of problems) removeAt(copy, path);
  return copy;
}

function removeAt(object: Record<string, unknown>, path: readonly string[]): void {
  const [key, ...rest] = path;
  if (key === undefined) return;
  if (rest.length === 0) {
    delete object[key];
    return;
  }
  const inner = object[key];
  if (!isObject(inner)) return;
  const copy = { ...inner };
  object[key] = copy;
  removeAt(copy, rest);
}
