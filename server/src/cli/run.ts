import { relative, resolve } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { version } from '../../../package.json';
import type { FileAccess } from '../project/file-access';
import { decodeText } from '../project/text-decoding';
import { checkExitCode, checkFiles, type CheckResult } from './check';
import { formatGithub, formatJunit } from './ci-formats';
import { wantsColour } from './colour';
import { NothingNamedError } from '../project/find-files';
import { relativeSlashed } from '../project/file-paths';
import { printDiagram } from './diagram';
import { formatFixDiff } from './fix-diff';
import { ExistingFileError, FileWriteError, writeNewBlueprint } from './new-blueprint';
import { atLeast, forTerminal, formatJson, formatText, type FileReport } from './report';
import { formatSarif } from './sarif';
import { formatStatus } from './status-formats';
import { parseArguments, USAGE, UsageError, type CheckCommand, type StatusCommand } from './usage';

export interface Console {
  readonly cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout is a terminal (colours then go on unless the environment says otherwise). */
  readonly terminal: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** How the CLI reads files (Node's file system, bounded: see project/file-access.ts). */
  readonly files: FileAccess;
  /** All of stdin, for `-` (at most `maxBytes`; undefined when there is more). */
  readStdin(maxBytes: number): Promise<Uint8Array | undefined>;
  /** The bundle worker threads run (dist/cli.js); without it every file is checked on this thread. */
  readonly workerScript?: string;
}

/** More than any blueprint: stdin beyond it is refused rather than held in memory. */
const MAX_STDIN_BYTES = 64 * 1024 * 1024;

const MIN_SEVERITY: Record<CheckCommand['minSeverity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Runs the command line and returns the exit code: 0 fine, 1 problems found, 2 bad usage, a bad
 * setting, or a file that could not be checked. Nothing it is given (a file, a name, a setting) can
 * make it print a stack trace: every failure is a message naming what failed.
 */
export async function run(args: readonly string[], io: Console): Promise<number> {
  try {
    const command = parseArguments(args);
    switch (command.name) {
      case 'help':
        io.out(USAGE + '\n');
        return 0;
      case 'version':
        io.out(version + '\n');
        return 0;
      case 'new': {
        const { path, problems } = await writeNewBlueprint(command.kind, command.title, command.output, io.cwd, io.files);
        for (const problem of problems) io.err(`${problem.severity}: ${forTerminal(problem.message)}\n`);
        io.out(`Created ${forTerminal(relative(io.cwd, path) || path)}\n`);
        return problems.some((p) => p.severity === 'error') ? 2 : 0;
      }
      case 'check':
        return await check(command, io);
      case 'status':
        return await status(command, io);
      case 'diagram':
        return await printDiagram(command, io);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof NothingNamedError) {
      io.err(`blueprint: ${forTerminal(error.message)}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof ExistingFileError) {
      io.err(`blueprint: ${forTerminal(error.message)}\n`);
      return 1;
    }
    if (error instanceof FileWriteError) {
      io.err(`blueprint: ${forTerminal(error.message)}\n`);
      return 2;
    }
    // A bug, not the user's doing: said in one line, without a stack trace.
    io.err(`blueprint: internal error: ${forTerminal(error instanceof Error ? error.message : String(error))}\n`);
    return 2;
  }
}

async function check(command: CheckCommand, io: Console): Promise<number> {
  let stdin: { text: string; filename?: string } | undefined;
  if (command.paths.includes('-')) {
    const bytes = await io.readStdin(MAX_STDIN_BYTES);
    if (!bytes) {
      io.err(`blueprint: stdin holds more than ${MAX_STDIN_BYTES.toLocaleString('en-US')} bytes; not checked\n`);
      return 2;
    }
    stdin = { text: decodeText(bytes), ...(command.stdinFilename !== undefined ? { filename: command.stdinFilename } : {}) };
  }
  const result = await checkFiles(command.paths, {
    cwd: io.cwd,
    files: io.files,
    fix: command.fix,
    concurrency: command.concurrency,
    ...(command.config !== undefined ? { config: command.config } : {}),
    ...(stdin ? { stdin } : {}),
    ...(io.workerScript ? { workerScript: io.workerScript } : {}),
  });
  reportToStderr(result, io);
  const reports = atLeast(result.reports, MIN_SEVERITY[command.minSeverity]);
  const shown = { ...result, reports };
  if (command.fix === 'dry-run') {
    io.out(formatFixDiff(reports));
    const changed = reports.filter((r) => r.fixed).length;
    io.err(changed === 0 ? 'Nothing to fix.\n' : `${changed === 1 ? '1 blueprint' : `${changed} blueprints`} would be fixed.\n`);
  } else {
    io.out(formatted(command, reports, io));
  }
  const code = checkExitCode(shown, command.maxWarnings);
  if (
    code === 1 &&
    command.maxWarnings !== undefined &&
    !reports.some((r) => r.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error))
  ) {
    io.err(`Too many warnings: more than --max-warnings ${command.maxWarnings}.\n`);
  }
  return code;
}

/** `blueprint status`: the summary of each blueprint found, as a table, JSON or Markdown; exit code 2 when a file or a setting could not be used. */
async function status(command: StatusCommand, io: Console): Promise<number> {
  const result = await checkFiles(command.paths, {
    cwd: io.cwd,
    files: io.files,
    fix: 'none',
    concurrency: 1,
    ...(command.config !== undefined ? { config: command.config } : {}),
  });
  reportToStderr({ ...result, skipped: result.skipped }, io);
  io.out(formatStatus(result.summaries, result.statuses, command.format));
  return result.problems.length > 0 || result.settingsErrors.length > 0 ? 2 : 0;
}

function reportToStderr(result: CheckResult, io: Console): void {
  for (const message of result.settingsErrors) io.err(`error: ${forTerminal(message)}\n`);
  for (const message of result.warnings) io.err(`warning: ${forTerminal(message)}\n`);
  for (const { path, problem } of result.problems) io.err(`${forTerminal(path)}: ${forTerminal(problem)}; not checked\n`);
  for (const path of result.skipped) io.err(`${forTerminal(path)}: not a blueprint, skipped\n`);
  for (const path of result.ignored) io.err(`${forTerminal(path)}: ignored by the rc file's ignores, skipped\n`);
}

function formatted(command: CheckCommand, reports: readonly FileReport[], io: Console): string {
  switch (command.format) {
    case 'json':
      return formatJson(reports);
    case 'sarif':
      return formatSarif(reports, io.cwd, version);
    case 'github':
      return formatGithub(relativeToWorkspace(reports, io));
    case 'junit':
      return formatJunit(reports);
    case 'text':
      return formatText(reports, wantsColour(command.color, io.env, io.terminal));
  }
}

/**
 * GitHub places annotations by paths relative to the repository's checkout (GITHUB_WORKSPACE);
 * a check run in a subfolder names its files from there.
 */
function relativeToWorkspace(reports: readonly FileReport[], io: Console): FileReport[] {
  const workspace = io.env['GITHUB_WORKSPACE'];
  if (!workspace) return [...reports];
  return reports.map((report) => {
    const absolute = resolve(io.cwd, report.path);
    const path = relativeSlashed(workspace, absolute) ?? absolute;
    return path.startsWith('../') || path === '..' ? report : { ...report, path };
  });
}
