import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { snippetFile, snippetFileText } from '../../server/src/template/snippets';
import { builtinTemplates } from '../../server/src/template/builtin-templates';
import { analyse, asWritten, repoRoot, settings, templateText, writtenTemplateText } from '../support/documents';
import { expandSnippet } from '../support/snippets';

const schema = builtinTemplates[0]!;

test('snippets/ is exactly what the template generates (npm run build regenerates it)', () => {
  assert.equal(readFileSync(join(repoRoot, 'snippets', 'data-blueprint.json'), 'utf8'), snippetFileText(schema));
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { snippets: Array<{ language: string; path: string }> };
  };
  assert.deepEqual(manifest.contributes.snippets, [{ language: 'markdown', path: './snippets/data-blueprint.json' }]);
});

test('the whole-template snippet writes a new blueprint: the template, status Draft, a hard break ending each footer line but the last', () => {
  const file = snippetFile(schema);
  assert.equal(file['Data Blueprint']!.prefix, 'blueprint');
  assert.equal(
    expandSnippet(file['Data Blueprint']!.body.join('\n')),
    writtenTemplateText
      .replace(/\s*$/, '\n')
      .replace(
        '**Blueprint Status**: [Draft/Review/Approved]\n**Last Updated**: [Date]\n',
        '**Blueprint Status**: Draft\\\n**Last Updated**: [Date]\\\n',
      ),
  );
});

test('one snippet per section, prefixed blueprint-<section>, expanding to that section of the template', () => {
  const file = snippetFile(schema);
  assert.deepEqual(
    Object.values(file).map((s) => s.prefix),
    [
      'blueprint',
      'blueprint-purpose',
      'blueprint-data-model',
      'blueprint-data-flow',
      'blueprint-state-management',
      'blueprint-data-validation',
      'blueprint-data-integrity',
      'blueprint-performance-characteristics',
      'blueprint-scaling-paths',
      'blueprint-monitoring-points',
    ],
  );
  for (const section of schema.sections) {
    const snippet = file[`Data Blueprint: ${section.name}`]!;
    const expanded = expandSnippet(snippet.body.join('\n'));
    assert.equal(expanded, asWritten(section.source.replace(/\s+$/, '')));
    // Inserted into a blueprint that lacks it, the section brings nothing but its placeholders to fill.
    const start = templateText.indexOf(`## ${section.name}\n`);
    const lacking = templateText.slice(0, start) + templateText.slice(start + section.source.length);
    const restored = lacking.slice(0, start) + expanded + '\n\n' + lacking.slice(start);
    assert.deepEqual(
      computeDiagnostics(analyse(restored), settings())
        .map((d) => d.code)
        .filter((c) => c !== 'placeholder'),
      [],
      section.name,
    );
  }
  assert.equal(file['Data Blueprint: Data Flow']!.description, 'Data Blueprint section Data Flow: How data moves through the system.');
});
