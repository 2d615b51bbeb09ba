// Proves that every rulebook entry quotes its seed document verbatim: the quote must occur,
// character for character, in the seed file the rulebook names. No normalisation is applied,
// because a quote that only matches after tidying is not the sentence of the source.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rulebook } from './rulebook.js';

export interface QuoteProblem {
  rulebook: string;
  rule: string;
  seed: string;
  /** `missing_seed`: the seed file is not in the folder; `quote_not_found`: not verbatim. */
  code: 'missing_seed' | 'quote_not_found';
  quote: string;
}

export interface QuoteReport {
  checked: number;
  problems: QuoteProblem[];
}

export function verifyQuotes(rulebooks: readonly Rulebook[], seedDir: string): QuoteReport {
  const problems: QuoteProblem[] = [];
  let checked = 0;
  const seedText = new Map<string, string | null>();
  for (const book of rulebooks) {
    if (!seedText.has(book.seed)) {
      const path = join(seedDir, book.seed);
      seedText.set(book.seed, existsSync(path) ? readFileSync(path, 'utf8') : null);
    }
    const text = seedText.get(book.seed) ?? null;
    for (const entry of book.rules) {
      checked += 1;
      const base = { rulebook: book.id, rule: entry.rule, seed: book.seed, quote: entry.quote };
      if (text === null) problems.push({ ...base, code: 'missing_seed' });
      else if (!text.includes(entry.quote)) problems.push({ ...base, code: 'quote_not_found' });
    }
  }
  return { checked, problems };
}
