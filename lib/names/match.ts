// Similarity of two names (0..1) over their skeleton keys, for ranking and duplicate hints in TypeScript.
// The database side (lib/names/sql.ts) uses pg_trgm on the same keys; the two agree on what is close.
import { skeletonKey } from "./keys";

/** At or above this score two names are treated as the same name written differently. */
export const NAME_MATCH_THRESHOLD = 0.65;

/** pg_trgm-style trigrams: each word padded with two spaces in front and one behind. */
function trigrams(text: string): Set<string> {
  const set = new Set<string>();
  for (const word of text.split(" ").filter(Boolean)) {
    const padded = `  ${word} `;
    const chars = [...padded];
    for (let i = 0; i + 2 < chars.length; i++) set.add(`${chars[i]}${chars[i + 1]}${chars[i + 2]}`);
  }
  return set;
}

export function trigramSimilarity(a: string, b: string): number {
  const left = trigrams(a);
  const right = trigrams(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared++;
  return shared / (left.size + right.size - shared);
}

export function levenshtein(a: string, b: string): number {
  return editCost(a, b, () => 1, 1);
}

const VOWELS = new Set(["a", "e", "i", "o", "u"]);
const indelCost = (char: string | undefined) => (char !== undefined && VOWELS.has(char) ? 0.5 : 1);

// Edit distance with the costs spelling variation actually has: a vowel added or dropped
// (Gulnar/Gulnara, Baurzhan/Bauyrzhan) is cheap, a different letter (Zhanar/Zhanat) is expensive.
function editCost(a: string, b: string, indel: (char: string | undefined) => number, substitution: number): number {
  const left = [...a];
  const right = [...b];
  let previous = [0];
  for (let j = 1; j <= right.length; j++) previous[j] = (previous[j - 1] ?? 0) + indel(right[j - 1]);
  for (let i = 1; i <= left.length; i++) {
    const current = [(previous[0] ?? 0) + indel(left[i - 1])];
    for (let j = 1; j <= right.length; j++) {
      const cost = left[i - 1] === right[j - 1] ? 0 : substitution;
      current[j] = Math.min(
        (previous[j] ?? 0) + indel(left[i - 1]),
        (current[j - 1] ?? 0) + indel(right[j - 1]),
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

function editSimilarity(a: string, b: string): number {
  const longest = Math.max([...a].length, [...b].length);
  return longest === 0 ? 1 : Math.max(0, 1 - editCost(a, b, indelCost, 2) / longest);
}

/** One token against another: the mean of trigram and weighted edit similarity. */
function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  return (trigramSimilarity(a, b) + editSimilarity(a, b)) / 2;
}

function permutations(tokens: string[]): string[][] {
  if (tokens.length <= 1) return [tokens];
  const result: string[][] = [];
  tokens.forEach((token, index) => {
    const rest = [...tokens.slice(0, index), ...tokens.slice(index + 1)];
    for (const tail of permutations(rest)) result.push([token, ...tail]);
  });
  return result;
}

// "Kassym-Jomart" against "Kasymzhomart": the key of a joined spelling equals the parts run together.
function joinedSimilarity(few: string[], many: string[]): number {
  if (many.length > 4) return 0;
  const target = few.join("");
  let best = 0;
  for (const order of permutations(many)) best = Math.max(best, tokenSimilarity(target, order.join("")));
  return best;
}

/** Skeleton-to-skeleton similarity, token-set aware (word order and an extra name part matter little). */
export function skeletonSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const left = a.split(" ");
  const right = b.split(" ");
  const [few, many] = left.length <= right.length ? [left, right] : [right, left];
  const best = few.map((token) => Math.max(...many.map((other) => tokenSimilarity(token, other))));
  const mean = best.reduce((sum, value) => sum + value, 0) / best.length;
  // One clearly different part (Yerbol Akhmetov / Yerlan Akhmetov) makes a different person.
  const worst = Math.min(...best);
  // A query of one name part fully found in a longer name is a strong but not perfect match.
  const coverage = 0.85 + 0.15 * (few.length / many.length);
  const tokenSet = ((mean + worst) / 2) * coverage;
  const joined = few.length < many.length ? joinedSimilarity(few, many) : 0;
  return Math.max(tokenSet, joined, trigramSimilarity(a, b));
}

/** How alike two names are, whatever script or romanisation each is written in (0..1). */
export function nameSimilarity(a: string, b: string): number {
  return skeletonSimilarity(skeletonKey(a), skeletonKey(b));
}

export function namesMatch(a: string, b: string, threshold = NAME_MATCH_THRESHOLD): boolean {
  return nameSimilarity(a, b) >= threshold;
}
