/**
 * The words a search finds documents by, made the same way for what is stored and what is asked,
 * on every adapter: folded (compatibility decomposition, combining marks removed, lowercase, so
 * "Müller", "MULLER" and "muller" fold alike), then cut into runs of letters and digits.
 */

/** Most words one search may hold: each is a prefix lookup of its own. */
export const MAX_SEARCH_WORDS = 16;
/** Longest search text accepted, in UTF-16 code units. */
export const MAX_SEARCH_LENGTH = 1000;

const COMBINING_MARKS = /\p{M}+/gu;
/** Letters and digits, where an apostrophe or a hyphen between two runs keeps them one word (O'Brien, Jean-Pierre). */
const STORED_WORD = /[\p{L}\p{N}]+(?:['\u2019\u2010\u2011-][\p{L}\p{N}]+)*/gu;
const JOINERS = /['\u2019\u2010\u2011-]/u;
const ASKED_WORD = /[\p{L}\p{N}]+/gu;

/** Latin letters that no decomposition takes apart, written as people type them without the key for it. */
const UNDECOMPOSED: Readonly<Record<string, string>> = { ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ı: 'i', ŀ: 'l', æ: 'ae', œ: 'oe', ß: 'ss', þ: 'th', ð: 'd' };
const UNDECOMPOSED_LETTER = new RegExp(`[${Object.keys(UNDECOMPOSED).join('')}]`, 'gu');

const ASCII = /^[\x00-\x7f]*$/;

/**
 * NFKD also folds compatibility forms (ligatures, full-width letters) that NFD leaves apart. Plain ASCII,
 * most names and every e-mail address, has nothing to decompose: it is only lowercased.
 */
export const foldText = (text: string): string =>
  ASCII.test(text)
    ? text.toLowerCase()
    : text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replace(UNDECOMPOSED_LETTER, (letter) => UNDECOMPOSED[letter]);

/**
 * The words of a stored text: "anne-marie@acme-corp.nl" gives anne, marie, annemarie, acme, corp,
 * acmecorp and nl. Joined forms are kept beside their parts so "obrien" finds O'Brien and "obri"
 * does too; a phone in E.164 ("+31201234567") is one word of digits.
 */
export function storedWords(text: string): string[] {
  const words: string[] = [];
  const folded = foldText(text);
  STORED_WORD.lastIndex = 0;
  for (let match = STORED_WORD.exec(folded); match !== null; match = STORED_WORD.exec(folded)) {
    const run = match[0];
    if (!JOINERS.test(run)) {
      words.push(run);
      continue;
    }
    const parts = run.split(JOINERS);
    words.push(...parts, parts.join(''));
  }
  return words;
}

/** The distinct words of a search text, in the order given: "anne@acme" asks for anne and acme. */
export const askedWords = (text: string): string[] => [...new Set(Array.from(foldText(text).matchAll(ASKED_WORD), ([word]) => word))];
