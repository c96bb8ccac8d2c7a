/** A compiled matchCriteria: tests one value against the whole pattern. */
export type ValueTest = (value: string) => boolean;

/**
 * Compile an IIS matchCriteria (mapping-spec section 3): `*` matches any run of characters including
 * none, every other character is literal (`?`, `.`, `[` too), and the pattern covers the whole value.
 * No regular expression is built: values come from client certificates, and a backtracking regex
 * over a long attacker-chosen value with a many-star pattern could take polynomial time. Prefix,
 * suffix and leftmost in-order search of the literal pieces between stars is exact for `*`-only globs.
 */
export function compileWildcard(pattern: string, caseSensitive: boolean): ValueTest {
  const fold = (s: string) => (caseSensitive ? s : s.toLowerCase());
  const pieces = fold(pattern).split('*');
  if (pieces.length === 1) {
    const literal = pieces[0] as string;
    return (value) => fold(value) === literal;
  }
  const head = pieces[0] as string;
  const tail = pieces[pieces.length - 1] as string;
  const middle = pieces.slice(1, -1).filter((piece) => piece.length > 0);
  const minimum = head.length + tail.length + middle.reduce((n, piece) => n + piece.length, 0);
  return (raw) => {
    const value = fold(raw);
    if (value.length < minimum || !value.startsWith(head) || !value.endsWith(tail)) return false;
    let at = head.length;
    const end = value.length - tail.length;
    for (const piece of middle) {
      const found = value.indexOf(piece, at);
      if (found < 0 || found + piece.length > end) return false;
      at = found + piece.length;
    }
    return true;
  };
}
