/*
 * JSON.parse keeps the last of two equal keys in an object and says nothing, so a rule file with
 * "amount" twice would apply whichever an editor happened to write last. No maintained JSON library
 * reports duplicates as fast as the rule-book load needs (within a few times JSON.parse for 10,000
 * suppliers), so this is a small scanner of our own. It reads text that JSON.parse has already
 * accepted, so it only has to find strings, keys and brackets, not to validate.
 *
 * Most files have no duplicate, and that is proved without the scanner: every key in the text is a
 * quote followed (after any white space) by a colon, so when the text has no more such colons than
 * the parsed value has keys, no key was dropped. A string value that holds `":` only sends the file
 * to the scanner.
 */

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
/** Objects with more keys than this are checked with a Set rather than by comparing each pair. */
const SMALL_OBJECT = 16;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Whether `text`, which JSON.parse read as `parsed`, may hold a key written twice: false is certain,
 * true sends it to {@link duplicateKeyPath}.
 */
export function mayHaveDuplicateKeys(text: string, parsed: unknown): boolean {
  // Every key is a closing quote, maybe white space, then a colon; count the colons that follow a quote.
  let keyColons = 0;
  for (let at = text.indexOf(":"); at !== -1; at = text.indexOf(":", at + 1)) {
    let before = at - 1;
    while (isSpace(text.charCodeAt(before))) before--;
    if (text.charCodeAt(before) === QUOTE) keyColons++;
  }
  return keyColons !== keyCount(parsed);
}

/** Keys of every object in a parsed JSON value. */
function keyCount(value: unknown): number {
  if (typeof value !== "object" || value === null) return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += keyCount(item);
    return count;
  }
  for (const key in value) {
    count += 1 + keyCount((value as Record<string, unknown>)[key]);
  }
  return count;
}

/**
 * The path (keys and list indexes) of the first key that appears twice in one object of a JSON text
 * that `JSON.parse` accepts, ending with that key; `null` when every object's keys differ. Keys are
 * compared as JSON reads them, so `"a"` and `"\u0061"` are the same key.
 */
export function duplicateKeyPath(text: string): (string | number)[] | null {
  const keys: string[] = [];
  // One entry per open object or list: where its keys start in `keys`, whether it is a list, its
  // current index when it is, and a Set of its keys once it is large.
  const keysAt: number[] = [];
  const isList: boolean[] = [];
  const index: number[] = [];
  const sets: (Set<string> | null)[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let end = text.indexOf('"', i + 1);
      for (;;) {
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
        if ((backslashes & 1) === 0) break;
        end = text.indexOf('"', end + 1);
      }
      let next = end + 1;
      while (isSpace(text.charCodeAt(next))) next++;
      if (text.charCodeAt(next) === COLON) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
        const top = keysAt.length - 1;
        const start = keysAt[top]!;
        let set = sets[top]!;
        let seen = false;
        if (set !== null) seen = set.has(key);
        else {
          for (let k = start; k < keys.length; k++) {
            if (keys[k] === key) {
              seen = true;
              break;
            }
          }
          if (keys.length - start >= SMALL_OBJECT) sets[top] = set = new Set(keys.slice(start));
        }
        if (seen) return pathTo(key, keys, keysAt, isList, index);
        keys.push(key);
        set?.add(key);
        i = next + 1;
        continue;
      }
      i = end + 1;
      continue;
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      keysAt.push(keys.length);
      isList.push(c === OPEN_ARRAY);
      index.push(0);
      sets.push(null);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      keys.length = keysAt.pop()!;
      isList.pop();
      index.pop();
      sets.pop();
    } else if (c === COMMA && isList[isList.length - 1] === true) {
      index[index.length - 1]!++;
    }
    i++;
  }
  return null;
}

/** The path from the top to `key` in the innermost open object. */
function pathTo(
  key: string,
  keys: readonly string[],
  keysAt: readonly number[],
  isList: readonly boolean[],
  index: readonly number[],
): (string | number)[] {
  const path: (string | number)[] = [];
  for (let f = 0; f < keysAt.length - 1; f++) {
    // An object's current key is the last one read before the next container opened.
    path.push(isList[f] ? index[f]! : keys[keysAt[f + 1]! - 1]!);
  }
  path.push(key);
  return path;
}
