import type { Diagnostic, DiagnosticRelatedInformation, Location } from 'vscode-languageserver';
import type { BlueprintFacts, NamedPlace } from './blueprint-facts';

/** A structure name written in a blueprint of the workspace. */
export interface PlaceInFile extends NamedPlace {
  readonly uri: string;
}

/**
 * The structures of every blueprint of the workspace, by name: the one place where a name used in
 * one blueprint finds its declaration in another. Diagnostics (`resolveStructureDiagnostics`),
 * definition, references, highlights and rename (navigation.ts), the language server's index and
 * `blueprint check` all read it, so they cannot disagree. Built from each blueprint's facts (an
 * open document's as it is now, every other file's as on disk); replacing a file's facts is
 * proportional to that file's names.
 */
export class StructureTable {
  private readonly byFile = new Map<string, readonly NamedPlace[]>();
  private readonly byName = new Map<string, Map<string, readonly NamedPlace[]>>();

  constructor(facts: Iterable<Pick<BlueprintFacts, 'uri' | 'names'>> = []) {
    for (const f of facts) this.set(f.uri, f.names);
  }

  /**
   * A file's names now; returns the names whose declarations changed (declared, removed, moved to
   * another line), for the caller to check again what uses them.
   */
  set(uri: string, names: readonly NamedPlace[]): Set<string> {
    const changed = declarationChanges(this.byFile.get(uri) ?? [], names);
    this.remove(uri);
    this.byFile.set(uri, names);
    const grouped = new Map<string, NamedPlace[]>();
    for (const place of names) {
      let list = grouped.get(place.name);
      if (!list) grouped.set(place.name, (list = []));
      list.push(place);
    }
    for (const [name, places] of grouped) {
      let files = this.byName.get(name);
      if (!files) this.byName.set(name, (files = new Map<string, readonly NamedPlace[]>()));
      files.set(uri, places);
    }
    return changed;
  }

  /** A file left the workspace (deleted, excluded); returns the names it declared. */
  delete(uri: string): Set<string> {
    const changed = declarationChanges(this.byFile.get(uri) ?? [], []);
    this.remove(uri);
    return changed;
  }

  has(uri: string): boolean {
    return this.byFile.has(uri);
  }

  /** Every declaration of a name, file by file. */
  declarationsOf(name: string): PlaceInFile[] {
    return this.placesOf(name).filter((p) => p.role === 'declaration');
  }

  /**
   * The first declaration of a name in each file but `except`: what a name a file does not declare
   * may mean. Proportional to the files that write the name, and nothing is copied for the others.
   */
  declaringFiles(name: string, except: string): PlaceInFile[] {
    const files = this.byName.get(name);
    if (!files) return [];
    const found: PlaceInFile[] = [];
    for (const [uri, places] of files) {
      if (uri === except) continue;
      const declaration = places.find((p) => p.role === 'declaration');
      if (declaration) found.push({ ...declaration, uri });
    }
    return found;
  }

  /** Every place a name is written, declarations included. */
  placesOf(name: string): PlaceInFile[] {
    const files = this.byName.get(name);
    if (!files) return [];
    return [...files].flatMap(([uri, places]) => places.map((p) => ({ ...p, uri })));
  }

  /** Every declaration in the workspace, for `workspace/symbol`. */
  *allDeclarations(): Iterable<PlaceInFile> {
    for (const [uri, places] of this.byFile) {
      for (const p of places) if (p.role === 'declaration') yield { ...p, uri };
    }
  }

  private remove(uri: string): void {
    const old = this.byFile.get(uri);
    if (!old) return;
    this.byFile.delete(uri);
    for (const name of new Set(old.map((p) => p.name))) {
      const files = this.byName.get(name);
      files?.delete(uri);
      if (files?.size === 0) this.byName.delete(name);
    }
  }
}

function declarationChanges(before: readonly NamedPlace[], after: readonly NamedPlace[]): Set<string> {
  const key = (p: NamedPlace) => `${p.name}\u0000${p.range.start.line}\u0000${p.range.start.character}`;
  const was = new Set(before.filter((p) => p.role === 'declaration').map(key));
  const is = new Set(after.filter((p) => p.role === 'declaration').map(key));
  const changed = new Set<string>();
  for (const p of before) if (p.role === 'declaration' && !is.has(key(p))) changed.add(p.name);
  for (const p of after) if (p.role === 'declaration' && !was.has(key(p))) changed.add(p.name);
  return changed;
}

/** What a name a blueprint uses but does not declare is, across the workspace. */
export type Resolution =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'resolved'; readonly declaration: PlaceInFile }
  | { readonly kind: 'ambiguous'; readonly declarations: readonly PlaceInFile[] };

/**
 * A name used in `uri` that it does not declare: declared by no other blueprint (unknown), by
 * exactly one (resolved: that declaration), or by two or more (ambiguous). A blueprint that
 * declares a name itself always means its own declaration.
 */
export function resolveName(table: StructureTable | undefined, uri: string, name: string): Resolution {
  const elsewhere = table?.declaringFiles(name, uri) ?? [];
  if (elsewhere.length === 0) return { kind: 'unknown' };
  if (elsewhere.length === 1) return { kind: 'resolved', declaration: elsewhere[0]! };
  return { kind: 'ambiguous', declarations: elsewhere };
}

const UNKNOWN = 'unknown-structure';
/** How many of the declarations of an ambiguous name a diagnostic names: a name many blueprints declare is not listed whole on every use. */
const MAX_RELATED = 10;
const AMBIGUOUS = 'ambiguous-structure';

/**
 * A blueprint's diagnostics with its structures resolved across the workspace (`table`; undefined
 * when `blueprint.structures.scope` is `document`). The blueprint's own diagnostics give, for each
 * relationship end it does not declare, both an `unknown-structure` and an `ambiguous-structure`
 * candidate, each at the severity in force and past the rule-control comments (features/diagnostics.ts);
 * here each name keeps the one that holds, or neither when one other blueprint declares it.
 */
export function resolveStructureDiagnostics(
  diagnostics: readonly Diagnostic[],
  uri: string,
  table: StructureTable | undefined,
  describe: (uri: string) => string = (u) => u,
): Diagnostic[] {
  const resolved: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (d.code !== UNKNOWN && d.code !== AMBIGUOUS) {
      resolved.push(d);
      continue;
    }
    const name = (d.data as { structure?: unknown } | undefined)?.structure;
    if (typeof name !== 'string') continue;
    const resolution = resolveName(table, uri, name);
    if (d.code === UNKNOWN && resolution.kind === 'unknown') {
      resolved.push(
        table && typeof d.message === 'string'
          ? {
              ...d,
              message: `${d.message.replace(/ in this blueprint's typescript blocks$/, '')} in this blueprint or in any other blueprint of the workspace`,
            }
          : d,
      );
    } else if (d.code === AMBIGUOUS && resolution.kind === 'ambiguous') {
      const relatedInformation: DiagnosticRelatedInformation[] = resolution.declarations.slice(0, MAX_RELATED).map((decl) => ({
        location: { uri: decl.uri, range: decl.range },
        message: `'${name}' is declared in ${describe(decl.uri)}`,
      }));
      const shown = resolution.declarations.slice(0, MAX_RELATED).map((decl) => describe(decl.uri));
      const where = resolution.declarations.length > MAX_RELATED ? `${shown.join(', ')}, …` : shown.join(', ');
      resolved.push({
        ...d,
        message: `Ambiguous structure '${name}': this blueprint does not declare it, and ${resolution.declarations.length} other blueprints do (${where})`,
        relatedInformation,
      });
    }
  }
  return resolved;
}

/** The declarations of a name in other blueprints, as locations: where go to definition goes from a name a blueprint does not declare. */
export function declarationsElsewhere(table: StructureTable | undefined, uri: string, name: string): Location[] {
  return (table?.declarationsOf(name) ?? []).filter((d) => d.uri !== uri).map((d) => ({ uri: d.uri, range: d.range }));
}
