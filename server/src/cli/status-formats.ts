import type { BlueprintSummary } from '../protocol';
import type { StatusFormat } from './usage';

const HEADERS = ['file', 'kind', 'status', 'sections', 'placeholders', 'errors', 'warnings'] as const;

/** What a blueprint without a status (or with a value the template does not have) is shown as, here and in the Blueprints view. */
export const UNFILLED = 'unfilled';

function cells(summary: BlueprintSummary): string[] {
  return [
    summary.path,
    summary.tooLarge ? '(too large)' : summary.kind,
    summary.status ?? UNFILLED,
    summary.tooLarge ? '' : `${summary.sectionsPresent}/${summary.sectionsTotal}`,
    String(summary.placeholders),
    String(summary.errors),
    String(summary.warnings),
  ];
}

/**
 * `blueprint status` output: an aligned table (numbers right-aligned), the same as JSON (`statuses`
 * in the templates' order, then `blueprints`), or a GitHub-flavoured Markdown table with a summary
 * line per status, for a README or a pull-request comment.
 */
export function formatStatus(summaries: readonly BlueprintSummary[], statuses: readonly string[], format: StatusFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ statuses, blueprints: summaries }, null, 2)}\n`;
    case 'markdown':
      return markdown(summaries, statuses);
    case 'table':
      return table(summaries);
  }
}

function table(summaries: readonly BlueprintSummary[]): string {
  if (summaries.length === 0) return 'No blueprints found.\n';
  const rows = [[...HEADERS], ...summaries.map(cells)];
  const widths = HEADERS.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const numeric = (column: number) => column >= 3;
  return (
    rows
      .map((row) =>
        row
          .map((cell, column) => (numeric(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

/** Markdown table cells: a `|` or a line break in a path would end the cell. */
function escaped(cell: string): string {
  return cell
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

function markdown(summaries: readonly BlueprintSummary[], statuses: readonly string[]): string {
  if (summaries.length === 0) return 'No blueprints found.\n';
  const counts = [...statuses, null].map((status) => [status ?? UNFILLED, summaries.filter((s) => s.status === status).length] as const);
  const line = counts
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  const header = `| ${HEADERS.join(' | ')} |\n|${HEADERS.map((_, i) => (i >= 3 ? ' ---: ' : ' --- ')).join('|')}|\n`;
  const body = summaries.map((s) => `| ${cells(s).map(escaped).join(' | ')} |`).join('\n');
  return `**${summaries.length} ${summaries.length === 1 ? 'blueprint' : 'blueprints'}**: ${line}\n\n${header}${body}\n`;
}
