import { relative } from 'node:path';
import { version } from '../../../package.json';
import type { FileAccess } from '../project/file-access';
import { checkExitCode, checkFiles } from './check';
import { ExistingFileError, FileWriteError, writeNewBlueprint } from './new-blueprint';
import { forTerminal, formatJson, formatText } from './report';
import { formatSarif } from './sarif';
import { parseArguments, USAGE, UsageError } from './usage';

export interface Console {
  readonly cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout is a terminal that takes colours. */
  readonly colour: boolean;
  /** How the CLI reads files (Node's file system, bounded: see project/file-access.ts). */
  readonly files: FileAccess;
}

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
      case 'check': {
        const result = await checkFiles(command.paths, io.cwd, io.files);
        for (const message of result.settingsErrors) io.err(`error: ${forTerminal(message)}\n`);
        for (const message of result.warnings) io.err(`warning: ${forTerminal(message)}\n`);
        for (const { path, problem } of result.problems) io.err(`${forTerminal(path)}: ${forTerminal(problem)}; not checked\n`);
        for (const path of result.skipped) io.err(`${forTerminal(path)}: not a blueprint, skipped\n`);
        if (command.format === 'json') io.out(formatJson(result.reports));
        else if (command.format === 'sarif') io.out(formatSarif(result.reports, io.cwd, version));
        else io.out(formatText(result.reports, command.color ?? io.colour));
        const code = checkExitCode(result, command.maxWarnings);
        if (code === 1 && command.maxWarnings !== undefined && !result.reports.some((r) => r.diagnostics.some((d) => d.severity === 1))) {
          io.err(`Too many warnings: more than --max-warnings ${command.maxWarnings}.\n`);
        }
        return code;
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
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
