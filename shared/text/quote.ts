/*
 * Every message that echoes what a user or a page wrote goes through here, so one bad cell, a pasted
 * page or a hostile rule file cannot flood a message, and control characters cannot rewrite a
 * terminal or reorder what a reader sees (bidirectional overrides, "Trojan Source").
 */

/** How much of a value a message shows. */
export const MAX_SHOWN = 80;

/** C0 and C1 control characters and DEL, and the invisible marks that change text direction. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same, less tab and line feed, which a terminal shows as layout. */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves as they are: C1 controls and direction marks. */
const UNESCAPED_BY_JSON = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

function clip(text: string, max: number): string {
  // Cut on a code point, never inside a surrogate pair.
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 1] ?? "") ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

/**
 * A value quoted for a message: at most `max` characters (then "…"), in double quotes, with control
 * characters and direction marks shown as `\u001b`-style escapes, e.g. `"De\u001b[31mll"`.
 */
export function quoteText(text: string, max = MAX_SHOWN): string {
  return JSON.stringify(clip(text, max)).replace(UNESCAPED_BY_JSON, hex);
}

/** A value shown without quotes: control characters and direction marks removed, at most `max` characters. */
export function clipText(text: string, max = MAX_SHOWN): string {
  return clip(text.replace(CONTROL, ""), max);
}

/**
 * Text for a terminal: every control character and direction mark removed except tab and line feed,
 * so nothing printed can move the cursor, change colours, clear the screen or reorder a line.
 */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL_BUT_LAYOUT, "");
}
