import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { byPosition, SEVERITY_WORDS, summaryLine, type FileReport } from './report';

// Formats for CI systems: GitHub Actions workflow commands (annotations on pull requests) and
// JUnit XML (test reports in GitLab, Jenkins, Azure Pipelines and the like).

const GITHUB_COMMANDS: Record<DiagnosticSeverity, 'error' | 'warning' | 'notice'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'notice',
  [DiagnosticSeverity.Hint]: 'notice',
};

/**
 * One workflow command a diagnostic, `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=blueprint(code)::message`
 * (`::warning`, `::notice` for information and hints), errors first, then warnings, then notices
 * (GitHub shows only the first few of each kind per step), each kind by file and position; then the
 * summary line. Values are escaped as the runner reads them back, so that no text from a document
 * can end the command or start another.
 */
export function formatGithub(reports: readonly FileReport[]): string {
  const all = reports.flatMap((report) => report.diagnostics.map((diagnostic) => ({ path: report.path, diagnostic })));
  const rank = (d: Diagnostic) => d.severity ?? DiagnosticSeverity.Error;
  all.sort(
    (a, b) =>
      rank(a.diagnostic) - rank(b.diagnostic) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || byPosition(a.diagnostic, b.diagnostic),
  );
  const lines = all.map(({ path, diagnostic: d }) => {
    const properties = [
      ['file', path],
      ['line', String(d.range.start.line + 1)],
      ['col', String(d.range.start.character + 1)],
      ['endLine', String(d.range.end.line + 1)],
      ['endColumn', String(d.range.end.character + 1)],
      ['title', `blueprint(${String(d.code)})`],
    ]
      .map(([name, value]) => `${name}=${escapeProperty(value!)}`)
      .join(',');
    return `::${GITHUB_COMMANDS[rank(d)]} ${properties}::${escapeData(typeof d.message === 'string' ? d.message : d.message.value)}`;
  });
  return [...lines, summaryLine(reports)].join('\n') + '\n';
}

/** A command's message, as @actions/core escapes it: `%`, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value: also `:` and `,`, which separate the properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * JUnit XML as Jenkins reads it (junit-4.xsd): one test suite per checked file, one failing test
 * case per diagnostic (its type the severity, its text the text output's line), and one passing
 * test case for a file without problems, as ESLint's JUnit formatter writes them.
 */
export function formatJunit(reports: readonly FileReport[]): string {
  const total = reports.reduce((n, r) => n + Math.max(1, r.diagnostics.length), 0);
  const failures = reports.reduce((n, r) => n + r.diagnostics.length, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="blueprint" tests="${total}" failures="${failures}" errors="0">`,
  ];
  for (const report of reports) {
    const file = xmlAttribute(report.path);
    lines.push(
      `  <testsuite name="${file}" tests="${Math.max(1, report.diagnostics.length)}" failures="${report.diagnostics.length}" errors="0">`,
    );
    if (report.diagnostics.length === 0) lines.push(`    <testcase name="blueprint" classname="${file}"/>`);
    for (const d of report.diagnostics) {
      const severity = SEVERITY_WORDS[d.severity ?? DiagnosticSeverity.Error];
      const where = `${d.range.start.line + 1}:${d.range.start.character + 1}`;
      const message = typeof d.message === 'string' ? d.message : d.message.value;
      lines.push(
        `    <testcase name="${xmlAttribute(`${String(d.code)} at ${where}`)}" classname="${file}">`,
        `      <failure message="${xmlAttribute(message)}" type="${severity}">${xmlText(`${report.path}:${where} ${severity} ${String(d.code)} ${message}`)}</failure>`,
        '    </testcase>',
      );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}

// Characters XML 1.0 cannot hold at all (the C0 controls but tab, line feed and carriage return; lone
// surrogates, which a `u` pattern sees apart from pairs; U+FFFE/U+FFFF): written as escapes, like the text output's.
const NOT_IN_XML = /(?![\t\n\r\u007f-\u009f])[\p{Cc}\ud800-\udfff\ufffe\uffff]/gu;

function xmlText(text: string): string {
  return text
    .replace(NOT_IN_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** An attribute value: also quotes, and the white space an XML reader would otherwise fold into spaces. */
function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
