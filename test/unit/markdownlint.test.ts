import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lint } from 'markdownlint/sync';
import type { CodeAction, CompletionItem, Diagnostic, TextEdit } from 'vscode-languageserver';
import { blueprintDiagnostics } from '../../server/src/features/checked-diagnostics';
import { addAllMissingSections, quickFixesFor } from '../../server/src/features/code-actions';
import { completions } from '../../server/src/features/completion';
import { safeFixEdits } from '../../server/src/features/fix-all';
import type { FooterValues } from '../../server/src/template/footer-values';
import { snippetFile } from '../../server/src/template/snippets';
import { newBlueprintText } from '../../server/src/template/template-text';
import { TemplateSchema } from '../../server/src/template/schema';
import { builtinTemplates } from '../../server/src/template/builtin-templates';
import { apiTemplate } from '../support/api-template';
import { analyse, applyEdits, settings, templateText } from '../support/documents';
import { expandSnippet } from '../support/snippets';

// Teams lint their Markdown with markdownlint; what Blueprint writes into their documents must pass
// its default rules (the template file itself stays as it is: it fails MD022 and MD032 31 times).

const values: FooterValues = { date: '2026-11-25', author: 'Ada Lovelace' };
const [dataBlueprint] = builtinTemplates;
const fresh = newBlueprintText(dataBlueprint!, { name: 'Order Ledger', ...values });

/** markdownlint's findings with its default rules, as `line rule detail` strings; none is what we want. */
function violations(text: string): string[] {
  const found = lint({ strings: { document: text } })['document'] ?? [];
  return found.map((e) => `${e.lineNumber} ${e.ruleNames.join('/')} ${e.errorDetail ?? ''}`.trim());
}

function withoutPart(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  assert.ok(start >= 0, from);
  return text.slice(0, start) + text.slice(text.indexOf(to, start));
}

function edits(action: CodeAction): TextEdit[] {
  return Object.values(action.edit!.changes!)[0]!;
}

/** The text after the preferred (else first) quick fix of the one diagnostic of `code`. */
function quickFixed(text: string, code: string): string {
  const analysed = analyse(text);
  const diagnostic = blueprintDiagnostics(analysed, settings()).find((d: Diagnostic) => d.code === code);
  assert.ok(diagnostic, `a ${code} diagnostic`);
  const fixes = quickFixesFor(analysed, diagnostic, values);
  const fix = fixes.find((f) => f.isPreferred) ?? fixes[0];
  assert.ok(fix, `a fix for ${code}`);
  return applyEdits(text, edits(fix));
}

test('the template file fails markdownlint, which is why documents get the written form of it', () => {
  assert.equal(violations(templateText).filter((v) => /MD022|MD032/.test(v)).length, 31);
});

test('New Data Blueprint and blueprint new write a blueprint markdownlint passes, for the built-in template and a custom one', () => {
  assert.deepEqual(violations(fresh), []);
  assert.deepEqual(violations(newBlueprintText(new TemplateSchema('api-blueprint', apiTemplate), { name: 'Payments', ...values })), []);
  // The snippet for the whole template (the `blueprint` prefix, Insert Data Blueprint Template) writes the same.
  const file = snippetFile(dataBlueprint!);
  assert.deepEqual(violations(expandSnippet(file['Data Blueprint']!.body.join('\n'))), []);
});

test('each section snippet, inserted where its section is missing, leaves a blueprint markdownlint passes', () => {
  const file = snippetFile(dataBlueprint!);
  for (const [index, section] of dataBlueprint!.sections.entries()) {
    const next = dataBlueprint!.sections[index + 1]?.name;
    const lacking = withoutPart(fresh, `## ${section.name}\n`, next ? `## ${next}\n` : '**Blueprint Status**');
    const at = next ? lacking.indexOf(`## ${next}\n`) : lacking.indexOf('**Blueprint Status**');
    const restored = `${lacking.slice(0, at)}${expandSnippet(file[`Data Blueprint: ${section.name}`]!.body.join('\n'))}\n\n${lacking.slice(at)}`;
    assert.deepEqual(violations(restored), [], section.name);
  }
});

test('completion of a missing section or subsection writes what markdownlint passes', () => {
  const accept = (marked: string, label: string): string => {
    const offset = marked.indexOf('$0');
    const text = marked.replace('$0', '');
    const analysed = analyse(text);
    for (const snippets of [true, false]) {
      const item = completions(analysed, analysed.document.positionAt(offset), values, snippets).find(
        (i: CompletionItem) => i.label === label,
      );
      assert.ok(item, label);
      const edit = item.textEdit as TextEdit;
      const after = applyEdits(text, [{ range: edit.range, newText: snippets ? expandSnippet(edit.newText) : edit.newText }]);
      assert.deepEqual(violations(after), [], `${label}, snippets ${snippets}`);
    }
    return text;
  };
  accept(
    withoutPart(fresh, '## Data Flow\n', '## State Management\n').replace('## State Management', '## $0\n\n## State Management'),
    'Data Flow',
  );
  accept(
    withoutPart(fresh, '### Processing Steps\n', '### Output Destinations\n').replace(
      '### Output Destinations',
      '### $0\n\n### Output Destinations',
    ),
    'Processing Steps',
  );
});

test('quick fixes, Add all missing sections and fix-all write what markdownlint passes', () => {
  const cases: Array<[string, string]> = [
    [withoutPart(fresh, '## Data Flow\n', '## State Management\n'), 'missing-section'],
    [withoutPart(fresh, '## Monitoring Points\n', '**Blueprint Status**'), 'missing-section'],
    [withoutPart(fresh, '### Validation Points\n', '---\n\n## Data Integrity'), 'missing-subsection'],
    [withoutPart(fresh, '### Input Sources\n', '### Processing Steps\n'), 'missing-subsection'],
    [
      fresh.replace(/(## Data Validation\n\n\*\*How data is validated\.\*\*\n)[\s\S]*?(\n---\n\n## Data Integrity)/, '$1$2'),
      'empty-section',
    ],
    [fresh.replace('**Last Updated**: 2026-11-25\\\n', ''), 'missing-footer-field'],
    [fresh.slice(0, fresh.indexOf('\n\n---\n\n**Blueprint Status**') + 1), 'missing-footer-field'],
    [
      fresh.replace('- **[Structure A]** → **[Relationship]** → **[Structure B]**', '- **Order** → **contains** → **OrderLine**'),
      'unknown-structure',
    ],
  ];
  for (const [text, code] of cases) {
    assert.deepEqual(violations(text), [], `the blueprint before the ${code} fix passes`);
    assert.deepEqual(violations(quickFixed(text, code)), [], code);
  }
  const skeletal = withoutPart(withoutPart(fresh, '## Data Flow\n', '## State Management\n'), '### Alerts\n', '### Health Checks\n');
  const added = applyEdits(skeletal, edits(addAllMissingSections(analyse(skeletal), values)!));
  assert.deepEqual(violations(added), []);
  const fixedAll = applyEdits(skeletal, safeFixEdits(analyse(skeletal), settings(), values));
  assert.deepEqual(violations(fixedAll), []);
  assert.equal(fixedAll, added, 'fix-all adds what Add all missing sections adds');
});
