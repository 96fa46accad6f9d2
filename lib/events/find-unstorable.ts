// What Postgres cannot store in text or jsonb, found before a write fails on it: a 400 naming the
// field instead of a database error (a 500, or a 503 that a sender retries forever).

/** Deeper than any provider body; Postgres jsonb refuses deep enough nesting ("stack depth limit exceeded"). */
export const MAX_NESTING = 64;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(s: string): string | null {
  if (s.includes("\u0000")) return "text may not contain the NUL character (U+0000)";
  if (LONE_SURROGATE.test(s)) return "text may not contain a lone UTF-16 surrogate (a \\ud800–\\udfff escape without its pair)";
  return null;
}

/**
 * The first string or key Postgres cannot store (U+0000, a lone surrogate) or the first value nested
 * deeper than MAX_NESTING, with its path ("" for the top level); null when all is storable. Walks
 * with its own stack, so no input depth can overflow the call stack.
 */
export function findUnstorable(input: unknown): { path: string; problem: string } | null {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: input, path: "", depth: 0 }];
  const join = (path: string, k: string | number) => (path ? `${path}.${k}` : String(k));
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === "string") {
      const problem = textProblem(v);
      if (problem) return { path, problem };
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (depth >= MAX_NESTING) return { path, problem: `nested deeper than ${MAX_NESTING} levels` };
    const children: { v: unknown; path: string; depth: number }[] = [];
    if (Array.isArray(v)) {
      v.forEach((child, i) => children.push({ v: child, path: join(path, i), depth: depth + 1 }));
    } else {
      for (const [k, child] of Object.entries(v)) {
        const here = join(path, k);
        const problem = textProblem(k);
        if (problem) return { path: here, problem };
        children.push({ v: child, path: here, depth: depth + 1 });
      }
    }
    // Reversed onto the stack, so the first field in document order is the one named.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return null;
}
