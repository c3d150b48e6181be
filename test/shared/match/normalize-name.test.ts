import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asciiTokens, normalizeName, unicodeTokens } from "../../../shared/match/normalize-name";

describe("normalizeName", () => {
  it.each([
    "Dell Inc.",
    "DELL INC",
    "Dell, Inc.",
    "Dell Incorporated",
    "Dell Corp.",
    "Dell Corporation",
    "Dell Co",
    "Dell L.P.",
    "Dell LLC",
    "Dell L.L.C.",
    "Dell Ltd",
    "Dell Limited",
    "Dell GmbH",
    "Dell S.A.",
    "Dell S. A.",
    "Dell SAS",
    "Dell S.A.S.",
    "Dell B.V.",
    "Dell B V",
    "Dell plc",
    "Dell Pty Ltd",
    "Dell Pty. Ltd.",
    "Dell AG",
    "Dell N.V.",
    "Dell LLP",
    "Dell S.p.A.",
    "Dell S.r.l.",
    "Dell Oy",
    "Dell AB",
    "Dell KK",
    "Dell Company",
    "Dell GmbH & Co. KG",
    "Dell Sp. z o.o.",
    "The Dell Company",
    "  dell  ",
    "DELL™",
    "ＤＥＬＬ Inc",
  ])("%j is dell", (name) => {
    expect(normalizeName(name)).toBe("dell");
  });

  it.each([
    ["O'Brien & Sons", "obrien and sons"],
    ["O’Brien Supply", "obrien supply"],
    ["AT&T Inc.", "at and t"],
    ["Procter & Gamble Co", "procter and gamble"],
    ["Smith & Co.", "smith"],
    ["Müller Straße GmbH", "muller strasse"],
    ["Æble Øst Łódź", "aeble ost lodz"],
    ["Société Générale S.A.", "societe generale"],
    ["W.W. Grainger, Inc.", "ww grainger"],
    ["W W GRAINGER INC", "ww grainger"],
    ["WW Grainger", "ww grainger"],
    ["AMAZON.COM SERVICES LLC", "amazon com services"],
    ["Thermo-Fisher Scientific", "thermo fisher scientific"],
    ["Lenovo (United States) Inc.", "lenovo united states"],
    ["Cemex S.A.B. de C.V.", "cemex"],
    ["Plan B S.A.", "plan b"],
    ["3M Company", "3m"],
    ["7 Eleven Inc", "7 eleven"],
    ["Kantoorhuis B.V.", "kantoorhuis"],
    ["Consolidated Edison Company of New York, Inc.", "consolidated edison company of new york"],
  ])("%j → %j", (name, expected) => {
    expect(normalizeName(name)).toBe(expected);
  });

  it("never strips a name down to nothing", () => {
    expect(normalizeName("Co")).toBe("co");
    expect(normalizeName("The Company")).toBe("company");
    expect(normalizeName("Inc.")).toBe("inc");
    expect(normalizeName("L.L.C.")).toBe("llc");
    expect(normalizeName("The")).toBe("the");
    expect(normalizeName("Company Limited")).toBe("company");
  });

  it("gives an empty string only for names without letters or digits", () => {
    expect(normalizeName("")).toBe("");
    expect(normalizeName(" - & ")).toBe("and");
    expect(normalizeName(".,;")).toBe("");
  });

  it("keeps names in other scripts", () => {
    expect(normalizeName("Яндекс ООО")).toBe("яндекс ооо");
    expect(normalizeName("株式会社 東芝")).not.toBe("");
  });

  it("gives plain words: lower case, single spaces, no punctuation, no leading 'the'", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (name) => {
        const out = normalizeName(name);
        expect(out).toBe(out.trim());
        expect(out).not.toMatch(/ {2}|[^\p{L}\p{N} ]|\p{Lu}/u);
        if (out.includes(" ")) expect(out.startsWith("the ")).toBe(false);
        if (/[a-z0-9]/i.test(name)) expect(out).not.toBe("");
      }),
    );
  });

  it("is idempotent", () => {
    const messy = fc.stringMatching(/^[A-Za-z&.,'’ -]{0,30}( (Inc|Ltd|S\.A\.|B V|Co|GmbH & Co\. KG))?$/);
    fc.assert(
      fc.property(fc.oneof(messy, fc.string({ unit: "grapheme", maxLength: 30 })), (name) => {
        const once = normalizeName(name);
        expect(normalizeName(once)).toBe(once);
      }),
    );
  });
});

describe("the ASCII fast path", () => {
  it("splits every ASCII name into the same words as the general path", () => {
    const ascii = fc.string({
      unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)),
      maxLength: 40,
    });
    fc.assert(
      fc.property(
        fc.oneof(ascii, fc.constantFrom("AT&T", "O'Brien & Sons, L.L.C.", "W. W. Grainger, Inc.", "`Acme`")),
        (name) => {
          expect(asciiTokens(name)).toEqual(unicodeTokens(name));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("leaves names with other characters to the general path", () => {
    expect(asciiTokens("Bücher GmbH")).toBeUndefined();
  });
});
