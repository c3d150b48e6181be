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
        supplier("a", [{ host: "dell.com", pathPrefix: "/outlet" }, { host: "127.0.0.1" }]),
      ],
    };
    expect(hostPermissionPatterns(book)).toEqual([
      "*://*.dell.com/*",
      "*://*.shop.example.com/*",
      "*://127.0.0.1/*",
      "*://dell.com/*",
      "*://shop.example.com/*",
    ]);
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
