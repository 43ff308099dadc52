import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { effectiveSettings } from '../../server/src/config/effective-settings';
import { findRcFile, mergeSettingsSources, parseRcText } from '../../server/src/config/rc-file';
import { DIAGNOSTIC_DEFAULTS } from '../../server/src/features/diagnostics';
import { DEFAULT_SETTINGS, readSettings } from '../../server/src/settings';
import { folderWith } from '../support/cli-runner';
import { repoRoot } from '../support/documents';

const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'blueprintrc.schema.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

test('the rc file schema, the settings the server reads and the editor settings name the same keys', () => {
  const settingKeys = (value: object, prefix = ''): string[] =>
    Object.entries(value).flatMap(([key, inner]) => (inner && typeof inner === 'object' && key !== 'diagnostics' ? settingKeys(inner, `${prefix}${key}.`) : [`${prefix}${key}`]));
  const schemaKeys = Object.entries(schema.properties as Record<string, { properties?: object }>).filter(([key]) => key !== '$schema')
    .flatMap(([key, value]) => (value.properties && key !== 'diagnostics' ? Object.keys(value.properties).map((inner) => `${key}.${inner}`) : [key]));
  assert.deepEqual(schemaKeys.sort(), settingKeys(DEFAULT_SETTINGS).sort());
  assert.deepEqual(Object.keys(schema.properties.diagnostics.properties).sort(), Object.keys(DIAGNOSTIC_DEFAULTS).sort());
  const editorKeys = Object.keys(manifest.contributes.configuration.properties).map((k: string) => k.replace(/^blueprint\./, '')).filter((k: string) => !k.startsWith('diagnostics.'));
  for (const key of settingKeys(DEFAULT_SETTINGS).filter((k) => k !== 'diagnostics')) assert.ok(editorKeys.includes(key), `package.json declares blueprint.${key}`);
  assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: '.blueprintrc.json', url: './schemas/blueprintrc.schema.json' }]);
  assert.equal(manifest.bin.blueprint, 'dist/cli.js');
});

test('schema defaults are the settings defaults', () => {
  assert.equal(schema.properties.severityByStatus.default, DEFAULT_SETTINGS.severityByStatus);
  assert.equal(schema.properties.templates.properties.folder.default, DEFAULT_SETTINGS.templates.folder);
  assert.equal(schema.properties.codeLens.properties.enabled.default, DEFAULT_SETTINGS.codeLens.enabled);
  assert.equal(schema.properties.maxDocumentSize.default, DEFAULT_SETTINGS.maxDocumentSize);
});

test('readSettings keeps the new settings when well-formed and the defaults otherwise', () => {
  assert.deepEqual(readSettings({ severityByStatus: false, templates: { folder: ' kinds ' }, codeLens: { enabled: false } }),
    { ...DEFAULT_SETTINGS, severityByStatus: false, templates: { folder: 'kinds' }, codeLens: { enabled: false } });
  assert.deepEqual(readSettings({ severityByStatus: 'no', templates: { folder: '' }, codeLens: [] }), DEFAULT_SETTINGS);
});

test('an rc file: an object of settings; invalid JSON is located by line and column; unknown keys are warnings', () => {
  assert.deepEqual(parseRcText('\uFEFF{ "author": "Ada" }', 'rc'), { path: 'rc', settings: { author: 'Ada' }, warnings: [] });
  const broken = parseRcText('{\n  "author": "Ada",\n}', 'rc');
  assert.match(broken.error!, /^rc: not valid JSON \(.* at line 3, column 1\)$/);
  assert.equal(parseRcText('[1]', 'rc').error, 'rc: must hold a JSON object such as { "diagnostics": { "placeholder": "warning" } }');
  assert.deepEqual(parseRcText('{ "$schema": "x", "autor": "Ada" }', 'rc').warnings, ["rc: unknown setting 'autor' is ignored"]);
});

test('the nearest rc file is found upwards, stopping at the root given', () => {
  const folder = folderWith({ '.blueprintrc.json': '{}', 'project/docs/a.md': '', 'project/.keep': '' });
  assert.equal(findRcFile(join(folder, 'project', 'docs')), join(folder, '.blueprintrc.json'));
  assert.equal(findRcFile(join(folder, 'project', 'docs'), join(folder, 'project')), undefined);
});

test('merging: the second source wins key by key, nested objects merge', () => {
  assert.deepEqual(
    mergeSettingsSources({ diagnostics: { placeholder: 'off', 'invalid-date': 'hint' }, author: 'Rc' }, { diagnostics: { placeholder: 'error' }, author: null }),
    { diagnostics: { placeholder: 'error', 'invalid-date': 'hint' }, author: 'Rc' },
  );
});

test('what the user set in the editor wins over the rc file, also a value equal to its default; the rest comes from the rc file', () => {
  const rc = parseRcText('{ "severityByStatus": false, "author": "Platform team", "diagnostics": { "placeholder": "off", "section-order": "hint" } }', 'rc');
  const settings = effectiveSettings(rc, { severityByStatus: true, diagnostics: { placeholder: 'warning', 'invalid-date': 'warning' } });
  assert.equal(settings.severityByStatus, true);
  assert.equal(settings.author, 'Platform team');
  assert.deepEqual(settings.diagnostics, { placeholder: 'warning', 'section-order': 'hint', 'invalid-date': 'warning' });
  assert.deepEqual(effectiveSettings(rc, undefined).diagnostics, { placeholder: 'off', 'section-order': 'hint' });
});
