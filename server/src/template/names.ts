/**
 * How names written in a blueprint compare with the template's: sections, subsections, footer
 * labels and status values are the same name when they differ only in case and runs of white space.
 * Only template/ and the alignment compare names; features read the alignment (a lint rule keeps
 * these imports out of server/src/features/).
 */

/** What two names compare by: case and runs of white space aside. */
export function nameKey(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Section and heading names compare as people read them: case and spacing aside. */
export function sameName(a: string, b: string): boolean {
  return a === b || nameKey(a) === nameKey(b);
}

/**
 * The name keys of one template's lookups, remembered: every version of a long blueprint looks up
 * the same few thousand heading texts again, and a remembered key costs a fifth of a computed one.
 * Bounded, so that a stream of distinct names cannot grow it without end.
 */
export class NameKeys {
  private readonly keys = new Map<string, string>();

  key(name: string): string {
    let key = this.keys.get(name);
    if (key === undefined) {
      if (this.keys.size >= 50_000) this.keys.clear();
      key = nameKey(name);
      this.keys.set(name, key);
    }
    return key;
  }
}
