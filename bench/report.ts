/** One figure of the benchmark, the baseline it is held against (measured in the same run) and the target ratio. */
export interface Figure {
  readonly name: string;
  /** Milliseconds, bytes or megabytes, as `unit` says; undefined when it could not be measured. */
  readonly value: number | undefined;
  readonly unit: 'ms' | 'bytes' | 'MB';
  readonly baseline?: { readonly name: string; readonly value: number; readonly unit?: 'ms' | 'bytes' | 'MB' };
  /** The figure must be at most this (a ratio to the baseline when there is one, else in the figure's unit). */
  readonly atMost?: number;
  /** Why the figure is missing, or anything a reader must know about it. */
  readonly note?: string;
}

export interface FigureResult extends Figure {
  readonly ratio: number | undefined;
  readonly met: boolean | undefined;
}

export function judge(figure: Figure): FigureResult {
  const ratio = figure.value !== undefined && figure.baseline ? figure.value / figure.baseline.value : undefined;
  const compared = figure.baseline ? ratio : figure.value;
  const met = figure.atMost === undefined || compared === undefined ? undefined : compared <= figure.atMost;
  return { ...figure, ratio, met };
}

function formatValue(value: number | undefined, unit: Figure['unit']): string {
  if (value === undefined) return 'not measured';
  if (unit === 'bytes') return value >= 1e6 ? `${(value / 1e6).toFixed(2)} MB` : `${(value / 1e3).toFixed(1)} KB`;
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(2)} ms`;
}

function formatTarget(result: FigureResult): string {
  if (result.atMost === undefined) return '';
  return result.baseline ? `≤ ${result.atMost} ×` : `≤ ${formatValue(result.atMost, result.unit)}`;
}

/** The results as a Markdown table (readable in a terminal and pasted as is into the README). */
export function table(results: readonly FigureResult[]): string {
  const rows = [
    ['Figure', 'Measured', 'Baseline', 'Ratio', 'Target', 'Met'],
    ['---', '---:', '---', '---:', '---', '---'],
  ];
  for (const r of results) {
    rows.push([
      r.name + (r.note ? ` (${r.note})` : ''),
      formatValue(r.value, r.unit),
      r.baseline ? `${r.baseline.name}: ${formatValue(r.baseline.value, r.baseline.unit ?? r.unit)}` : '',
      r.ratio === undefined ? '' : r.ratio < 0.01 ? r.ratio.toFixed(4) : r.ratio.toFixed(2),
      formatTarget(r),
      r.met === undefined ? '' : r.met ? 'yes' : 'NO',
    ]);
  }
  return rows.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
