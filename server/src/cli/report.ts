import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';

/** One checked file: its path as shown (relative to the current folder, forward slashes) and its diagnostics. */
export interface FileReport {
  readonly path: string;
  readonly diagnostics: readonly Diagnostic[];
  /** With --fix or --fix-dry-run: the text before and after the safe fixes, when they changed it. */
  readonly fixed?: { readonly before: string; readonly after: string; readonly written: boolean };
}

/** By start line, then start column (then end), as linters list problems. */
export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character
  );
}

/** The reports with only the diagnostics at `least` or above (a lower DiagnosticSeverity is more severe). */
export function atLeast(reports: readonly FileReport[], least: DiagnosticSeverity): FileReport[] {
  return reports.map((report) => ({
    ...report,
    diagnostics: report.diagnostics.filter((d) => (d.severity ?? DiagnosticSeverity.Error) <= least),
  }));
}

export const SEVERITY_WORDS: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

const COLOURS: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: '\x1b[31m',
  [DiagnosticSeverity.Warning]: '\x1b[33m',
  [DiagnosticSeverity.Information]: '\x1b[36m',
  [DiagnosticSeverity.Hint]: '\x1b[90m',
};
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

export interface Counts {
  readonly errors: number;
  readonly warnings: number;
  readonly others: number;
}

export function countSeverities(reports: readonly FileReport[]): Counts {
  let errors = 0;
  let warnings = 0;
  let others = 0;
  for (const d of reports.flatMap((r) => r.diagnostics)) {
    if (d.severity === DiagnosticSeverity.Error) errors++;
    else if (d.severity === DiagnosticSeverity.Warning) warnings++;
    else others++;
  }
  return { errors, warnings, others };
}

/** `file:line:col severity code message`, one line per diagnostic (1-based line and UTF-16 column), then a summary. */
export function formatText(reports: readonly FileReport[], colour: boolean): string {
  const paint = (code: string, text: string) => (colour ? `${code}${text}${RESET}` : text);
  const lines: string[] = [];
  for (const report of reports) {
    for (const d of report.diagnostics) {
      const severity = d.severity ?? DiagnosticSeverity.Error;
      const where = `${forTerminal(report.path)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      lines.push(
        `${paint(BOLD, where)} ${paint(COLOURS[severity], SEVERITY_WORDS[severity])} ${paint(DIM, forTerminal(String(d.code)))} ${forTerminal(typeof d.message === 'string' ? d.message : d.message.value)}`,
      );
    }
  }
  const fixed = reports.filter((r) => r.fixed?.written).length;
  const summary = [...(fixed > 0 ? [`Fixed ${plural(fixed, 'blueprint')}.`] : []), summaryLine(reports)];
  return [...lines, ...(lines.length ? [''] : []), ...summary].join('\n') + '\n';
}

/** `3 problems (1 error, 2 warnings) in 2 blueprints.`, or that there are none. */
export function summaryLine(reports: readonly FileReport[]): string {
  const { errors, warnings, others } = countSeverities(reports);
  const total = errors + warnings + others;
  const files = plural(reports.length, 'blueprint');
  if (total === 0) return reports.length === 0 ? 'No blueprints found.' : `${files} checked: no problems.`;
  const parts = [
    plural(errors, 'error'),
    plural(warnings, 'warning'),
    ...(others ? [plural(others, 'information or hint', 'informations or hints')] : []),
  ];
  return `${plural(total, 'problem')} (${parts.join(', ')}) in ${files}.`;
}

// C0 and C1 controls (escape sequences, line breaks, backspace), line and paragraph separators and
// the bidirectional controls of "Trojan Source": in a file name or a document's text, none may move
// the cursor, recolour the terminal, add lines to the report or reorder what it shows.
const UNSAFE_FOR_TERMINAL = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Text from files (names, messages quoting a document) made safe to print: each control character written as an escape (`\n`, `\x1b`, `\u202e`). */
export function forTerminal(text: string): string {
  return text.replace(UNSAFE_FOR_TERMINAL, (c) => {
    const code = c.charCodeAt(0);
    return NAMED_ESCAPES[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A JSON array, one object per diagnostic, positions 1-based as in the text output. */
export function formatJson(reports: readonly FileReport[]): string {
  const items = reports.flatMap((report) =>
    report.diagnostics.map((d) => ({
      file: report.path,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      severity: SEVERITY_WORDS[d.severity ?? DiagnosticSeverity.Error],
      code: String(d.code),
      message: d.message,
    })),
  );
  return JSON.stringify(items, null, 2) + '\n';
}
