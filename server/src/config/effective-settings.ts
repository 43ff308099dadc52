import { DIAGNOSTIC_DEFAULTS } from '../features/diagnostics';
import { DEFAULT_SETTINGS, readSettings, type BlueprintSettings } from '../settings';
import { mergeSettingsSources, type RcFile } from './rc-file';

/** Every setting's default as a client would send it. */
const DEFAULTS_AS_SENT: Record<string, unknown> = { ...DEFAULT_SETTINGS, diagnostics: DIAGNOSTIC_DEFAULTS };

/**
 * The client's settings less the values equal to their defaults. VS Code answers
 * workspace/configuration with every declared setting, defaults included, so a value equal to its
 * default cannot be told from one the user never set; treating it as unset lets `.blueprintrc.json`
 * and the Blueprint Status decide.
 */
export function changedFromDefaults(raw: unknown, defaults: unknown = DEFAULTS_AS_SENT): Record<string, unknown> {
  if (!isObject(raw)) return {};
  const changed: Record<string, unknown> = {};
  const base = isObject(defaults) ? defaults : {};
  for (const [key, value] of Object.entries(raw)) {
    if (isObject(value)) {
      const inner = changedFromDefaults(value, base[key]);
      if (Object.keys(inner).length) changed[key] = inner;
    } else if (value !== base[key] && value !== null && value !== undefined) {
      changed[key] = value;
    }
  }
  return changed;
}

/** The settings for a document: the nearest `.blueprintrc.json`, under what the user changed in the editor. */
export function effectiveSettings(rc: RcFile | undefined, clientRaw: unknown): BlueprintSettings {
  return readSettings(mergeSettingsSources(rc?.settings ?? {}, changedFromDefaults(clientRaw)));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
