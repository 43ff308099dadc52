import { availableParallelism } from 'node:os';
import { SEVERITY_NAMES, type SeverityName } from '../settings';

/** Bad usage: the CLI prints the message and exits with 2. */
export class UsageError extends Error {}

export const USAGE = `Usage:
  blueprint check [paths, globs or -] [options]
      Checks blueprints with the language server's rules. Without paths: every *.blueprint.md and
      every Markdown file with a blueprint title under the current folder, honouring .gitignore
      and the rc file's ignores. Globs as picomatch reads them: *, **, {a,b}, and !glob to leave out.
      - reads one document from stdin.
    --format text|json|sarif|github|junit   how to report (default text)
    --max-warnings N         exit code 1 on more than N warnings
    --quiet                  errors only (the same as --min-severity error)
    --min-severity S         report only diagnostics at S or above: error, warning, information, hint
    --fix                    apply the safe fixes of the editor's fix-all, writing each changed file
    --fix-dry-run            print the fixes as a unified diff instead of writing them
    --stdin-filename FILE    the name of the document read from stdin, for messages and settings
    --config FILE, -c FILE   this rc file for every file, instead of the nearest .blueprintrc.json
    --concurrency N          check on N threads (default: the number of cores)
    --color, --no-color      colours on or off (default: on a terminal; FORCE_COLOR, NO_COLOR)
      Exit code 1 on errors or more than N warnings; 2 on bad usage, a bad setting, or a file
      that could not be checked (each named on stderr; the other files are still checked).
  blueprint status [paths or globs] [--format table|json|markdown]
      How far along each blueprint is: kind, Blueprint Status, sections present, placeholders left,
      errors and warnings (what the editor's Blueprints view shows), found as check finds them.
      --format markdown writes a table for a README or a pull-request comment.
    --config FILE, -c FILE   this rc file for every file, instead of the nearest .blueprintrc.json
  blueprint new <kind> <name> [--output file]
      Writes a new blueprint from a template (kind: data, or a template of .blueprints/),
      never overwriting a file.
  blueprint diagram <file> [--kind data-model|state] [--format mermaid|svg]
      Prints the blueprint's data model (classDiagram) or states (stateDiagram-v2) as Mermaid text,
      or rendered as SVG (Mermaid's renderer with estimated text sizes: no browser needed).
  blueprint --help | --version

Settings come from the nearest .blueprintrc.json (or .blueprintrc.jsonc) up to the repository root
(the nearest folder with .git), with the same keys as the blueprint.* editor settings.`;

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github' | 'junit';

/** What `--fix` and `--fix-dry-run` ask for: write the fixed files, or print what would change. */
export type FixMode = 'none' | 'write' | 'dry-run';

export interface CheckCommand {
  readonly name: 'check';
  /** Paths, folders and globs; `-` is stdin. */
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  readonly maxWarnings: number | undefined;
  readonly color: boolean | undefined;
  /** Diagnostics below this severity are neither reported nor counted. */
  readonly minSeverity: Exclude<SeverityName, 'off'>;
  readonly fix: FixMode;
  readonly stdinFilename: string | undefined;
  readonly config: string | undefined;
  readonly concurrency: number;
}

export type StatusFormat = 'table' | 'json' | 'markdown';

export interface StatusCommand {
  readonly name: 'status';
  readonly paths: readonly string[];
  readonly format: StatusFormat;
  readonly config: string | undefined;
}

const STATUS_FORMATS: readonly StatusFormat[] = ['table', 'json', 'markdown'];

export interface DiagramCommand {
  readonly name: 'diagram';
  readonly file: string;
  readonly kind: 'data-model' | 'state';
  readonly format: 'mermaid' | 'svg';
}

export type Command =
  | CheckCommand
  | StatusCommand
  | { readonly name: 'new'; readonly kind: string; readonly title: string; readonly output: string | undefined }
  | DiagramCommand
  | { readonly name: 'help' }
  | { readonly name: 'version' };

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github', 'junit'];
const MIN_SEVERITIES = SEVERITY_NAMES.filter((s): s is Exclude<SeverityName, 'off'> => s !== 'off');
const CHECK_OPTIONS = ['--format', '--max-warnings', '--min-severity', '--stdin-filename', '--config', '-c', '--concurrency'];
const CHECK_FLAGS = ['--color', '--no-color', '--quiet', '--fix', '--fix-dry-run'];

/** The command line as a command; throws UsageError with a message saying what is wrong. */
export function parseArguments(args: readonly string[]): Command {
  if (args.length === 0) throw new UsageError('No command given.');
  const [name, ...rest] = args;
  if (name === '--help' || name === '-h' || name === 'help') return { name: 'help' };
  if (name === '--version' || name === '-v') return { name: 'version' };
  const check = name === 'check';
  const status = name === 'status';
  const withValue = check
    ? CHECK_OPTIONS
    : status
      ? ['--format', '--config', '-c']
      : name === 'diagram'
        ? ['--kind', '--format']
        : ['--output', '-o'];
  const { positional, options } = splitOptions(rest, withValue, check ? CHECK_FLAGS : []);
  if (options.has('--help')) return { name: 'help' };
  if (check) return checkCommand(positional, options);
  if (status) {
    const format = options.get('--format') ?? 'table';
    if (!(STATUS_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${STATUS_FORMATS.join(', ')}, not '${format}'.`);
    if (positional.includes('-')) throw new UsageError('blueprint status reads files, not stdin.');
    return { name: 'status', paths: positional, format: format as StatusFormat, config: options.get('--config') ?? options.get('-c') };
  }
  if (name === 'new') {
    if (positional.length !== 2) throw new UsageError('blueprint new needs a kind and a name, such as: blueprint new data "Order Ledger"');
    return { name: 'new', kind: positional[0]!, title: positional[1]!, output: options.get('--output') ?? options.get('-o') };
  }
  if (name === 'diagram') return diagramCommand(positional, options);
  throw new UsageError(`Unknown command '${name}'.`);
}

function checkCommand(paths: readonly string[], options: ReadonlyMap<string, string>): CheckCommand {
  const format = options.get('--format') ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${format}'.`);
  const maxWarnings = wholeNumber(options, '--max-warnings', 0);
  const concurrency = wholeNumber(options, '--concurrency', 1) ?? Math.max(1, availableParallelism());
  const rawMin = options.get('--min-severity');
  if (rawMin !== undefined && !(MIN_SEVERITIES as readonly string[]).includes(rawMin)) {
    throw new UsageError(`--min-severity must be one of ${MIN_SEVERITIES.join(', ')}, not '${rawMin}'.`);
  }
  if (rawMin !== undefined && options.has('--quiet') && rawMin !== 'error')
    throw new UsageError(`--quiet reports errors only: it cannot be combined with --min-severity ${rawMin}.`);
  const minSeverity = options.has('--quiet') ? 'error' : ((rawMin as CheckCommand['minSeverity'] | undefined) ?? 'hint');
  if (options.has('--fix') && options.has('--fix-dry-run'))
    throw new UsageError('--fix writes the fixes and --fix-dry-run prints them: choose one.');
  const fix: FixMode = options.has('--fix') ? 'write' : options.has('--fix-dry-run') ? 'dry-run' : 'none';
  if (fix === 'dry-run' && options.has('--format')) throw new UsageError('--fix-dry-run prints a unified diff: it takes no --format.');
  const stdin = paths.filter((p) => p === '-').length;
  if (stdin > 1) throw new UsageError('- (stdin) can be named once.');
  if (stdin === 1 && fix === 'write') throw new UsageError('--fix cannot write to stdin: use --fix-dry-run to see the fixes as a diff.');
  const stdinFilename = options.get('--stdin-filename');
  if (stdinFilename !== undefined && stdin === 0)
    throw new UsageError('--stdin-filename names the document read from stdin: add - to the paths.');
  if (stdinFilename !== undefined && stdinFilename.trim() === '') throw new UsageError('--stdin-filename needs a file name.');
  const color = options.has('--no-color') ? false : options.has('--color') ? true : undefined;
  return {
    name: 'check',
    paths,
    format: format as OutputFormat,
    maxWarnings,
    color,
    minSeverity,
    fix,
    stdinFilename,
    config: options.get('--config') ?? options.get('-c'),
    concurrency,
  };
}

const DIAGRAM_KINDS = ['data-model', 'state'] as const;
const DIAGRAM_FORMATS = ['mermaid', 'svg'] as const;

function diagramCommand(positional: readonly string[], options: ReadonlyMap<string, string>): DiagramCommand {
  if (positional.length !== 1)
    throw new UsageError('blueprint diagram needs one blueprint file, such as: blueprint diagram order-ledger.blueprint.md');
  const kind = options.get('--kind') ?? 'data-model';
  if (!(DIAGRAM_KINDS as readonly string[]).includes(kind))
    throw new UsageError(`--kind must be one of ${DIAGRAM_KINDS.join(', ')}, not '${kind}'.`);
  const format = options.get('--format') ?? 'mermaid';
  if (!(DIAGRAM_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${DIAGRAM_FORMATS.join(', ')}, not '${format}'.`);
  return { name: 'diagram', file: positional[0]!, kind: kind as DiagramCommand['kind'], format: format as DiagramCommand['format'] };
}

function wholeNumber(options: ReadonlyMap<string, string>, option: string, least: number): number | undefined {
  const raw = options.get(option);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < least) throw new UsageError(`${option} needs a whole number of ${least} or more, not '${raw}'.`);
  return Number(raw);
}

function splitOptions(
  args: readonly string[],
  withValue: readonly string[],
  flags: readonly string[],
): { positional: string[]; options: Map<string, string> } {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    const eq = arg.indexOf('=');
    const key = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (withValue.includes(key)) {
      const value = eq > 0 && key !== arg ? arg.slice(eq + 1) : args[++i];
      if (value === undefined) throw new UsageError(`${key} needs a value.`);
      options.set(key, value);
    } else if (flags.includes(arg) || arg === '--help' || arg === '-h') {
      options.set(arg === '-h' ? '--help' : arg, '');
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`Unknown option '${arg}'.`);
    } else {
      positional.push(arg);
    }
  }
  return { positional, options };
}
