import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { checkFiles, type CheckResult as FilesChecked } from '../cli/check';
import { serveChecksIfWorker } from '../cli/worker-pool';
import { nodeFileAccess } from '../project/node-file-access';

// The package's Node API: `import { check, fix } from 'blueprint-authoring'`. The same checks as
// `blueprint check` (and the language server), without VS Code. Bundled on its own into dist/api.js,
// which is also the worker thread the checks run on, with its declarations in dist/api.d.ts.
// Its types are written here in full, so that the declarations stand alone.

serveChecksIfWorker();

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** One diagnostic: positions 1-based, columns in UTF-16 code units (as editors, LSP and SARIF count); the end is exclusive. */
export interface Problem {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  /** The diagnostic code, such as `placeholder` or `missing-section`. */
  readonly code: string;
  readonly message: string;
}

export interface FileResult {
  /** The file, relative to `cwd` with forward slashes (`<stdin>`-like names stay as given). */
  readonly file: string;
  readonly problems: readonly Problem[];
}

export interface CheckOptions {
  /** The folder paths and globs are relative to, and where the rc file lookup starts: `process.cwd()` by default. */
  readonly cwd?: string;
  /** An rc file for every file, instead of the nearest `.blueprintrc.json` (as `--config`). */
  readonly config?: string;
  /** How many threads may check files: by default the number of cores. */
  readonly concurrency?: number;
}

export interface CheckResult {
  /** Every blueprint checked (and every malformed template), by path, each with its problems by position. */
  readonly files: readonly FileResult[];
  /** Files and folders that could not be checked, and why. */
  readonly unreadable: readonly { readonly file: string; readonly reason: string }[];
  /** Problems with the settings (a value, or a whole rc file, that was not used): `blueprint check` exits with 2 on them. */
  readonly settingsErrors: readonly string[];
  readonly errorCount: number;
  readonly warningCount: number;
}

export interface FixOptions extends CheckOptions {
  /** Compute the fixes without writing them (as `--fix-dry-run`). */
  readonly dryRun?: boolean;
}

export interface FixResult extends CheckResult {
  /** The files the safe fixes changed (or would change), with their text before and after. */
  readonly fixed: readonly { readonly file: string; readonly before: string; readonly after: string }[];
}

/**
 * Checks blueprints as `blueprint check` does: `patterns` are paths, folders and globs (picomatch;
 * `!glob` leaves out), by default `cwd`. Rejects on bad usage (a path that does not exist, a glob
 * matching nothing), with a message saying so.
 */
export async function check(patterns: string | readonly string[] = [], options: CheckOptions = {}): Promise<CheckResult> {
  return summary(await run(patterns, options, 'none'));
}

/**
 * Applies the safe fixes of the editor's fix-all on save (status case, dates, missing sections,
 * subsections and footer fields), writing each changed file atomically, and reports what remains.
 */
export async function fix(patterns: string | readonly string[] = [], options: FixOptions = {}): Promise<FixResult> {
  const result = await run(patterns, options, options.dryRun ? 'dry-run' : 'write');
  return {
    ...summary(result),
    fixed: result.reports.filter((r) => r.fixed).map((r) => ({ file: r.path, before: r.fixed!.before, after: r.fixed!.after })),
  };
}

function run(patterns: string | readonly string[], options: CheckOptions, mode: 'none' | 'write' | 'dry-run'): Promise<FilesChecked> {
  const cwd = resolve(options.cwd ?? process.cwd());
  return checkFiles(typeof patterns === 'string' ? [patterns] : patterns, {
    cwd,
    files: nodeFileAccess,
    fix: mode,
    concurrency: Math.max(1, options.concurrency ?? availableParallelism()),
    workerScript: __filename,
    ...(options.config !== undefined ? { config: resolve(cwd, options.config) } : {}),
  });
}

const SEVERITIES: Record<DiagnosticSeverity, Severity> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

function summary(result: FilesChecked): CheckResult {
  const files = result.reports.map((r) => ({ file: r.path, problems: r.diagnostics.map(problem) }));
  const all = files.flatMap((f) => f.problems);
  return {
    files,
    unreadable: result.problems.map((p) => ({ file: p.path, reason: p.problem })),
    settingsErrors: result.settingsErrors,
    errorCount: all.filter((p) => p.severity === 'error').length,
    warningCount: all.filter((p) => p.severity === 'warning').length,
  };
}

function problem(d: Diagnostic): Problem {
  return {
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: SEVERITIES[d.severity ?? DiagnosticSeverity.Error],
    code: String(d.code),
    message: typeof d.message === 'string' ? d.message : d.message.value,
  };
}
