import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { nodeFileAccess } from '../../server/src/project/node-file-access';
import { findRcFile, foldersUpTo, mergeSettingsSources, parseRcText } from '../../server/src/project/rc-file';
import { resolveSettings } from '../../server/src/project/settings-resolution';
import { DIAGNOSTIC_RULES, plainSummary } from '../../server/src/features/diagnostic-rules';
import { DIAGNOSTIC_DEFAULTS } from '../../server/src/diagnostic-codes';
import { DEFAULT_SETTINGS, describeSettingProblem, readSettings } from '../../server/src/settings';
import { folderWith } from '../support/cli-runner';
import { repoRoot } from '../support/documents';

const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'blueprintrc.schema.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

test('the rc file schema, the settings the server reads and the editor settings name the same keys', () => {
  // diagnosticsScope is written `diagnostics.scope`, among the severities by code (a list is one value).
  const settingKeys = (value: object, prefix = ''): string[] =>
    Object.entries(value).flatMap(([key, inner]) =>
      key === 'diagnosticsScope'
        ? []
        : inner && typeof inner === 'object' && !Array.isArray(inner) && key !== 'diagnostics'
          ? settingKeys(inner, `${prefix}${key}.`)
          : [`${prefix}${key}`],
    );
  // $schema, extends and ignores are about the file itself, not settings.
  const schemaKeys = Object.entries(schema.properties as Record<string, { properties?: object }>)
    .filter(([key]) => !['$schema', 'extends', 'ignores'].includes(key))
    .flatMap(([key, value]) =>
      value.properties && key !== 'diagnostics' ? Object.keys(value.properties).map((inner) => `${key}.${inner}`) : [key],
    );
  assert.deepEqual(schemaKeys.sort(), settingKeys(DEFAULT_SETTINGS).sort());
  assert.deepEqual(Object.keys(schema.properties.diagnostics.properties).sort(), [...Object.keys(DIAGNOSTIC_DEFAULTS), 'scope'].sort());
  const editorKeys = Object.keys(manifest.contributes.configuration.properties)
    .map((k: string) => k.replace(/^blueprint\./, ''))
    .filter((k: string) => !k.startsWith('diagnostics.'));
  for (const key of settingKeys(DEFAULT_SETTINGS).filter((k) => k !== 'diagnostics'))
    assert.ok(editorKeys.includes(key), `package.json declares blueprint.${key}`);
  assert.deepEqual(manifest.contributes.jsonValidation, [
    { fileMatch: ['.blueprintrc.json', '.blueprintrc.jsonc'], url: './schemas/blueprintrc.schema.json' },
  ]);
  // Read as JSON with comments in VS Code too, as the server and the CLI read them.
  assert.deepEqual(manifest.contributes.languages, [{ id: 'jsonc', filenames: ['.blueprintrc.json', '.blueprintrc.jsonc'] }]);
  assert.equal(manifest.bin.blueprint, 'dist/cli.js');
});

test("each diagnostic code is described the same in the rc file's schema and in the editor settings, from the text SARIF rules use", () => {
  for (const code of Object.keys(DIAGNOSTIC_DEFAULTS) as Array<keyof typeof DIAGNOSTIC_DEFAULTS>) {
    const severity = DIAGNOSTIC_DEFAULTS[code];
    assert.deepEqual(
      schema.properties.diagnostics.properties[code],
      {
        type: 'string',
        enum: ['error', 'warning', 'information', 'hint', 'off'],
        default: severity,
        description: `${plainSummary(code)} Default: ${severity}.`,
      },
      code,
    );
    const setting = manifest.contributes.configuration.properties[`blueprint.diagnostics.${code}`];
    assert.equal(setting.markdownDescription, `Severity of \`${code}\` diagnostics: ${DIAGNOSTIC_RULES[code].summary}.`, code);
    assert.equal(setting.default, severity, code);
  }
});

test('the rc file schema is ready for SchemaStore: an $id, a description and examples for the file and its settings, and the examples validate', () => {
  assert.equal(schema.$id, 'https://json.schemastore.org/blueprintrc.json');
  assert.match(schema.description, /blueprint check and the Blueprint language server/);
  for (const [key, property] of Object.entries(
    schema.properties as Record<string, { description?: string; properties?: Record<string, { description?: string }> }>,
  )) {
    assert.ok(property.description, `${key} has a description`);
    for (const [inner, value] of Object.entries(property.properties ?? {}))
      assert.ok(value.description, `${key}.${inner} has a description`);
  }
  for (const key of ['extends', 'ignores', 'diagnostics', 'author', 'maxDocumentSize'])
    assert.ok(schema.properties[key].examples?.length, `${key} has examples`);
  // The whole-file example is a valid rc file: nothing in it is reported.
  assert.equal(schema.examples.length, 1);
  const example = parseRcText(JSON.stringify(schema.examples[0]), '/repo/docs/.blueprintrc.json');
  assert.deepEqual(example.problems, []);
  assert.deepEqual(example.extends?.target, '../.blueprintrc.json');
});

test('schema defaults are the settings defaults', () => {
  assert.equal(schema.properties.severityByStatus.default, DEFAULT_SETTINGS.severityByStatus);
  assert.equal(schema.properties.templates.properties.folder.default, DEFAULT_SETTINGS.templates.folder);
  assert.equal(schema.properties.codeLens.properties.enabled.default, DEFAULT_SETTINGS.codeLens.enabled);
  assert.equal(schema.properties.maxDocumentSize.default, DEFAULT_SETTINGS.maxDocumentSize);
});

test('readSettings keeps the settings when well-formed, and reports every other value by its key instead of silently using the default', () => {
  assert.deepEqual(readSettings({ severityByStatus: false, templates: { folder: ' kinds ' }, codeLens: { enabled: false } }), {
    settings: { ...DEFAULT_SETTINGS, severityByStatus: false, templates: { folder: 'kinds' }, codeLens: { enabled: false } },
    problems: [],
  });
  const { settings, problems } = readSettings({
    severityByStatus: 'no',
    templates: { folder: '' },
    codeLens: [],
    maxDocumentSize: '2000000',
    author: 'Ada\n## Injected',
    diagnostics: { placeholder: 'warn', 'missing-section': 'hint', placeholdr: 'off', 'section-order': null },
  });
  assert.deepEqual(settings, { ...DEFAULT_SETTINGS, diagnostics: { 'missing-section': 'hint' } });
  assert.deepEqual(
    problems.map((p) => describeSettingProblem(p)),
    [
      'diagnostics.placeholder: "warn" is not a severity (error, warning, information, hint, off); the default applies',
      `diagnostics.placeholdr: is not a diagnostic code (codes: ${Object.keys(DIAGNOSTIC_DEFAULTS).join(', ')})`,
      'author: "Ada\\n## Injected" holds a line break or another control character; the default ("") applies',
      'maxDocumentSize: "2000000" is not a number above 0; the default (1000000) applies',
      'severityByStatus: "no" is not true or false; the default (true) applies',
      'templates.folder: "" is not a folder name; the default (".blueprints") applies',
      'codeLens: a list is not an object; the defaults apply',
    ],
  );
  assert.deepEqual(
    readSettings({ author: null, diagnostics: { placeholder: null } }),
    { settings: DEFAULT_SETTINGS, problems: [] },
    'null is "not set", as editors send it',
  );
});

test('an rc file: an object of settings; invalid JSON is located by line and column; unknown keys are reported by position', () => {
  assert.deepEqual(parseRcText('\uFEFF{ "author": "Ada" }', 'rc'), { path: 'rc', settings: { author: 'Ada' }, problems: [], ignores: [] });
  assert.deepEqual(
    parseRcText('{\n  // JSONC\n  "author": "Ada", /* as VS Code reads settings */\n}', 'rc').settings,
    { author: 'Ada' },
    'comments and trailing commas',
  );
  const broken = parseRcText('{\n  "author": "Ada"\n  "severityByStatus": false\n}', 'rc');
  assert.equal(broken.error, "rc: not valid JSON (',' expected at line 3, column 3)");
  assert.equal(parseRcText('[1]', 'rc').error, 'rc: must hold a JSON object such as { "diagnostics": { "placeholder": "warning" } }');
  assert.deepEqual(parseRcText('{ "$schema": "x", "autor": "Ada" }', 'rc').problems, [
    'rc:1:19: autor: is not a setting (settings: diagnostics, author, maxDocumentSize, severityByStatus, templates, codeLens, workspace, structures, $schema, extends, ignores)',
  ]);
});

test('an rc file that is some other file (a link to /etc/passwd, say) is refused without quoting a character of it', () => {
  const secret = 'root:x:0:0:root:/root:/bin/bash\nTOKEN=s3cr3t-value\n';
  const { error } = parseRcText(secret, '/repo/.blueprintrc.json');
  assert.equal(error, '/repo/.blueprintrc.json: not valid JSON (unexpected character at line 1, column 1)');
  for (const piece of ['root', 's3cr3t', 'TOKEN', '/bin/bash']) assert.ok(!error.includes(piece), piece);
});

test('the nearest rc file is found from a folder up to its root, never above it', async () => {
  const folder = folderWith({
    '.blueprintrc.json': '{ "author": "Above" }',
    'project/docs/a.md': '',
    'project/.blueprintrc.json': '{ "author": "Root" }',
    'other/b.md': '',
  });
  const project = join(folder, 'project');
  assert.equal((await findRcFile(nodeFileAccess, join(project, 'docs'), project))?.path, join(project, '.blueprintrc.json'));
  assert.equal(await findRcFile(nodeFileAccess, join(folder, 'other'), join(folder, 'other')), undefined, 'the root bounds the lookup');
  assert.equal(await findRcFile(nodeFileAccess, join(folder, 'other'), project), undefined, 'a folder outside the root has only its own');
  assert.deepEqual(foldersUpTo(join(project, 'docs'), project), [join(project, 'docs'), project]);
});

test('merging: the second source wins key by key, nested objects merge', () => {
  assert.deepEqual(
    mergeSettingsSources(
      { diagnostics: { placeholder: 'off', 'invalid-date': 'hint' }, author: 'Rc' },
      { diagnostics: { placeholder: 'error' }, author: null },
    ),
    { diagnostics: { placeholder: 'error', 'invalid-date': 'hint' }, author: 'Rc' },
  );
});

test('what the user set in the editor wins over the rc file, also a value equal to its default; the rest comes from the rc file', () => {
  const rc = parseRcText(
    '{ "severityByStatus": false, "author": "Platform team", "diagnostics": { "placeholder": "off", "section-order": "hint" } }',
    'rc',
  );
  const { settings } = resolveSettings(
    rc,
    { severityByStatus: true, diagnostics: { placeholder: 'warning', 'invalid-date': 'warning' } },
    undefined,
  );
  assert.equal(settings.severityByStatus, true);
  assert.equal(settings.author, 'Platform team');
  assert.deepEqual(settings.diagnostics, { placeholder: 'warning', 'section-order': 'hint', 'invalid-date': 'warning' });
  assert.deepEqual(resolveSettings(rc, undefined, undefined).settings.diagnostics, { placeholder: 'off', 'section-order': 'hint' });
});

test("an invalid value is reported where it was written (rc file and key, or editor setting), and the other source's value applies", () => {
  const rc = parseRcText(
    '{ "maxDocumentSize": 2000000, "diagnostics": { "placeholder": "error", "section-order": "loud" } }',
    '/repo/.blueprintrc.json',
  );
  const { settings, problems } = resolveSettings(rc, { maxDocumentSize: 'big', diagnostics: { 'empty-section': 'quiet' } }, '/repo');
  assert.equal(settings.maxDocumentSize, 2_000_000, "the editor's bad value is not used: the rc file's applies");
  assert.deepEqual(settings.diagnostics, { placeholder: 'error' });
  assert.deepEqual(problems, [
    {
      severity: 'error',
      message:
        '/repo/.blueprintrc.json:1:89: diagnostics.section-order: "loud" is not a severity (error, warning, information, hint, off); the default applies',
    },
    {
      severity: 'error',
      message:
        'blueprint.diagnostics.empty-section: "quiet" is not a severity (error, warning, information, hint, off); the default applies',
    },
    { severity: 'error', message: 'blueprint.maxDocumentSize: "big" is not a number above 0; the default (1000000) applies' },
  ]);
});

test('templates.folder is relative to the rc file that sets it, else to the root, and never outside the root', () => {
  const nested = parseRcText('{ "templates": { "folder": "kinds" } }', '/repo/docs/.blueprintrc.json');
  assert.equal(resolveSettings(nested, undefined, '/repo').templatesFolder, '/repo/docs/kinds');
  assert.equal(
    resolveSettings(nested, { templates: { folder: 'shared' } }, '/repo').templatesFolder,
    '/repo/shared',
    'set in the editor: relative to the workspace folder',
  );
  const silent = parseRcText('{ "author": "A" }', '/repo/docs/.blueprintrc.json');
  assert.equal(resolveSettings(silent, undefined, '/repo').templatesFolder, '/repo/.blueprints');
  const escaping = parseRcText('{ "templates": { "folder": "../../etc" } }', '/repo/docs/.blueprintrc.json');
  const resolved = resolveSettings(escaping, undefined, '/repo');
  assert.equal(resolved.templatesFolder, '/repo/.blueprints');
  assert.deepEqual(resolved.problems, [
    {
      severity: 'error',
      message: '/repo/docs/.blueprintrc.json:1:28: templates.folder: "../../etc" is outside /repo; the default (".blueprints") applies',
    },
  ]);
  assert.equal(
    resolveSettings(undefined, undefined, undefined).templatesFolder,
    undefined,
    'an unsaved file in no workspace has no templates folder',
  );
});
