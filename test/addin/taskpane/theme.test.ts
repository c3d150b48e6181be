import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contrastRatio, parseHexColor, type Rgb } from "../../../shared/color/contrast";
import {
  DEFAULT_DARK,
  DEFAULT_LIGHT,
  hostColours,
  themeCss,
  themeRules,
  type HostColours,
} from "../../../addin/taskpane/theme";

const rgb = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)) as fc.Arbitrary<Rgb>;
const hex = (v: string | undefined) => parseHexColor(v ?? "")!;

/** Every text colour of every rule against the background it is drawn on, below 4.5:1. */
function below(colours: HostColours): string[] {
  const bad: string[] = [];
  const check = (what: string, fg: string | undefined, bg: string | undefined) => {
    const r = contrastRatio(hex(fg), hex(bg));
    if (r < 4.5) bad.push(`${what}: ${fg} on ${bg} is ${r.toFixed(2)}`);
  };
  for (const { selector, vars } of themeRules(colours)) {
    if (selector.startsWith(".badge")) {
      check(selector, vars["--badge-fg"], vars["--badge-bg"]);
      continue;
    }
    const backs = selector === "" ? [vars["--bg"], vars["--panel"]] : [vars["--bg"]];
    for (const back of backs) {
      for (const v of ["--fg", "--muted", "--bad", "--warn", "--info", "--ok", "--accent", "--link"]) {
        check(`${selector || "body"} ${v}`, vars[v], back);
      }
    }
    check(`${selector || "body"} --accent-fg`, vars["--accent-fg"], vars["--accent"]);
    if (selector === "") {
      check("control --control-fg", vars["--control-fg"], vars["--control-bg"]);
      check("control --control-muted", vars["--control-muted"], vars["--control-bg"]);
    }
  }
  return bad;
}

describe("the pane's colours from Office's theme", () => {
  it("reach 4.5:1 for every text in the defaults and in Office's four themes", () => {
    const office = [
      ["#e6e6e6", "#444444", "#fdfdfd", "#444444"],
      ["#ffffff", "#444444", "#fdfdfd", "#444444"],
      ["#6a6a6a", "#f0f0f0", "#d4d4d4", "#262626"],
      ["#262626", "#ffffff", "#363636", "#ffffff"],
    ].map(([bodyBg, bodyFg, controlBg, controlFg]) => ({
      bodyBg: hex(bodyBg),
      bodyFg: hex(bodyFg),
      controlBg: hex(controlBg),
      controlFg: hex(controlFg),
    }));
    for (const colours of [DEFAULT_LIGHT, DEFAULT_DARK, ...office]) expect(below(colours)).toEqual([]);
  });

  it("reach 4.5:1 whatever colours a host reports, even a foreground that would not", () => {
    fc.assert(
      fc.property(rgb, rgb, rgb, rgb, (bodyBg, bodyFg, controlBg, controlFg) => {
        expect(below({ bodyBg, bodyFg, controlBg, controlFg })).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps the host's backgrounds as they are and scopes every rule", () => {
    const colours = hostColours({
      bodyBackgroundColor: "#1b1a19",
      bodyForegroundColor: "#f3f2f1",
      controlBackgroundColor: "#252423",
      controlForegroundColor: "#f3f2f1",
      isDarkTheme: true,
    })!;
    const css = themeCss(colours, ":root[data-office-theme]");
    expect(css).toContain(":root[data-office-theme] { --bg: #1b1a19;");
    expect(css).toContain("--control-bg: #252423;");
    expect(css).toContain(":root[data-office-theme] .warning, :root[data-office-theme] .confirm {");
    expect(css.split("\n").every((line) => line.startsWith(":root[data-office-theme]"))).toBe(true);
  });

  it("takes no theme when the host gives none, and the defaults when it gives only dark or light", () => {
    expect(hostColours(undefined)).toBeNull();
    expect(hostColours({})).toBeNull();
    expect(hostColours({ isDarkTheme: true })).toEqual(DEFAULT_DARK);
    expect(hostColours({ bodyBackgroundColor: "not a colour", isDarkTheme: false })).toEqual(DEFAULT_LIGHT);
  });
});
