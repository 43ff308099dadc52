import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocument } from '../features/checked-diagnostics';
import { templateDiagnostics } from '../features/template-diagnostics';
import { filesFromArguments, toSlashes } from './find-files';
import { Project } from './project';
import { countSeverities, type FileReport } from './report';

export interface CheckResult {
  readonly reports: FileReport[];
  /** Files named on the command line that are not blueprints. */
  readonly skipped: string[];
  readonly warnings: readonly string[];
}

/**
 * Checks files exactly as the language server does: the same store, template schemas, settings
 * reading and diagnostics, on a TextDocument made from each file's text. Malformed templates of
 * the projects involved are reported in their own files.
 */
export function checkFiles(args: readonly string[], cwd: string): CheckResult {
  const project = new Project(cwd);
  const { files, explicit } = filesFromArguments(args, cwd);
  const reports: FileReport[] = [];
  const skipped: string[] = [];
  const display = (path: string) => toSlashes(relative(cwd, path)) || path;
  for (const path of files) {
    // A template is checked as a template (below), never as a blueprint of its own kind.
    if (project.isTemplateFile(path)) continue;
    const settings = project.settingsFor(path);
    const { store } = project.templatesFor(path);
    const document = TextDocument.create(pathToFileURL(path).href, 'markdown', 1, readFileSync(path, 'utf8'));
    const diagnostics = checkDocument(document, store, settings);
    // Each file is read once: keeping its parse would only grow the memory of a large run.
    store.forget(document.uri);
    if (diagnostics) reports.push({ path: display(path), diagnostics });
    else if (explicit.has(path)) skipped.push(display(path));
  }
  for (const set of project.usedTemplateSets()) {
    for (const file of set.files) {
      if (file.problems.length === 0) continue;
      const document = TextDocument.create(pathToFileURL(file.path).href, 'markdown', 1, file.text);
      reports.push({ path: display(resolve(file.path)), diagnostics: templateDiagnostics(document, file.problems) });
    }
  }
  return { reports, skipped, warnings: project.warnings };
}

/** 1 when there are errors or more warnings than allowed, else 0. */
export function checkExitCode(reports: readonly FileReport[], maxWarnings: number | undefined): 0 | 1 {
  const { errors, warnings } = countSeverities(reports);
  return errors > 0 || (maxWarnings !== undefined && warnings > maxWarnings) ? 1 : 0;
}
