import { alignmentOf, type Strictness } from '../alignment/alignment';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { BlueprintSettings, SeverityName } from '../settings';
import type { DiagnosticCode } from '../diagnostic-codes';

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
export function severitiesForStatus(analysed: AnalysedBlueprint, settings: BlueprintSettings): BlueprintSettings {
  if (!settings.severityByStatus) return settings;
  const strictness = alignmentOf(analysed).status?.strictness;
  if (strictness === undefined) return settings;
  const severity = SEVERITY_BY_STRICTNESS[strictness];
  const diagnostics: Record<string, SeverityName> = { ...settings.diagnostics };
  for (const code of STATUS_FOLLOWING_CODES) diagnostics[code] ??= severity;
  return { ...settings, diagnostics };
}

const SEVERITY_BY_STRICTNESS: Record<Strictness, SeverityName> = { lenient: 'hint', normal: 'warning', strict: 'error' };
