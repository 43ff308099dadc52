import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lint } from 'markdownlint/sync';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { dataModelOf, stateMachineOf } from '../../server/src/diagrams/diagram-sources';
import { diagramText } from '../../server/src/diagrams/diagram-writer';
import { classDiagramText, stateDiagramText, type DataModel, type StateMachine } from '../../server/src/diagrams/mermaid-text';
import { quickFixesFor } from '../../server/src/features/code-actions';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { insertDiagramActions } from '../../server/src/features/diagrams';
import { safeFixEdits } from '../../server/src/features/fix-all';
import type { FooterValues } from '../../server/src/template/footer-values';
import { fuzzParameters } from '../support/arbitraries';
import { analyse, applyEdits, fixture, settings, textDocument } from '../support/documents';
import { parseMermaid } from '../support/mermaid-parser';

test('the data model of a filled-in blueprint: structures with field types, field edges and the relationships that count', async () => {
  const analysed = analyse(fixture('order-ledger.md'));
  const text = diagramText(analysed, 'data-model');
  assert.equal(
    text,
    [
      'classDiagram',
      '  class Order {',
      '    id : string',
      '    customerId : string',
      '    lines : OrderLine#91;#93;',
      '    totals : #91;number, number#93;',
      '    status : #39;open#39; #124; #39;paid#39; #124; #39;shipped#39;',
      '  }',
      '  class OrderLine {',
      '    sku : string',
      '    quantity : number',
      '    attributes : #123; #91;key#58; string#93;#58; string #125;',
      '  }',
      '  class Customer {',
      '    id : string',
      '    email : string',
      '  }',
      '  class LedgerState {',
      '    orders : Map#60;string, Order#62;',
      '    pending : Order#91;#93;',
      '  }',
      '  Order --> OrderLine : lines',
      '  LedgerState --> Order : orders',
      '  LedgerState --> Order : pending',
      '  Order ..> OrderLine : contains',
      '  Customer ..> Order : places',
    ].join('\n'),
  );
  assert.equal(await parseMermaid(text), 'classDiagram');
});

test('the state diagram: the initial state, then each Event → New State in order, and a bold three-part transition', async () => {
  const analysed = analyse(fixture('payments-ledger.md'));
  const text = diagramText(analysed, 'state');
  assert.equal(
    text,
    [
      'stateDiagram-v2',
      '  state "a payment is #96;authorised#96; once the gateway accepts it" as S0',
      '  [*] --> S0',
      '  S0 --> captured : shipment confirmed',
      '  captured --> refunded : refund issued',
      '  authorised --> captured : capture#40;#41;',
      '  captured --> refunded : refund#40;#41;',
    ].join('\n'),
  );
  assert.equal(await parseMermaid(text), 'stateDiagram');
});

test('extends is an inheritance edge; a placeholder-named structure and a placeholder transition are left out', async () => {
  const text = fixture('stock-levels.md')
    .replace('interface Reservation {', 'interface [Draft] {\n  x: number;\n}\n\ninterface Reservation extends StockLevel {')
    .replace('2. **Transition 1**: reservation made → units reserved', '2. **Transition 1**: [Event] → [New State]');
  const analysed = analyse(text);
  assert.deepEqual(
    dataModelOf(analysed).structures.map((s) => s.name),
    ['StockLevel', 'Reservation', 'Warehouse', 'StockState'],
  );
  assert.deepEqual(dataModelOf(analysed).inheritance, [[1, 0]]);
  assert.ok(diagramText(analysed, 'data-model').includes('\n  StockLevel <|-- Reservation\n'));
  assert.deepEqual(stateMachineOf(analysed), {
    initial: 'levels loaded from the last WMS count',
    transitions: [{ from: 'levels loaded from the last WMS count', event: 'reservation expired', to: 'units released' }],
  });
  await parseMermaid(diagramText(analysed, 'data-model'));
});

test('the template itself draws an empty class diagram and an empty state diagram', async () => {
  const analysed = analyse(
    fixture('order-ledger.md').replace(
      /### State Transitions[\s\S]*?(?=### State Persistence)/,
      '### State Transitions\n\n1. **Initial State**: [What initial state is]\n\n',
    ),
  );
  assert.equal(diagramText(analysed, 'state'), 'stateDiagram-v2');
  await parseMermaid('stateDiagram-v2');
  const empty = classDiagramText({ structures: [], inheritance: [], associations: [] });
  assert.equal(empty, 'classDiagram\n  note "No structures declared yet"');
  await parseMermaid(empty);
});

test('names Mermaid would read as keywords, or could not read, get an id and keep their text as the label', async () => {
  const names = [
    'end',
    'class',
    'state',
    'Order<T>',
    '注文',
    '🎉 Party',
    'say "hi"',
    '[x]',
    'S0',
    'note',
    '%% no',
    'a;b',
    '#x;',
    'a{b}',
    'a~b~',
    'x:y',
    '-->',
    '',
  ];
  const model: DataModel = {
    structures: names.map((name) => ({ name, fields: [{ name, type: name }] })),
    inheritance: [[1, 0]],
    associations: names.map((label, i) => ({ from: i, to: (i + 1) % names.length, label, kind: i % 2 ? 'field' : 'relationship' })),
  };
  const text = classDiagramText(model);
  assert.match(text, /^ {2}class S0\["end"\] \{$/m);
  assert.match(text, /^ {2}class S3\["Order#60;T#62;"\] \{$/m);
  assert.match(text, /^ {2}class S4\["注文"\] \{$/m);
  const mermaid = await import('mermaid');
  const diagram = await mermaid.default.mermaidAPI.getDiagramFromText(text);
  const classes = (diagram.db as unknown as { getClasses(): Map<string, unknown> }).getClasses();
  assert.equal(classes.size, names.length, 'one class per structure');
  await parseMermaid(
    stateDiagramText({
      initial: names[0],
      transitions: names.map((event, i) => ({ from: names[i]!, event, to: names[(i + 1) % names.length]! })),
    }),
  );
});

/** Any text: Unicode, brackets, quotes, Mermaid's own marks and keywords. */
const anyName = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(...'<>[](){}"\'`#;:%~|-.=*+$^&\\/ \n\tab注🎉'), maxLength: 10 }),
  fc.constantFrom('end', 'class', 'state', 'note', 'direction', 'click', 'style', 'classDef', 'S1', '[*]', 'graph', 'namespace'),
);

const anyDataModel: fc.Arbitrary<DataModel> = fc
  .array(
    fc.record({
      name: anyName,
      fields: fc.array(fc.record({ name: anyName, type: fc.option(anyName, { nil: undefined }) }), { maxLength: 3 }),
    }),
    {
      minLength: 1,
      maxLength: 5,
    },
  )
  .chain((structures) => {
    const index = fc.nat({ max: structures.length - 1 });
    return fc.record({
      structures: fc.constant(structures),
      inheritance: fc.array(fc.tuple(index, index), { maxLength: 3 }),
      associations: fc.array(
        fc.record({ from: index, to: index, label: anyName, kind: fc.constantFrom('field' as const, 'relationship' as const) }),
        {
          maxLength: 4,
        },
      ),
    });
  });

const anyStateMachine: fc.Arbitrary<StateMachine> = fc.record({
  initial: fc.option(anyName, { nil: undefined }),
  transitions: fc.array(fc.record({ from: anyName, event: anyName, to: anyName }), { maxLength: 5 }),
});

test('property: any data model yields a class diagram Mermaid parses, with one class per distinct structure', async () => {
  const mermaid = (await import('mermaid')).default;
  await fc.assert(
    fc.asyncProperty(anyDataModel, async (model) => {
      const text = classDiagramText(model);
      const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
      const classes = (diagram.db as unknown as { getClasses(): Map<string, unknown> }).getClasses();
      assert.equal(classes.size, model.structures.length, text);
    }),
    fuzzParameters(60),
  );
});

test('property: any state machine yields a state diagram Mermaid parses', async () => {
  await fc.assert(
    fc.asyncProperty(anyStateMachine, async (machine) => {
      assert.equal(await parseMermaid(stateDiagramText(machine)), 'stateDiagram');
    }),
    fuzzParameters(60),
  );
});

// The diagrams kept in the document: inserted from the blueprint, reported when stale, updated by the fix and by fix-all.

const values: FooterValues = { date: '2026-11-25', author: 'Ada Lovelace' };

function inserted(text: string, title: string): string {
  const action = insertDiagramActions(analyse(text)).find((a) => a.title === title);
  assert.ok(action, title);
  return applyEdits(text, Object.values(action.edit!.changes!)[0]!);
}

function staleOf(text: string): Diagnostic[] {
  return computeDiagnostics(analyse(text), settings()).filter((d) => d.code === 'stale-diagram');
}

function lintViolations(text: string): string[] {
  const found = lint({ strings: { document: text } })['document'] ?? [];
  return found.map((e) => `${e.lineNumber} ${e.ruleNames.join('/')} ${e.errorDetail ?? ''}`.trim());
}

test('Insert data model diagram and Insert state diagram: a marked mermaid block at the end of the subsection the template gives it, markdownlint-clean', () => {
  const text = fixture('order-ledger.md');
  assert.deepEqual(
    insertDiagramActions(analyse(text)).map((a) => [a.title, a.kind]),
    [
      ['Insert data model diagram', 'source.insertDiagram.blueprint'],
      ['Insert state diagram', 'source.insertDiagram.blueprint'],
    ],
  );
  const withDataModel = inserted(text, 'Insert data model diagram');
  const dataModel = `<!-- blueprint:diagram data-model -->\n\n\`\`\`mermaid\n${diagramText(analyse(text), 'data-model')}\n\`\`\``;
  assert.equal(
    withDataModel,
    text.replace('- **Customer** -> **places** -> **Order**\n', `- **Customer** -> **places** -> **Order**\n\n${dataModel}\n`),
  );
  const both = inserted(withDataModel, 'Insert state diagram');
  const state = `<!-- blueprint:diagram state -->\n\n\`\`\`mermaid\n${diagramText(analyse(text), 'state')}\n\`\`\``;
  assert.equal(
    both,
    withDataModel.replace('3. **Transition 2**: payment confirmed → paid\n', `3. **Transition 2**: payment confirmed → paid\n\n${state}\n`),
  );
  assert.deepEqual(insertDiagramActions(analyse(both)), [], 'nothing to insert once both are kept');
  assert.deepEqual(staleOf(both), [], 'diagrams just inserted are current');
  // The fixture's own findings (its lists right under headings) move down; the diagrams add none.
  const rules = (t: string): string[] =>
    lintViolations(t)
      .map((v) => v.split(' ')[1]!)
      .sort();
  assert.deepEqual(rules(both), rules(text));
});

test('stale-diagram after the structures change, on the marker; Update diagram redraws the block; then no diagnostic', () => {
  const kept = inserted(fixture('order-ledger.md'), 'Insert data model diagram');
  const edited = kept.replace('  email: string;\n', '  email: string;\n  loyaltyTier: number;\n');
  const [stale, ...others] = staleOf(edited);
  assert.deepEqual(others, []);
  const markerAt = edited.indexOf('<!-- blueprint:diagram data-model -->');
  const document = textDocument(edited);
  assert.deepEqual(stale!.range, {
    start: document.positionAt(markerAt),
    end: document.positionAt(markerAt + '<!-- blueprint:diagram data-model -->'.length),
  });
  assert.equal(stale!.severity, DiagnosticSeverity.Information);
  assert.deepEqual(stale!.data, { diagram: 'data-model' });
  assert.equal(stale!.message, 'The data model diagram no longer matches the blueprint: update it');
  const [fix, ...moreFixes] = quickFixesFor(analyse(edited), stale!, values);
  assert.deepEqual(moreFixes, []);
  assert.equal(fix!.title, 'Update diagram');
  assert.equal(fix!.isPreferred, true);
  const updated = applyEdits(edited, Object.values(fix!.edit!.changes!)[0]!);
  assert.equal(updated, edited.replace('    email : string\n', '    email : string\n    loyaltyTier : number\n'));
  assert.deepEqual(staleOf(updated), []);
  // Fix-all on save (and blueprint check --fix) applies the same.
  assert.equal(applyEdits(edited, safeFixEdits(analyse(edited), settings(), values)), updated);
});

test('stale-diagram for a state diagram after a transition is added, with CRLF line breaks kept by the update', () => {
  const kept = inserted(fixture('order-ledger.md'), 'Insert state diagram').replace(/\n/g, '\r\n');
  assert.deepEqual(staleOf(kept), []);
  const edited = kept.replace(
    '3. **Transition 2**: payment confirmed → paid\r\n',
    '3. **Transition 2**: payment confirmed → paid\r\n4. **Transition 3**: parcel shipped → shipped\r\n',
  );
  const [stale] = staleOf(edited);
  assert.equal(stale?.message, 'The state diagram no longer matches the blueprint: update it');
  const updated = applyEdits(edited, safeFixEdits(analyse(edited), settings(), values));
  assert.equal(
    updated,
    edited.replace(
      '  open --> paid : payment confirmed\r\n',
      '  open --> paid : payment confirmed\r\n  paid --> shipped : parcel shipped\r\n',
    ),
  );
  assert.deepEqual(staleOf(updated), []);
});

test('a marker without a block is stale and its fix adds the block; a marker in a code block, or another kind, is none', () => {
  const text = fixture('order-ledger.md').replace(
    '### Data Relationships\n',
    '### Data Relationships\n\n<!-- blueprint:diagram data-model -->\n',
  );
  const [stale] = staleOf(text);
  assert.equal(stale?.message, 'The data model diagram marker has no mermaid block under it');
  const updated = applyEdits(text, safeFixEdits(analyse(text), settings(), values));
  assert.ok(
    updated.includes(
      `<!-- blueprint:diagram data-model -->\n\n\`\`\`mermaid\n${diagramText(analyse(text), 'data-model')}\n\`\`\`\n\n- **Order**`,
    ),
  );
  assert.deepEqual(staleOf(updated), []);
  const inCode = fixture('order-ledger.md').replace(
    '### Data Relationships\n',
    '### Data Relationships\n\n```html\n<!-- blueprint:diagram data-model -->\n```\n',
  );
  assert.deepEqual(staleOf(inCode), []);
  assert.deepEqual(
    staleOf(
      fixture('order-ledger.md').replace('### Data Relationships\n', '### Data Relationships\n\n<!-- blueprint:diagram sequence -->\n'),
    ),
    [],
  );
});

test('a filled-in blueprint with current diagrams has no stale-diagram, and its setting turns it off', () => {
  for (const name of ['order-ledger.md', 'payments-ledger.md', 'stock-levels.md', 'fulfilment-ledger.md']) {
    const text = inserted(inserted(fixture(name), 'Insert data model diagram'), 'Insert state diagram');
    assert.deepEqual(staleOf(text), [], name);
    const stale = text.replace(/```mermaid\nclassDiagram\n/, '```mermaid\nclassDiagram\n  class Gone\n');
    assert.equal(staleOf(stale).length, 1, name);
    assert.deepEqual(
      computeDiagnostics(analyse(stale), settings({ diagnostics: { 'stale-diagram': 'off' } })).filter((d) => d.code === 'stale-diagram'),
      [],
    );
  }
});
