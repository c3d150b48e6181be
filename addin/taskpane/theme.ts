import {
  AA_TEXT,
  BLACK,
  contrastRatio,
  ensureContrast,
  isDark,
  mix,
  parseHexColor,
  softest,
  toHex,
  WHITE,
  type Rgb,
} from "../../shared/color/contrast";

/**
 * The pane's colours, derived from the host's so that every text reaches WCAG AA (4.5:1) against
 * what is behind it, whatever theme Office reports. Office gives four colours
 * (https://learn.microsoft.com/en-us/javascript/api/office/office.officetheme): a body pair and a
 * control pair, which need not be alike (Dark Gray reports light controls on a dark body). Every
 * other colour (muted text, errors, warnings, badges, links, the accent) is picked here from a
 * palette for light or dark backgrounds, then moved towards black or white until it reaches the
 * ratio on the background it is drawn on.
 */
export type HostColours = { bodyBg: Rgb; bodyFg: Rgb; controlBg: Rgb; controlFg: Rgb };

/** Used without an Office theme (a browser, an old host): light, and dark when the system is. */
export const DEFAULT_LIGHT: HostColours = {
  bodyBg: [255, 255, 255],
  bodyFg: [36, 36, 36],
  controlBg: [255, 255, 255],
  controlFg: [36, 36, 36],
};
export const DEFAULT_DARK: HostColours = {
  bodyBg: [31, 31, 31],
  bodyFg: [240, 240, 240],
  controlBg: [43, 43, 43],
  controlFg: [240, 240, 240],
};

type Hue = "bad" | "warn" | "info" | "ok" | "accent";
/** Starting points, before the contrast check: dark hues for light backgrounds, light for dark. */
const HUES: Record<"light" | "dark", Record<Hue, Rgb>> = {
  light: {
    bad: [164, 38, 44],
    warn: [138, 80, 0],
    info: [31, 78, 120],
    ok: [14, 112, 14],
    accent: [15, 108, 189],
  },
  dark: {
    bad: [255, 153, 164],
    warn: [242, 198, 97],
    info: [143, 193, 245],
    ok: [159, 216, 159],
    accent: [71, 158, 245],
  },
};

/** A little above 4.5 so a rounding in the browser cannot drop a colour below AA. */
const TARGET = AA_TEXT + 0.1;

const hue = (bg: Rgb, name: Hue): Rgb => HUES[isDark(bg) ? "dark" : "light"][name];

/**
 * CSS custom properties for text drawn on `bg` (and on each of `alsoOn`, for surfaces inside it
 * such as the cards' panel shade): text, muted text, lines, the status hues, links, the accent.
 */
function textVars(bg: Rgb, fg: Rgb, alsoOn: readonly Rgb[] = []): Record<string, string> {
  const on = [bg, ...alsoOn];
  const text = ensureContrast(fg, on, TARGET);
  const accent = ensureContrast(hue(bg, "accent"), on, TARGET);
  const vars: Record<string, string> = {
    "--bg": toHex(bg),
    "--fg": toHex(text),
    "--muted": toHex(softest(text, bg, on, TARGET)),
    "--line": toHex(mix(text, bg, 0.75)),
    "--accent": toHex(accent),
    "--accent-fg": toHex(contrastRatio(accent, WHITE) >= contrastRatio(accent, BLACK) ? WHITE : BLACK),
    "--link": toHex(accent),
    "color-scheme": isDark(bg) ? "dark" : "light",
  };
  for (const name of ["bad", "warn", "info", "ok"] as const) {
    vars[`--${name}`] = toHex(ensureContrast(hue(bg, name), on, TARGET));
  }
  return vars;
}

/** A box tinted with a hue over `bg` (an error, a warning, a badge) and its own text colours. */
function tinted(bg: Rgb, fg: Rgb, name: Hue, strength: number): Record<string, string> {
  const tint = mix(bg, hue(bg, name), strength);
  return { ...textVars(tint, fg), "--edge": toHex(ensureContrast(hue(bg, name), [bg], 3)) };
}

/** One rule of the colour stylesheet: a selector (under the scope) and its custom properties. */
export type ThemeRule = { selector: string; vars: Record<string, string> };

/**
 * The colour rules for `colours`: the body's (with the control colours), the error and warning
 * boxes', and the badges'. Each text colour in a rule is checked against that rule's background.
 */
export function themeRules(colours: HostColours): ThemeRule[] {
  const { bodyBg, bodyFg, controlBg, controlFg } = colours;
  // Cards sit a shade off the body, and text on the body must read on both: lighter on a dark body
  // and darker on a light one, unless that leaves too little room on a mid-tone body, which then
  // takes the shade the other way.
  const ink = isDark(bodyBg) ? WHITE : BLACK;
  const shade = isDark(bodyBg) ? 0.06 : 0.035;
  const usual = mix(bodyBg, ink, shade);
  const panel =
    contrastRatio(ink, usual) >= TARGET + 0.5 ? usual : mix(bodyBg, ink === WHITE ? BLACK : WHITE, shade);
  const body = textVars(bodyBg, bodyFg, [panel]);
  const control = textVars(controlBg, controlFg);
  const controlText = ensureContrast(controlFg, [controlBg], TARGET);
  const rules: ThemeRule[] = [
    {
      selector: "",
      vars: {
        ...body,
        "--panel": toHex(panel),
        "--control-bg": control["--bg"]!,
        "--control-fg": control["--fg"]!,
        "--control-muted": control["--muted"]!,
        // Borders that show where a control is: 3:1 (WCAG 1.4.11), against the control and the body.
        "--control-edge": toHex(ensureContrast(mix(controlText, controlBg, 0.5), [controlBg, bodyBg], 3)),
        "--control-scheme": control["color-scheme"]!,
      },
    },
    { selector: ".error", vars: tinted(bodyBg, bodyFg, "bad", 0.16) },
    { selector: ".warning, .confirm", vars: tinted(bodyBg, bodyFg, "warn", 0.14) },
  ];
  for (const name of ["block", "warn", "info", "ok"] as const) {
    const vars = tinted(bodyBg, bodyFg, name === "block" ? "bad" : name, 0.28);
    const ink = vars[`--${name === "block" ? "bad" : name}`]!;
    rules.push({ selector: `.badge.${name}`, vars: { "--badge-bg": vars["--bg"]!, "--badge-fg": ink } });
  }
  return rules;
}

/**
 * The stylesheet of colours for `colours`, every selector under `scope` (`:root` or a more
 * specific form of it). The layout stylesheet (styles.ts) only uses the variables set here.
 */
export function themeCss(colours: HostColours, scope: string): string {
  return themeRules(colours)
    .map(({ selector, vars }) => {
      const under =
        selector === ""
          ? scope
          : selector
              .split(", ")
              .map((s) => `${scope} ${s}`)
              .join(", ");
      const body = Object.entries(vars)
        .map(([k, v]) => `${k}: ${v};`)
        .join(" ");
      return `${under} { ${body} }`;
    })
    .join("\n");
}

/** Office's theme as colours; null when the host gives none (or none that parse). */
export function hostColours(theme: Partial<Office.OfficeTheme> | undefined): HostColours | null {
  if (!theme) return null;
  // Older hosts documented isDarkTheme as a method; newer ones as a property.
  const dark =
    typeof theme.isDarkTheme === "function" ? (theme.isDarkTheme as () => boolean)() : theme.isDarkTheme;
  const fallback = dark ? DEFAULT_DARK : DEFAULT_LIGHT;
  const bodyBg = parseHexColor(theme.bodyBackgroundColor ?? "");
  if (!bodyBg && dark === undefined) return null;
  const pick = (value: string | undefined, or: Rgb) => parseHexColor(value ?? "") ?? or;
  return {
    bodyBg: bodyBg ?? fallback.bodyBg,
    bodyFg: pick(theme.bodyForegroundColor, fallback.bodyFg),
    controlBg: pick(theme.controlBackgroundColor, fallback.controlBg),
    controlFg: pick(theme.controlForegroundColor, fallback.controlFg),
  };
}

/** The default colours: light, or dark when the system is and no Office theme says otherwise. */
export function defaultThemeCss(): string {
  return `${themeCss(DEFAULT_LIGHT, ":root")}
@media (prefers-color-scheme: dark) {
${themeCss(DEFAULT_DARK, ":root:not([data-office-theme])")}
}`;
}

/**
 * Follows Office's theme where the host exposes it (`Office.context.officeTheme`), read once when
 * the pane starts; elsewhere the default stylesheet follows the system's light or dark setting.
 */
export function applyOfficeTheme(root: HTMLElement = document.documentElement): void {
  const theme = typeof Office !== "undefined" ? Office.context?.officeTheme : undefined;
  const colours = hostColours(theme);
  if (!colours) return;
  root.dataset["officeTheme"] = isDark(colours.bodyBg) ? "dark" : "light";
  const style = root.ownerDocument.createElement("style");
  style.dataset["officeTheme"] = "";
  style.textContent = themeCss(colours, ":root[data-office-theme]");
  root.ownerDocument.head.appendChild(style);
}
