// "Did you mean": the closest candidate by edit distance, if it is close enough.

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(above + 1, prev[j - 1]! + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return prev[b.length]!;
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  if (best !== undefined && bestDistance <= limit) return best;
  return prefixMatch(lower, candidates);
}

/**
 * The one candidate that the word starts with, or that starts with the word, both at least 3
 * characters long (`warning` → `warn`); none when several candidates match.
 */
function prefixMatch(lower: string, candidates: readonly string[]): string | undefined {
  if (lower.length < 3) return undefined;
  let found: string | undefined;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    if (c.length < 3 || !(lower.startsWith(c) || c.startsWith(lower))) continue;
    if (found !== undefined) return undefined;
    found = candidate;
  }
  return found;
}
