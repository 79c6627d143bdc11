// Finds anime in the catalogue from a few typed letters, in memory, in well under a millisecond.
// MiniSearch does the matching (prefixes, typos by edit distance, any word order); this file
// decides what counts as the same word and how results are ranked: a name that is exactly what
// was typed, then names that start with it, then names whose words start with the typed words
// in any order; within each, the more popular anime first. Looser matches (typos) are offered
// only when nothing matches as typed, by how close they are, weighed by popularity.
import MiniSearch, { type SearchResult } from 'minisearch';
import type { CatalogueEntry } from '../domain/media.ts';

export interface CatalogueIndex {
  readonly size: number;
  /** The best matches first, at most `limit`. */
  search(text: string, limit: number): CatalogueEntry[];
  /** The best match when one of its names is exactly what was typed; else undefined. */
  closeMatch(text: string): CatalogueEntry | undefined;
}

interface Document {
  id: number;
  /** Every name, word by word. */
  words: string;
  /** Every name with its spaces and punctuation taken out, one per line: "oshinoko", "drstone". */
  joined: string;
}

const NAME_SEPARATOR = '\n';
const NON_WORD = /[^\p{L}\p{N}]+/u;
// Japanese and Chinese titles have no spaces: their names are also indexed from every position,
// so a search can start in the middle ("フリーレン" finds "葬送のフリーレン").
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const MAX_SUFFIXES = 40;

/**
 * One spelling for what members type in many ways: accents and case dropped, full-width letters
 * made plain, and romaji long vowels shortened ("Kaijuu" and "Kaiju", "Boushi" and "Boshi").
 */
export function fold(text: string): string {
  let folded = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  // Until nothing changes, so that folding twice gives what folding once gave ("ouu").
  for (let previous = ''; previous !== folded;) {
    previous = folded;
    folded = folded.replace(/o[ou]/g, 'o').replace(/uu/g, 'u');
  }
  return folded;
}

function words(text: string): string[] {
  return fold(text).split(NON_WORD).filter(Boolean);
}

function namesOf(entry: CatalogueEntry): string[] {
  return [entry.title.romaji, entry.title.english, entry.title.native, ...entry.synonyms].filter((name): name is string => Boolean(name));
}

function suffixes(term: string): string[] {
  if (!UNSPACED_SCRIPT.test(term)) return [term];
  const characters = [...term];
  return characters.slice(0, MAX_SUFFIXES).map((_, start) => characters.slice(start).join(''));
}

// Edit distance allowed per typed word: none for short words (too many near neighbours), one
// or two for longer ones.
function typoAllowance(term: string): number {
  if (term.length < 4) return 0;
  return term.length < 7 ? 1 : 2;
}

type MatchClass = 4 | 3 | 2 | 1;

/** An entry's names as the index spells them, worked out once when the index is built. */
interface FoldedName {
  words: string[];
  joined: string;
}

function matchClass(names: readonly FoldedName[], typedWords: readonly string[], typedJoined: string): MatchClass {
  let best: MatchClass = 1;
  for (const name of names) {
    if (name.joined === typedJoined) return 4;
    if (name.joined.startsWith(typedJoined)) best = 3;
    else if (best < 2 && typedWords.every((typed) => name.words.some((word) => word.startsWith(typed)))) best = 2;
  }
  return best;
}

export function buildCatalogueIndex(entries: readonly CatalogueEntry[]): CatalogueIndex {
  const byId = new Map(
    entries.map((entry) => {
      const names = namesOf(entry).map((name) => {
        const nameWords = words(name);
        return { words: nameWords, joined: nameWords.join('') };
      });
      return [entry.mediaId, { entry, names }];
    }),
  );
  const index = new MiniSearch<Document>({
    fields: ['words', 'joined'],
    tokenize: (text, field) => (field === 'joined' ? text.split(NAME_SEPARATOR) : text.split(NON_WORD)),
    processTerm: (term) => {
      const folded = fold(term).trim();
      return folded ? suffixes(folded) : null;
    },
    searchOptions: { processTerm: (term) => fold(term).trim() || null },
  });
  index.addAll(
    [...byId.values()].map(({ entry, names }) => ({
      id: entry.mediaId,
      words: namesOf(entry).join(' '),
      joined: names.map((name) => name.joined).join(NAME_SEPARATOR),
    })),
  );

  function matches(typedWords: string[], typedJoined: string): SearchResult[] {
    const strict = index.search({
      combineWith: 'OR',
      queries: [
        { queries: [typedWords.join(' ')], fields: ['words'], combineWith: 'AND', prefix: true, fuzzy: (term) => typoAllowance(term) },
        { queries: [typedJoined], fields: ['joined'], prefix: true, fuzzy: (term) => typoAllowance(term) },
      ],
    });
    if (strict.length > 0 || typedWords.length < 2) return strict;
    // A word that matches nothing (a typo too far, a word the title lacks) should not hide the
    // anime the other words find.
    return index.search(typedWords.join(' '), { fields: ['words'], combineWith: 'OR', prefix: true, fuzzy: (term) => typoAllowance(term) });
  }

  function ranked(text: string): { entry: CatalogueEntry; rank: MatchClass }[] {
    const typedWords = words(text);
    const typedJoined = typedWords.join('');
    if (!typedJoined) return [];
    const found = matches(typedWords, typedJoined).map((result) => {
      const { entry, names } = byId.get(result.id as number)!;
      const rank = matchClass(names, typedWords, typedJoined);
      return { entry, rank, closeness: rank === 1 ? result.score * Math.log10(10 + entry.popularity) : 0 };
    });
    // Typo matches help only when nothing matches as typed: next to real matches they are noise
    // ("sousou" is one letter from "solo").
    const asTyped = found.some((result) => result.rank > 1);
    return found
      .filter((result) => !asTyped || result.rank > 1)
      .sort((a, b) => b.rank - a.rank || b.closeness - a.closeness || b.entry.popularity - a.entry.popularity || a.entry.mediaId - b.entry.mediaId);
  }

  return {
    get size() {
      return byId.size;
    },
    search: (text, limit) =>
      ranked(text)
        .slice(0, limit)
        .map(({ entry }) => entry),
    closeMatch(text) {
      const [best] = ranked(text);
      return best && best.rank === 4 ? best.entry : undefined;
    },
  };
}
