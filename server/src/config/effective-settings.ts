import { readSettings, type BlueprintSettings } from '../settings';
import { mergeSettingsSources, type RcFile } from './rc-file';

/**
 * The settings for a document: the nearest `.blueprintrc.json`, under what the user set in the
 * editor. Clients send only what the user set (the VS Code client leaves out the defaults VS Code
 * would add), so a value equal to its default still wins over the rc file.
 */
export function effectiveSettings(rc: RcFile | undefined, clientRaw: unknown): BlueprintSettings {
  return readSettings(mergeSettingsSources(rc?.settings ?? {}, isObject(clientRaw) ? clientRaw : {}));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
