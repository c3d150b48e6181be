/**
 * WCAG 2 contrast maths for picking text colours: relative luminance, contrast ratio, mixing, and
 * the nearest colour that reaches a ratio. Written here rather than taken from a package because
 * the formula is a few fixed lines of the WCAG definition and the search (`ensureContrast`,
 * `softest`) is what the pane needs; no package does both.
 *
 * https://www.w3.org/TR/WCAG22/#dfn-relative-luminance
 * https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio
 */

/** An sRGB colour, each channel 0–255. */
export type Rgb = readonly [number, number, number];

/** WCAG 2 AA for normal-size text. */
export const AA_TEXT = 4.5;

export const BLACK: Rgb = [0, 0, 0];
export const WHITE: Rgb = [255, 255, 255];

/** `#rgb` or `#rrggbb` (as Office reports theme colours); null for anything else. */
export function parseHexColor(text: string): Rgb | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim());
  if (!m) return null;
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join("") : m[1]!;
  return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as unknown as Rgb;
}

export function toHex(c: Rgb): string {
  return `#${c.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
}

function linear(channel: number): number {
  const s = channel / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(c: Rgb): number {
  return 0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2]);
}

/** From 1 (same luminance) to 21 (black on white); symmetric. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** `a` moved a share `t` (0–1) of the way to `b`, rounded to whole channels. */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * t)) as unknown as Rgb;
}

const worst = (c: Rgb, backgrounds: readonly Rgb[]) =>
  Math.min(...backgrounds.map((b) => contrastRatio(c, b)));

/** True when the background is dark: white text stands out more on it than black. */
export function isDark(bg: Rgb): boolean {
  return contrastRatio(bg, WHITE) > contrastRatio(bg, BLACK);
}

/**
 * `color` itself when it reaches `min` against every background; otherwise the least change of it
 * towards black or white (whichever stands out more) that does. On any single background one of
 * black and white reaches 4.58:1, so AA is always reachable there.
 */
export function ensureContrast(color: Rgb, backgrounds: readonly Rgb[], min = AA_TEXT): Rgb {
  if (worst(color, backgrounds) >= min) return color;
  const extreme = worst(WHITE, backgrounds) > worst(BLACK, backgrounds) ? WHITE : BLACK;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 20; i++) {
    const t = (lo + hi) / 2;
    if (worst(mix(color, extreme, t), backgrounds) >= min) hi = t;
    else lo = t;
  }
  return mix(color, extreme, hi);
}

/**
 * The softest version of `fg` (mixed towards `bg` by at most `most`) that still reaches `min`
 * against every background: muted text that stays readable.
 */
export function softest(fg: Rgb, bg: Rgb, backgrounds: readonly Rgb[], min = AA_TEXT, most = 0.45): Rgb {
  const base = ensureContrast(fg, backgrounds, min);
  let lo = 0;
  let hi = most;
  if (worst(mix(base, bg, hi), backgrounds) >= min) return mix(base, bg, hi);
  for (let i = 0; i < 20; i++) {
    const t = (lo + hi) / 2;
    if (worst(mix(base, bg, t), backgrounds) >= min) lo = t;
    else hi = t;
  }
  return mix(base, bg, lo);
}
