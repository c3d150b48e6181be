import fc from "fast-check";
import { getDomain } from "tldts";
import { describe, expect, it } from "vitest";
import {
  contentScriptPatterns,
  grantedPatterns,
  hostPermissionPatterns,
  isCovered,
  missingPatterns,
  rulesUrlPattern,
} from "../../../shared/permissions/host-patterns";
import type { Supplier } from "../../../shared/rules/rule-book";
import { exampleFiles, parseObjects } from "../../helpers/rule-files";

const supplier = (id: string, domains: { host: string; pathPrefix?: string }[]): Supplier =>
  ({ id, name: id, domains: domains.map((d) => ({ ...d, text: d.host })) }) as unknown as Supplier;

describe("host permissions for a rule book", () => {
  it("asks for every supplier domain and its subdomains, deduplicated and sorted", () => {
    const book = {
      suppliers: [
        supplier("b", [{ host: "shop.example.com" }, { host: "dell.com" }]),
        supplier("a", [{ host: "dell.com", pathPrefix: "/outlet" }, { host: "localhost" }]),
      ],
    };
    expect(hostPermissionPatterns(book)).toEqual([
      "*://*.dell.com/*",
      "*://*.shop.example.com/*",
      "*://dell.com/*",
      "*://localhost/*",
      "*://shop.example.com/*",
    ]);
  });

  it("leaves out every host the rule book must not name, and keeps the others", () => {
    // Built directly, as a rule book that never went through validation would be.
    const hostile = [
      "com",
      "co.uk",
      "github.io",
      "myshopify.com",
      "blogspot.com",
      "s3.amazonaws.com",
      "*.",
      "*.dell.com",
      "*",
      ".",
      "",
      ".dell.com",
      "dell..com",
      "127.0.0.1",
      "192.168.1.20",
      "[::1]",
      "::1",
      "dell.com:443",
      "Dell.com",
      "xn--zz.com",
      `${"a".repeat(64)}.com`,
      `${"a.".repeat(127)}com`,
    ];
    const book = {
      suppliers: [
        supplier(
          "hostile",
          hostile.map((host) => ({ host })),
        ),
        supplier("acme", [{ host: "acme.myshopify.com" }, { host: "acme.github.io", pathPrefix: "/shop" }]),
      ],
    };
    const expected = [
      "*://*.acme.github.io/*",
      "*://*.acme.myshopify.com/*",
      "*://acme.github.io/*",
      "*://acme.myshopify.com/*",
    ];
    expect(hostPermissionPatterns(book)).toEqual(expected);
    expect(contentScriptPatterns(book)).toEqual([
      "*://*.acme.github.io/shop*",
      "*://*.acme.myshopify.com/*",
      "*://acme.github.io/shop*",
      "*://acme.myshopify.com/*",
    ]);
  });

  it("never asks for more than one registrable domain per entry, whatever the rule book holds", () => {
    // Hostile hosts put together from public suffixes (ICANN and private), wildcards, empty labels,
    // IP-like and over-long labels, ports and odd characters; built directly, bypassing validation.
    const piece = fc.constantFrom(
      "com",
      "uk",
      "co",
      "jp",
      "io",
      "github",
      "myshopify",
      "blogspot",
      "s3",
      "amazonaws",
      "appspot",
      "kawasaki",
      "city",
      "ck",
      "www",
      "dell",
      "acme",
      "*",
      "",
      "127",
      "0x7f",
      "1",
      "xn--bcher-kva",
      "xn--zz",
      "-a",
      "a-",
      "a_b",
      "A",
      "a:443",
      "[::1]",
      "localhost",
      "a".repeat(64),
    );
    const hostArb = fc.array(piece, { minLength: 1, maxLength: 5 }).map((labels) => labels.join("."));
    const bookArb = fc.array(fc.array(hostArb, { maxLength: 4 }), { maxLength: 4 }).map((lists) => ({
      suppliers: lists.map((hosts, i) =>
        supplier(
          `s${i}`,
          hosts.map((host) => ({ host })),
        ),
      ),
    }));
    let asked = 0;
    fc.assert(
      fc.property(bookArb, (book) => {
        const patterns = [...hostPermissionPatterns(book), ...contentScriptPatterns(book)];
        for (const pattern of patterns) expect(patternHostProblem(pattern), pattern).toBeUndefined();
        asked += patterns.length;
      }),
      { numRuns: 2000 },
    );
    // The generated rule books hold good hosts too ("www.dell.com", "acme.github.io"): they are asked for.
    expect(asked).toBeGreaterThan(100);
  });

  it("registers the content script only under a domain's path prefix", () => {
    const book = { suppliers: [supplier("amazon", [{ host: "amazon.com", pathPrefix: "/business/" }])] };
    expect(contentScriptPatterns(book)).toEqual(["*://*.amazon.com/business*", "*://amazon.com/business*"]);
    expect(hostPermissionPatterns(book)).toEqual(["*://*.amazon.com/*", "*://amazon.com/*"]);
  });

  it("covers the example rule book's suppliers", () => {
    const r = parseObjects(exampleFiles());
    if (!r.ok) throw new Error("example rule book does not load");
    const wanted = hostPermissionPatterns(r.value);
    expect(wanted).toContain("*://*.dell.com/*");
    expect(wanted).toContain("*://quickprint-supplies.example/*");
    expect(new Set(wanted).size).toBe(wanted.length);
    expect(wanted.every((p) => p.startsWith("*://"))).toBe(true);
  });
});

describe("which wanted patterns are granted", () => {
  it("understands wildcards in scheme, host and path", () => {
    expect(isCovered("*://dell.com/*", ["*://*.dell.com/*"])).toBe(true);
    expect(isCovered("*://*.www.dell.com/*", ["*://*.dell.com/*"])).toBe(true);
    expect(isCovered("*://notdell.com/*", ["*://*.dell.com/*"])).toBe(false);
    expect(isCovered("*://dell.com/*", ["https://dell.com/*"])).toBe(false);
    expect(isCovered("*://dell.com/*", ["https://dell.com/*", "http://dell.com/*"])).toBe(true);
    expect(isCovered("*://amazon.com/business*", ["*://amazon.com/*"])).toBe(true);
    expect(isCovered("*://amazon.com/*", ["*://amazon.com/business*"])).toBe(false);
    expect(isCovered("*://x.example/*", ["<all_urls>"])).toBe(true);
    expect(isCovered("*://x.example/*", ["*://*/*"])).toBe(true);
    expect(isCovered("garbage", ["<all_urls>"])).toBe(false);
  });

  it("lists what is missing, and what may be registered, in the order wanted", () => {
    const wanted = ["*://*.dell.com/*", "*://dell.com/*", "*://*.hp.com/*", "*://hp.com/*"];
    const granted = ["*://*.dell.com/*", "https://hp.com/*"];
    expect(missingPatterns(wanted, granted)).toEqual(["*://*.hp.com/*", "*://hp.com/*"]);
    expect(grantedPatterns(wanted, granted)).toEqual(["*://*.dell.com/*", "*://dell.com/*"]);
    expect(missingPatterns(wanted, [])).toEqual(wanted);
  });

  it("names the rules server's host without port", () => {
    expect(rulesUrlPattern("https://rules.example.com:8443/a/rules.json?x=1")).toBe(
      "https://rules.example.com/*",
    );
    expect(rulesUrlPattern("http://127.0.0.1:9999/rules.json")).toBe("http://127.0.0.1/*");
    expect(rulesUrlPattern("ftp://x/")).toBeNull();
    expect(rulesUrlPattern("nope")).toBeNull();
  });
});

/**
 * Why a pattern's host is broader than one registrable domain, judged without the code under test:
 * the Public Suffix List as tldts has it, with private suffixes, and what a match pattern host is.
 */
function patternHostProblem(pattern: string): string | undefined {
  const m = /^\*:\/\/(\*\.)?([^/]+)\/.*$/.exec(pattern);
  if (!m) return "not a match pattern";
  const host = m[2]!;
  if (host === "localhost") return m[1] === undefined ? undefined : "subdomains of localhost";
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) || host.length > 253) return "not a host name";
  if (host.split(".").some((l) => l.length > 63 || l.startsWith("-") || l.endsWith("-"))) return "bad label";
  if (/^\d+$/.test(host.split(".").at(-1)!)) return "an IP address";
  // What a browser makes of it (IDNA: an xn-- label must decode): the same host, or it is refused.
  const url = `http://${host}/`;
  if ((URL.canParse(url) ? new URL(url).hostname : null) !== host) return "not a host a browser takes as is";
  const registrable = getDomain(host, { allowPrivateDomains: true });
  if (registrable === null) return "a public suffix";
  return host === registrable || host.endsWith(`.${registrable}`)
    ? undefined
    : "outside its registrable domain";
}
