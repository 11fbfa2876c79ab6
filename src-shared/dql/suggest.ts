/**
 * "Did you mean …?": the candidate nearest to a misspelt name by optimal-string-alignment distance
 * (Levenshtein plus adjacent transpositions, so `fitler` → `filter` costs 1), case-insensitive.
 */

/** Edit distance with transpositions; stops early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (prevPrev[j - 2] ?? 0) + 1);
      }
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** How far a name may be from a candidate and still count as a typo of it. */
function tolerance(length: number): number {
  return length <= 2 ? 0 : length <= 4 ? 1 : length <= 7 ? 2 : 3;
}

/** The nearest candidate within typo distance, or undefined. Ties go to the earlier candidate. */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  const needle = name.toLowerCase();
  const limit = tolerance(needle.length);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    if (limit === 0) {
      if (c.toLowerCase() === needle && c !== name) return c;
      continue;
    }
    const d = editDistance(needle, c.toLowerCase(), bestDistance - 1);
    if (d < bestDistance && d > 0) {
      best = c;
      bestDistance = d;
    } else if (d === 0 && c !== name) {
      // Only the case differs: that is the answer.
      return c;
    }
  }
  return best;
}
