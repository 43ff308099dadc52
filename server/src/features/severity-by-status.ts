import type { AnalysedBlueprint } from '../documents/analysed-document';
import { sameName, statusField } from '../model/schema';
import type { BlueprintSettings, SeverityName } from '../settings';
import type { DiagnosticCode } from './diagnostics';

/** The codes that say "this blueprint is unfinished": their weight grows as the blueprint matures. */
export const STATUS_FOLLOWING_CODES: readonly DiagnosticCode[] = [
  'placeholder',
  'missing-section',
  'missing-subsection',
  'missing-footer-field',
];

/**
 * Settings with the unfinished-blueprint codes at the severity the Blueprint Status calls for. The
 * status values come from the template's choice field, in the template's order: the first
 * (a draft) makes them hints, the last (approved) errors, any in between warnings. A blueprint that
 * does not say its status yet (no status line, an empty value or the template's placeholder) is
 * a draft: it counts as the first value. A code the user set explicitly keeps their severity; a
 * status that is none of the values (a typo) changes nothing.
 */
export function severitiesForStatus(
  { model, schema }: Pick<AnalysedBlueprint, 'model' | 'schema'>,
  settings: BlueprintSettings,
): BlueprintSettings {
  if (!settings.severityByStatus) return settings;
  const severity = statusSeverity(model.footer, schema);
  if (severity === undefined) return settings;
  const diagnostics: Record<string, SeverityName> = { ...settings.diagnostics };
  for (const code of STATUS_FOLLOWING_CODES) diagnostics[code] ??= severity;
  return { ...settings, diagnostics };
}

function statusSeverity(footer: AnalysedBlueprint['model']['footer'], schema: AnalysedBlueprint['schema']): SeverityName | undefined {
  const statusSchema = statusField(schema);
  if (!statusSchema) return undefined;
  const value = footer.find((f) => sameName(f.label, statusSchema.label))?.value ?? '';
  const unfilled = value === '' || /^\[[^\]]*\]$/.test(value);
  const index = unfilled ? 0 : statusSchema.values.findIndex((v) => sameName(v, value));
  if (index < 0) return undefined;
  if (index === 0) return 'hint';
  return index === statusSchema.values.length - 1 ? 'error' : 'warning';
}
