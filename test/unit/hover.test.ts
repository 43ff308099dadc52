import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver';
import { hover } from '../../server/src/features/hover';
import { withCursor } from '../support/cursor';
import { analyse, fixture, templateText, textDocument } from '../support/documents';

function hoverAt(marked: string) {
  const { text, offset } = withCursor(marked);
  const result = hover(analyse(text), textDocument(text).positionAt(offset));
  return { result, markdown: (result?.contents as MarkupContent | undefined)?.value, doc: textDocument(text) };
}

test('hover on a section heading shows the template guidance', () => {
  const { result, markdown, doc } = hoverAt(templateText.replace('## Data Flow', '## Data $0Flow'));
  assert.match(
    markdown!,
    /^\*\*Data Flow\*\* — Data Blueprint section\n\nHow data moves through the system\.\n\nSubsections: Input Sources, Processing Steps, Output Destinations$/,
  );
  assert.equal(doc.getText(result!.range), 'Data Flow');
});

test('hover on a subsection heading shows its section guidance and what the template asks for', () => {
  const { markdown } = hoverAt(templateText.replace('### Input Sources', '### $0Input Sources'));
  assert.match(markdown!, /part of \*Data Flow\*: How data moves through the system\./);
  assert.match(markdown!, /- \*\*\[Source 1\]\*\*: \[What data comes from here\]/);
});

// What the hover says on each of the template's placeholders, in template order: a sentence saying
// what to write, from the role the placeholder plays (footer field, structure name, relationship end)
// or its own words, and where it stands. Never the guidance line, which is on screen.
const TEMPLATE_PLACEHOLDER_HOVERS: Array<[string, string]> = [
  ['Data System Name', '**Placeholder** in the title: write the data system name.'],
  [
    "Describe the data system's purpose, what data it manages, and why it's needed.",
    "**Placeholder** in *Purpose*: describe the data system's purpose, what data it manages, and why it's needed.",
  ],
  [
    'PrimaryStructure',
    "**Placeholder** in *Data Model › Core Data Structures*: write the primary structure's name as a TypeScript identifier.",
  ],
  [
    'RelatedStructure',
    "**Placeholder** in *Data Model › Related Data Structures*: write the related structure's name as a TypeScript identifier.",
  ],
  [
    'Structure A',
    '**Placeholder** in *Data Model › Data Relationships*: name the structure at this end of the relationship, one that a `typescript` block of this blueprint declares (none is declared yet).',
  ],
  [
    'Relationship',
    '**Placeholder** in *Data Model › Data Relationships*: write how `[Structure A]` relates to `[Structure B]`, as a verb.',
  ],
  [
    'Structure B',
    '**Placeholder** in *Data Model › Data Relationships*: name the structure at this end of the relationship, one that a `typescript` block of this blueprint declares (none is declared yet).',
  ],
  [
    'Structure C',
    '**Placeholder** in *Data Model › Data Relationships*: name the structure at this end of the relationship, one that a `typescript` block of this blueprint declares (none is declared yet).',
  ],
  [
    'Relationship',
    '**Placeholder** in *Data Model › Data Relationships*: write how `[Structure C]` relates to `[Structure D]`, as a verb.',
  ],
  [
    'Structure D',
    '**Placeholder** in *Data Model › Data Relationships*: name the structure at this end of the relationship, one that a `typescript` block of this blueprint declares (none is declared yet).',
  ],
  ['Source 1', '**Placeholder** in *Data Flow › Input Sources*: name the first source.'],
  ['What data comes from here', '**Placeholder** in *Data Flow › Input Sources*: write what data comes from here.'],
  ['Source 2', '**Placeholder** in *Data Flow › Input Sources*: name the second source.'],
  ['What data comes from here', '**Placeholder** in *Data Flow › Input Sources*: write what data comes from here.'],
  ['Step 1', '**Placeholder** in *Data Flow › Processing Steps*: name the first step.'],
  ['What happens', '**Placeholder** in *Data Flow › Processing Steps*: write what happens.'],
  ['Step 2', '**Placeholder** in *Data Flow › Processing Steps*: name the second step.'],
  ['What happens', '**Placeholder** in *Data Flow › Processing Steps*: write what happens.'],
  ['Step 3', '**Placeholder** in *Data Flow › Processing Steps*: name the third step.'],
  ['What happens', '**Placeholder** in *Data Flow › Processing Steps*: write what happens.'],
  ['Destination 1', '**Placeholder** in *Data Flow › Output Destinations*: name the first destination.'],
  ['What data goes here', '**Placeholder** in *Data Flow › Output Destinations*: write what data goes here.'],
  ['Destination 2', '**Placeholder** in *Data Flow › Output Destinations*: name the second destination.'],
  ['What data goes here', '**Placeholder** in *Data Flow › Output Destinations*: write what data goes here.'],
  [
    'SystemName',
    '**Placeholder** in *State Management › State Structure*: write the system name as a TypeScript identifier: it completes the name `[SystemName]State`.',
  ],
  ['What initial state is', '**Placeholder** in *State Management › State Transitions*: write what initial state is.'],
  ['Event', '**Placeholder** in *State Management › State Transitions*: write the event.'],
  ['New State', '**Placeholder** in *State Management › State Transitions*: write the new state.'],
  ['Event', '**Placeholder** in *State Management › State Transitions*: write the event.'],
  ['New State', '**Placeholder** in *State Management › State Transitions*: write the new state.'],
  ['What data is saved', '**Placeholder** in *State Management › State Persistence*: write what data is saved.'],
  ['How data is stored', '**Placeholder** in *State Management › State Persistence*: write how data is stored.'],
  ['How data syncs', '**Placeholder** in *State Management › State Persistence*: write how data syncs.'],
  ['Rule 1', '**Placeholder** in *Data Validation › Validation Rules*: name the first rule.'],
  ['What it validates', '**Placeholder** in *Data Validation › Validation Rules*: write what it validates.'],
  ['Rule 2', '**Placeholder** in *Data Validation › Validation Rules*: name the second rule.'],
  ['What it validates', '**Placeholder** in *Data Validation › Validation Rules*: write what it validates.'],
  ['When/where', '**Placeholder** in *Data Validation › Validation Points*: write when or where.'],
  ['When/where', '**Placeholder** in *Data Validation › Validation Points*: write when or where.'],
  ['When/where', '**Placeholder** in *Data Validation › Validation Points*: write when or where.'],
  ['Constraint 1', '**Placeholder** in *Data Integrity › Constraints*: name the first constraint.'],
  ['What it enforces', '**Placeholder** in *Data Integrity › Constraints*: write what it enforces.'],
  ['Constraint 2', '**Placeholder** in *Data Integrity › Constraints*: name the second constraint.'],
  ['What it enforces', '**Placeholder** in *Data Integrity › Constraints*: write what it enforces.'],
  ['Check 1', '**Placeholder** in *Data Integrity › Consistency Checks*: name the first check.'],
  ['What it checks', '**Placeholder** in *Data Integrity › Consistency Checks*: write what it checks.'],
  ['Check 2', '**Placeholder** in *Data Integrity › Consistency Checks*: name the second check.'],
  ['What it checks', '**Placeholder** in *Data Integrity › Consistency Checks*: write what it checks.'],
  ['How much data', '**Placeholder** in *Performance Characteristics › Data Volume*: write how much data.'],
  ['How fast it grows', '**Placeholder** in *Performance Characteristics › Data Volume*: write how fast it grows.'],
  ['Storage requirements', '**Placeholder** in *Performance Characteristics › Data Volume*: write the storage requirements.'],
  ['How often read', '**Placeholder** in *Performance Characteristics › Access Patterns*: write how often read.'],
  ['How often written', '**Placeholder** in *Performance Characteristics › Access Patterns*: write how often written.'],
  ['What queries are common', '**Placeholder** in *Performance Characteristics › Access Patterns*: write what queries are common.'],
  ['Target query time', '**Placeholder** in *Performance Characteristics › Performance Targets*: write the target query time.'],
  ['Target update time', '**Placeholder** in *Performance Characteristics › Performance Targets*: write the target update time.'],
  ['Storage targets', '**Placeholder** in *Performance Characteristics › Performance Targets*: write the storage targets.'],
  ['What the system handles now', '**Placeholder** in *Scaling Paths › Current Capacity*: write what the system handles now.'],
  ['When scaling is needed', '**Placeholder** in *Scaling Paths › Scaling Triggers*: write when scaling is needed.'],
  ['How to scale horizontally', '**Placeholder** in *Scaling Paths › Scaling Strategies*: write how to scale horizontally.'],
  ['How to scale vertically', '**Placeholder** in *Scaling Paths › Scaling Strategies*: write how to scale vertically.'],
  ['How to partition', '**Placeholder** in *Scaling Paths › Scaling Strategies*: write how to partition.'],
  ['What the system cannot scale beyond', '**Placeholder** in *Scaling Paths › Limits*: write what the system cannot scale beyond.'],
  ['Metric 1', '**Placeholder** in *Monitoring Points › Metrics*: name the first metric.'],
  ['What it measures', '**Placeholder** in *Monitoring Points › Metrics*: write what it measures.'],
  ['Metric 2', '**Placeholder** in *Monitoring Points › Metrics*: name the second metric.'],
  ['What it measures', '**Placeholder** in *Monitoring Points › Metrics*: write what it measures.'],
  ['Alert 1', '**Placeholder** in *Monitoring Points › Alerts*: name the first alert.'],
  ['When to alert', '**Placeholder** in *Monitoring Points › Alerts*: write when to alert.'],
  ['Alert 2', '**Placeholder** in *Monitoring Points › Alerts*: name the second alert.'],
  ['When to alert', '**Placeholder** in *Monitoring Points › Alerts*: write when to alert.'],
  ['Check 1', '**Placeholder** in *Monitoring Points › Health Checks*: name the first check.'],
  ['What to check', '**Placeholder** in *Monitoring Points › Health Checks*: write what to check.'],
  ['Check 2', '**Placeholder** in *Monitoring Points › Health Checks*: name the second check.'],
  ['What to check', '**Placeholder** in *Monitoring Points › Health Checks*: write what to check.'],
  [
    'Draft/Review/Approved',
    '**Placeholder** in the footer: set the Blueprint Status to `Draft`, `Review` or `Approved` (until then it counts as `Draft`).',
  ],
  ['Date', '**Placeholder** in the footer: write the Last Updated date as YYYY-MM-DD.'],
  ['Name', "**Placeholder** in the footer: write the Author's name."],
];

test("hover on each of the template's placeholders reads as a sentence saying what to write there", () => {
  const analysed = analyse(templateText);
  const doc = textDocument(templateText);
  assert.equal(analysed.model.placeholders.length, TEMPLATE_PLACEHOLDER_HOVERS.length);
  analysed.model.placeholders.forEach((placeholder, i) => {
    const [text, expected] = TEMPLATE_PLACEHOLDER_HOVERS[i]!;
    assert.equal(placeholder.text, text);
    // Anywhere on it, brackets included.
    for (const offset of [placeholder.span.start, placeholder.span.end - 1]) {
      const result = hover(analysed, doc.positionAt(offset))!;
      assert.deepEqual(result.range, { start: doc.positionAt(placeholder.span.start), end: doc.positionAt(placeholder.span.end) });
      assert.equal((result.contents as MarkupContent).value, expected, text);
    }
  });
  for (const section of analysed.schema.sections) {
    if (!section.guidance) continue;
    assert.ok(
      TEMPLATE_PLACEHOLDER_HOVERS.every(([, h]) => !h.includes(section.guidance!)),
      section.name,
    );
  }
});

test("on a blueprint being written: the declared structures at a relationship end, the author's own placeholders, any section", () => {
  const ledger = fixture('order-ledger.md');
  const end = hoverAt(ledger.replace('- **Order** → **contains** → **OrderLine**', '- **Order** → **contains** → **[Li$0ne]**'));
  assert.equal(
    end.markdown,
    '**Placeholder** in *Data Model › Data Relationships*: name the structure at this end of the relationship, one that a `typescript` block of this blueprint declares (`Order`, `OrderLine`, `Customer`, `LedgerState`).',
  );
  const verb = hoverAt(ledger.replace('- **Order** → **contains** → **OrderLine**', '- **Order** → **[Rel$0ation]** → **OrderLine**'));
  assert.equal(verb.markdown, '**Placeholder** in *Data Model › Data Relationships*: write how `Order` relates to `OrderLine`, as a verb.');
  const own = hoverAt(ledger.replace('One primary database', 'One [Primary DB$0 Engine] database'));
  assert.equal(own.markdown, '**Placeholder** in *Scaling Paths › Current Capacity*: write the primary DB engine.');
  const numbered = hoverAt(ledger.replace('- **Append latency**', '- **[Metric 1$02]**'));
  assert.equal(numbered.markdown, '**Placeholder** in *Monitoring Points › Metrics*: name the 12th metric.');
  const preamble = hoverAt(ledger.replace('## Purpose', 'Owned by [Team$0 name].\n\n## Purpose'));
  assert.equal(preamble.markdown, '**Placeholder**: write the team name.');
  const typeName = hoverAt(ledger.replace('type Customer = {', 'type [Cust$0omerRecord] = {'));
  assert.equal(
    typeName.markdown,
    "**Placeholder** in *Data Model › Related Data Structures*: write the customer record's name as a TypeScript identifier.",
  );
});

test('no hover on ordinary text or on a heading the template does not have', () => {
  assert.equal(hoverAt(templateText.replace('**What this data system manages', '**What this $0data system manages')).result, null);
  assert.equal(hoverAt(templateText.replace('## Purpose', '## Glossary\n\nWords $0here.\n\n## Purpose')).result, null);
  assert.equal(hoverAt(templateText.replace('## Purpose', '## $0Glossary\n\n## Purpose')).result, null);
});
