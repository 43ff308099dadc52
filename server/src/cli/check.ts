import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BlueprintStore } from '../documents/blueprint-store';
import { classifyDocument, classifyUnreadFile } from '../documents/classification';
import { checkedDiagnostics } from '../features/checked-diagnostics';
import { templateDiagnostics } from '../features/template-diagnostics';
import type { FileAccess } from '../project/file-access';
import { Project } from '../project/project';
import { repositoryRoots } from '../project/roots';
import { FileFinder, toSlashes, type FileProblem } from './find-files';
import { countSeverities, type FileReport } from './report';

export interface CheckResult {
  readonly reports: FileReport[];
  /** Files named on the command line that are not blueprints. */
  readonly skipped: string[];
  /** Files and folders that could not be checked, each with why (shown paths). */
  readonly problems: FileProblem[];
  /** Problems with the settings: errors (a value or a whole rc file not used) and warnings. */
  readonly settingsErrors: readonly string[];
  readonly warnings: readonly string[];
}

/** The most a document read may hold: above it V8 cannot make one string of the text anyway. */
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

/**
 * Checks files exactly as the language server does: the same project layer (rc files, settings,
 * templates), classification, store and diagnostics, on a TextDocument made from each file's text read as an editor
 * reads it (BOM removed, UTF-16 decoded). A file that cannot be read is a problem reported by name;
 * the others are still checked. Malformed templates of the projects involved are reported in their own files.
 */
export async function checkFiles(args: readonly string[], cwd: string, files: FileAccess): Promise<CheckResult> {
  const project = new Project({ files, rootOf: repositoryRoots(files, cwd) });
  const finder = new FileFinder(files, cwd);
  const { files: paths, explicit } = await finder.fromArguments(args);
  const reports: FileReport[] = [];
  const skipped: string[] = [];
  const problems: FileProblem[] = [];
  const settingsErrors = new Set<string>();
  const warnings = new Set<string>();
  const display = (path: string) => toSlashes(relative(cwd, path)) || path;
  const store = new BlueprintStore();
  for (const path of paths) {
    const context = await project.contextForFile(path);
    for (const p of context.problems) (p.severity === 'error' ? settingsErrors : warnings).add(p.message);
    const place = { path, context };
    // A template is checked as a template (below, as read from disk), never as a blueprint of its own kind.
    if (Project.isTemplateFile(path, context)) continue;
    const { settings } = context;
    const uri = pathToFileURL(path).href;
    // Any text of maxDocumentSize characters fits in three bytes a character; a file with more is too large, read or not.
    const read = await files.readText(path, Math.min(MAX_DOCUMENT_BYTES, 3 * settings.maxDocumentSize + 3));
    let diagnostics;
    if (read.kind === 'text') {
      const document = TextDocument.create(uri, 'markdown', 1, read.text);
      diagnostics = checkedDiagnostics(document, classifyDocument(document, place, store), settings);
      // Each file is read once: keeping its parse would only grow the memory of a large run.
      store.forget(uri);
    } else if (read.kind === 'too-large') {
      const head = TextDocument.create(uri, 'markdown', 1, read.head);
      diagnostics = checkedDiagnostics(head, classifyUnreadFile(uri, read.head, read.bytes, place), settings);
    } else {
      problems.push({ path: display(path), problem: read.kind === 'missing' ? 'no longer exists' : read.problem });
      continue;
    }
    if (diagnostics) reports.push({ path: display(path), diagnostics });
    else if (explicit.has(path)) skipped.push(display(path));
  }
  for (const set of await project.templateSets()) {
    for (const file of set.files) {
      if (file.problems.length === 0) continue;
      const document = TextDocument.create(pathToFileURL(file.path).href, 'markdown', 1, file.text);
      reports.push({ path: display(resolve(file.path)), diagnostics: templateDiagnostics(document, file.problems) });
    }
  }
  const found = finder.problems.map((p) => ({ path: display(p.path), problem: p.problem }));
  return { reports, skipped, problems: dedupe([...found, ...problems]), settingsErrors: [...settingsErrors], warnings: [...warnings] };
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
