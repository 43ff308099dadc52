/**
 * Whether to colour the output, as the conventions have it: `--color` / `--no-color` first; then
 * FORCE_COLOR as Node reads it (`1`, `2`, `3`, `true` or empty: colours, whatever NO_COLOR says;
 * any other value, such as `0` or `false`: none); then NO_COLOR (set and not empty: none); else
 * colours on a terminal that is not `TERM=dumb`.
 */
export function wantsColour(flag: boolean | undefined, env: Readonly<Record<string, string | undefined>>, isTerminal: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return ['', '1', '2', '3', 'true'].includes(force);
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return isTerminal && env['TERM'] !== 'dumb';
}
