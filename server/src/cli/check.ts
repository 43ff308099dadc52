import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { templateDiagnostics } from '../template/template-diagnostics';
import type { FileAccess } from '../project/file-access';
import { Project } from '../project/project';
import { repositoryRoots } from '../project/roots';
import { resolveStructureDiagnostics, StructureTable } from '../features/workspace-structures';
import { blueprintSummary, byPath, statusValues, type SummarisedFile } from '../features/workspace-summary';
import type { BlueprintSummary } from '../protocol';
import { excludedBy, FileFinder, type FileProblem } from '../project/find-files';
import { relativeSlashed } from '../project/file-paths';
import { FileChecker, type FileJob, type FileOutcome } from './check-file';
import { byPosition, countSeverities, type FileReport } from './report';
import type { FixMode } from './usage';
import { checkAll, checkInWorkers } from './worker-pool';

export interface CheckOptions {
  readonly cwd: string;
  /** How files are read (Node's file system, bounded: see project/file-access.ts). */
  readonly files: FileAccess;
  /** An rc file for every file instead of the nearest one (`--config`). */
  readonly config?: string;
  readonly fix: FixMode;
  /** The document read from stdin (`-`), and the name it goes by (`--stdin-filename`). */
  readonly stdin?: { readonly text: string; readonly filename?: string };
  /** How many threads may check files at once; more than one needs `workerScript`. */
  readonly concurrency: number;
  /** The bundle a worker thread runs (it must call `serveChecksIfWorker` first). */
  readonly workerScript?: string;
}

export interface CheckResult {
  /** One per checked blueprint and per malformed template, by path; diagnostics by position. */
  readonly reports: FileReport[];
  /** Files named on the command line that are not blueprints. */
  readonly skipped: string[];
  /** Files named on the command line (or stdin's name) that the rc file's `ignores` leave out. */
  readonly ignored: string[];
  /** Files and folders that could not be checked, each with why (shown paths). */
  readonly problems: FileProblem[];
  /** Each checked blueprint's line of `blueprint status` (the Blueprints view's summary), by path. */
  readonly summaries: BlueprintSummary[];
  /** The status values of their templates, in order. */
  readonly statuses: string[];
  /** Problems with the settings: errors (a value or a whole rc file not used) and warnings. */
  readonly settingsErrors: readonly string[];
  readonly warnings: readonly string[];
}

/** The name a document read from stdin goes by when `--stdin-filename` gives none (as ESLint names it). */
export const STDIN_NAME = '<stdin>';

/**
 * Worker threads pay for their start (each compiles the bundle and warms up anew): a thread is
 * worth it only with this many files or more for it.
 */
const FILES_PER_THREAD = 16;

/**
 * Finds the files the arguments name, leaves out the rc files' `ignores` and the templates, and
 * checks each (see check-file.ts), on worker threads when there are enough files. Every file that
 * cannot be read is a problem reported by name; the others are still checked. Malformed templates
 * of the projects involved are reported in their own files.
 */
export async function checkFiles(args: readonly string[], options: CheckOptions): Promise<CheckResult> {
  const { cwd, files } = options;
  const rootOf = repositoryRoots(files, cwd);
  const project = new Project({
    files,
    rootOf,
    ...(options.config !== undefined ? { configFile: resolve(cwd, options.config) } : {}),
  });
  const finder = new FileFinder(files, cwd, excludedBy((await project.contextFor(cwd)).settings.workspace.exclude, await rootOf(cwd)));
  const fileArgs = args.filter((arg) => arg !== '-');
  const onlyStdin = options.stdin !== undefined && !fileArgs.some((arg) => !arg.startsWith('!'));
  const { files: paths, explicit } = onlyStdin ? { files: [], explicit: new Set<string>() } : await finder.fromArguments(fileArgs);
  const display = (path: string) => relativeSlashed(cwd, path) || path;

  const settingsErrors = new Set<string>();
  const warnings = new Set<string>();
  const ignored: string[] = [];
  const jobs: FileJob[] = [];
  const shown: string[] = [];
  const consider = async (path: string, named: boolean, job: FileJob, shownAs: string) => {
    const context = await project.contextForFile(path);
    for (const p of context.problems) (p.severity === 'error' ? settingsErrors : warnings).add(p.message);
    // A template is checked as a template (below), never as a blueprint of its own kind.
    if (Project.isTemplateFile(path, context)) return;
    if (context.isIgnored(path)) {
      if (named) ignored.push(shownAs);
      return;
    }
    jobs.push(job);
    shown.push(shownAs);
  };
  for (const path of paths) await consider(path, explicit.has(path), { path, fix: options.fix }, display(path));
  if (options.stdin) {
    const path = resolve(cwd, options.stdin.filename ?? STDIN_NAME);
    await consider(path, true, { path, text: options.stdin.text, fix: options.fix }, options.stdin.filename ?? STDIN_NAME);
  }

  const threads = Math.min(options.concurrency, Math.floor(jobs.length / FILES_PER_THREAD));
  const checker = new FileChecker(project, files);
  const outcomes =
    threads > 1 && options.workerScript && !options.stdin
      ? await checkInWorkers(
          jobs,
          threads,
          options.workerScript,
          cwd,
          options.config === undefined ? undefined : resolve(cwd, options.config),
          checker,
        )
      : await checkAll(checker, jobs);

  const structures = await structuresOf(outcomes, jobs, async (checked) => {
    // Only some files were named: the others the search would find still declare structures.
    const others: FileJob[] = [];
    for (const path of await finder.markdownFilesUnder(cwd)) {
      if (checked.has(path)) continue;
      const context = await project.contextForFile(path);
      if (!Project.isTemplateFile(path, context) && !context.isIgnored(path)) others.push({ path, fix: 'none' });
    }
    return checkAll(new FileChecker(project, files), others);
  });
  const describe = (uri: string) => display(fileURLToPath(uri));

  const reports: FileReport[] = [];
  const summarised: SummarisedFile[] = [];
  const skipped: string[] = [];
  const problems: FileProblem[] = [];
  outcomes.forEach((outcome, i) => {
    const path = shown[i]!;
    if (outcome.kind === 'checked') {
      const uri = pathToFileURL(jobs[i]!.path).href;
      const table = outcome.structureScope === 'workspace' ? structures : undefined;
      const diagnostics = resolveStructureDiagnostics(outcome.diagnostics, uri, table, describe);
      reports.push({ path, diagnostics, ...(outcome.fixed ? { fixed: outcome.fixed } : {}) });
      summarised.push({ uri, path, facts: outcome.facts, diagnostics });
    } else if (outcome.kind === 'problem') problems.push({ path, problem: outcome.problem });
    else if (explicit.has(jobs[i]!.path) || jobs[i]!.text !== undefined) skipped.push(path);
  });
  for (const set of await project.templateSets()) {
    for (const file of set.files) {
      if (file.problems.length === 0) continue;
      const document = TextDocument.create(pathToFileURL(file.path).href, 'markdown', 1, file.text);
      reports.push({ path: display(resolve(file.path)), diagnostics: templateDiagnostics(document, file.problems) });
    }
  }
  const found = finder.problems.map((p) => ({ path: display(p.path), problem: p.problem }));
  return {
    reports: sortedReports(reports),
    summaries: summarised.map(blueprintSummary).sort(byPath),
    statuses: statusValues(summarised),
    skipped,
    ignored,
    problems: dedupe([...found, ...problems]),
    settingsErrors: [...settingsErrors],
    warnings: [...warnings],
  };
}

/**
 * The structures of the blueprints checked, and, when one of them names a structure it does not
 * declare, of every other blueprint the search under the current folder finds (`othersOf` checks
 * those that were not checked), so that a name resolves across the workspace whichever files are named.
 */
async function structuresOf(
  outcomes: readonly FileOutcome[],
  jobs: readonly FileJob[],
  othersOf: (checked: ReadonlySet<string>) => Promise<FileOutcome[]>,
): Promise<StructureTable> {
  const table = new StructureTable();
  for (const outcome of outcomes) if (outcome.kind === 'checked' && outcome.facts) table.set(outcome.facts.uri, outcome.facts.names);
  const needsOthers = outcomes.some(
    (o) =>
      o.kind === 'checked' &&
      o.structureScope === 'workspace' &&
      o.diagnostics.some((d) => d.code === 'unknown-structure' || d.code === 'ambiguous-structure'),
  );
  if (!needsOthers) return table;
  for (const outcome of await othersOf(new Set(jobs.map((job) => job.path)))) {
    if (outcome.kind === 'checked' && outcome.facts) table.set(outcome.facts.uri, outcome.facts.names);
  }
  return table;
}

/** Files by path, and each file's diagnostics by position, as linters list them. */
function sortedReports(reports: readonly FileReport[]): FileReport[] {
  return [...reports]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((report) => ({ ...report, diagnostics: [...report.diagnostics].sort(byPosition) }));
}

function dedupe(problems: readonly FileProblem[]): FileProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.problem}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** 2 when a file or a setting could not be used; else 1 when there are errors or more warnings than allowed; else 0. */
export function checkExitCode(
  result: Pick<CheckResult, 'reports' | 'problems' | 'settingsErrors'>,
  maxWarnings: number | undefined,
): 0 | 1 | 2 {
  if (result.problems.length > 0 || result.settingsErrors.length > 0) return 2;
  const { errors, warnings } = countSeverities(result.reports);
  return errors > 0 || (maxWarnings !== undefined && warnings > maxWarnings) ? 1 : 0;
}
