/** Bad usage: the CLI prints the message and exits with 2. */
export class UsageError extends Error {}

export const USAGE = `Usage:
  blueprint check [paths or globs…] [--format text|json|sarif] [--max-warnings N]
      Checks blueprints with the language server's rules. Without paths: every *.blueprint.md and
      every Markdown file with a blueprint title under the current folder, honouring .gitignore.
      Exit code 1 on errors or more than N warnings; 2 on bad usage, a bad setting, or a file
      that could not be checked (each named on stderr; the other files are still checked).
  blueprint new <kind> <name> [--output file]
      Writes a new blueprint from a template (kind: data, or a template of .blueprints/),
      never overwriting a file.
  blueprint --help | --version

Settings come from the nearest .blueprintrc.json up to the repository root (the nearest folder
with .git), with the same keys as the blueprint.* editor settings.`;

export type OutputFormat = 'text' | 'json' | 'sarif';

export type Command =
  | {
      readonly name: 'check';
      readonly paths: readonly string[];
      readonly format: OutputFormat;
      readonly maxWarnings: number | undefined;
      readonly color: boolean | undefined;
    }
  | { readonly name: 'new'; readonly kind: string; readonly title: string; readonly output: string | undefined }
  | { readonly name: 'help' }
  | { readonly name: 'version' };

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];

/** The command line as a command; throws UsageError with a message saying what is wrong. */
export function parseArguments(args: readonly string[]): Command {
  if (args.length === 0) throw new UsageError('No command given.');
  const [name, ...rest] = args;
  if (name === '--help' || name === '-h' || name === 'help') return { name: 'help' };
  if (name === '--version' || name === '-v') return { name: 'version' };
  const { positional, options } = splitOptions(rest, name === 'check' ? ['--format', '--max-warnings'] : ['--output', '-o'], [
    '--color',
    '--no-color',
  ]);
  if (options.has('--help')) return { name: 'help' };
  if (name === 'check') {
    const format = options.get('--format') ?? 'text';
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${format}'.`);
    const rawMax = options.get('--max-warnings');
    if (rawMax !== undefined && !/^\d+$/.test(rawMax))
      throw new UsageError(`--max-warnings needs a whole number of 0 or more, not '${rawMax}'.`);
    const color = options.has('--no-color') ? false : options.has('--color') ? true : undefined;
    return {
      name: 'check',
      paths: positional,
      format: format as OutputFormat,
      maxWarnings: rawMax === undefined ? undefined : Number(rawMax),
      color,
    };
  }
  if (name === 'new') {
    if (positional.length !== 2) throw new UsageError('blueprint new needs a kind and a name, such as: blueprint new data "Order Ledger"');
    return { name: 'new', kind: positional[0]!, title: positional[1]!, output: options.get('--output') ?? options.get('-o') };
  }
  throw new UsageError(`Unknown command '${name}'.`);
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
