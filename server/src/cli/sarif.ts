import { DiagnosticSeverity } from 'vscode-languageserver';
import { pathToFileURL } from 'node:url';
import { ALL_CODES, DIAGNOSTIC_RULES, plainSummary } from '../features/diagnostic-rules';
import { DIAGNOSTIC_DEFAULTS } from '../diagnostic-codes';
import type { SeverityName } from '../settings';
import type { FileReport } from './report';

/** SARIF has no level below a note: information and hints both become notes. */
const LEVELS: Record<DiagnosticSeverity, 'error' | 'warning' | 'note'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'note',
  [DiagnosticSeverity.Hint]: 'note',
};
const DEFAULT_LEVELS: Record<Exclude<SeverityName, 'off'>, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

const SOURCE_ROOT = 'SRCROOT';

/** The README's table of diagnostic codes, each with when it is reported. */
const RULES_HELP = 'https://github.com/blueprint-authoring/blueprint-authoring#diagnostics';

/**
 * A SARIF 2.1.0 log for code scanning: one run, one rule per diagnostic code, results located by
 * paths relative to `%SRCROOT%` (the folder the check ran in), columns in UTF-16 code units as LSP counts.
 */
export function formatSarif(reports: readonly FileReport[], cwd: string, version: string): string {
  const codes: readonly string[] = ALL_CODES;
  const rules = ALL_CODES.map((id) => ({
    id,
    shortDescription: { text: plainSummary(id) },
    fullDescription: { text: DIAGNOSTIC_RULES[id].detail },
    defaultConfiguration: {
      level: id in DIAGNOSTIC_DEFAULTS ? DEFAULT_LEVELS[DIAGNOSTIC_DEFAULTS[id as keyof typeof DIAGNOSTIC_DEFAULTS]] : 'error',
    },
    helpUri: RULES_HELP,
  }));
  const results = reports.flatMap((report) =>
    report.diagnostics.map((d) => {
      const code = String(d.code);
      const ruleIndex = codes.indexOf(code);
      return {
        ruleId: code,
        ...(ruleIndex >= 0 ? { ruleIndex } : {}),
        level: LEVELS[d.severity ?? DiagnosticSeverity.Error],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: relativeUri(report.path), uriBaseId: SOURCE_ROOT },
              region: {
                startLine: d.range.start.line + 1,
                startColumn: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: d.range.end.character + 1,
              },
            },
          },
        ],
      };
    }),
  );
  const root = pathToFileURL(cwd).href.replace(/\/?$/, '/');
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'blueprint', version, informationUri: 'https://github.com/blueprint-authoring/blueprint-authoring', rules },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: root } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/**
 * A relative path (forward slashes) as a relative URI reference (RFC 3986): each segment
 * percent-encoded (all but unreserved characters and `!'()*`, which a segment may hold),
 * so `#`, `?`, `%`, spaces, `:` and non-ASCII (as UTF-8) cannot change what it names.
 */
export function relativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
