/** "Did you mean" suggestions for misspelt field names, kinds, ids and options. */

/** Levenshtein distance between two strings, with adjacent swaps costing 1 (`partitons` ~ `partitions`). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[(i - 2) * cols + j - 2] + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1];
}

/**
 * The candidate closest to `word`, if it is close enough to be a typo: at most a third of the
 * word's letters wrong (at least 1, at most 3), ignoring case; failing that, the only candidate
 * that starts with it (`expo` for `exponential`). Ties go to the earlier candidate.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  // Names and ids are short; a long string is no typo of one (and would cost a large table).
  if (word.length > 64) return undefined;
  const lower = word.toLowerCase();
  const allowed = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  const extending: string[] = [];
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
    if (lower.length >= 3 && candidate.toLowerCase().startsWith(lower)) extending.push(candidate);
  }
  return best ?? (extending.length === 1 ? extending[0] : undefined);
}

/** ` (did you mean "partitions"?)`, or nothing when no candidate is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const suggestion = closest(word, candidates);
  return suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
}
