import { relative } from 'node:path';
import { version } from '../../../package.json';
import { checkExitCode, checkFiles } from './check';
import { ExistingFileError, writeNewBlueprint } from './new-blueprint';
import { formatJson, formatText } from './report';
import { formatSarif } from './sarif';
import { parseArguments, USAGE, UsageError } from './usage';

export interface Console {
  readonly cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout is a terminal that takes colours. */
  readonly colour: boolean;
}

/** Runs the command line and returns the exit code: 0 fine, 1 problems found, 2 bad usage. */
export function run(args: readonly string[], io: Console): number {
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
        const path = writeNewBlueprint(command.kind, command.title, command.output, io.cwd);
        io.out(`Created ${relative(io.cwd, path) || path}\n`);
        return 0;
      }
      case 'check': {
        const { reports, skipped, warnings } = checkFiles(command.paths, io.cwd);
        for (const warning of warnings) io.err(`warning: ${warning}\n`);
        for (const path of skipped) io.err(`${path}: not a blueprint, skipped\n`);
        if (command.format === 'json') io.out(formatJson(reports));
        else if (command.format === 'sarif') io.out(formatSarif(reports, io.cwd, version));
        else io.out(formatText(reports, command.color ?? io.colour));
        const code = checkExitCode(reports, command.maxWarnings);
        if (code === 1 && command.maxWarnings !== undefined && !reports.some((r) => r.diagnostics.some((d) => d.severity === 1))) {
          io.err(`Too many warnings: more than --max-warnings ${command.maxWarnings}.\n`);
        }
        return code;
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`blueprint: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof ExistingFileError) {
      io.err(`blueprint: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
