import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildDomainIndex,
  hostHash,
  matchHost,
  matchUrl,
  type DomainIndex,
} from "../../../shared/match/domain-index";
import type { Supplier, SupplierDomain } from "../../../shared/rules/rule-book";
import { exampleSuppliers, supplier } from "./suppliers";

const index = buildDomainIndex([
  ...exampleSuppliers(),
  supplier("amazon-retail", "Amazon.com", { domains: ["amazon.com"] }),
  supplier("books", "Bücher GmbH", { domains: ["bücher.example"] }),
  supplier("shop", "Shop Co", { domains: ["shop.example.com/buy/", "shop.example.com/buy/special"] }),
  supplier("shop-any", "Shop Any", { domains: ["example.com"] }),
  supplier("lab", "Local lab", { domains: ["localhost"] }),
]);

const host = (hostname: string, pathname?: string): string | undefined =>
  matchHost(index, hostname, pathname)?.supplier.id;
const url = (u: string): string | undefined => matchUrl(index, u)?.supplier.id;

describe("matchHost", () => {
  it.each([
    ["dell.com", "dell"],
    ["www.dell.com", "dell"],
    ["a.b.dell.com", "dell"],
    ["dell.co.uk", "dell"],
    ["www.dell.nl", "dell"],
    ["azure.microsoft.com", "microsoft"],
    ["portal.azure.microsoft.com", "microsoft"],
    ["business.amazon.com", "amazon-business"],
    ["eu.business.amazon.com", "amazon-business"],
    ["aws.amazon.com", "aws"],
    ["console.aws.amazon.com", "aws"],
    ["www.amazon.com", "amazon-retail"],
    ["thamesfm.example.co.uk", "thames-facilities"],
  ])("%s → %s", (hostname, expected) => {
    expect(host(hostname)).toBe(expected);
  });

  it.each([
    "notdell.com",
    "dell.com.evil.example",
    "evil-dell.com",
    "dell.co",
    "dell",
    "com",
    "co.uk",
    "other.co.uk",
    "example.co.uk",
    "ell.com",
    "xdell.com",
    "",
    ".",
    "dell.com..",
    "www.dell.com:443",
  ])("%j matches nothing", (hostname) => {
    expect(host(hostname)).toBeUndefined();
  });

  it("ignores upper case and one trailing dot", () => {
    expect(host("WWW.Dell.COM")).toBe("dell");
    expect(host("dell.com.")).toBe("dell");
    expect(host("WWW.DELL.COM.")).toBe("dell");
  });

  it("matches IDN hosts in Unicode or punycode", () => {
    expect(host("bücher.example")).toBe("books");
    expect(host("www.bücher.example")).toBe("books");
    expect(host("WWW.BÜCHER.EXAMPLE")).toBe("books");
    expect(host("xn--bcher-kva.example")).toBe("books");
    expect(host("shop.xn--bcher-kva.example")).toBe("books");
    expect(host("bucher.example")).toBeUndefined();
    expect(host("bü cher.example")).toBeUndefined();
  });

  it("takes the longest matching path prefix, on path-segment boundaries", () => {
    expect(host("amazon.com", "/business")).toBe("amazon-business");
    expect(host("amazon.com", "/business/")).toBe("amazon-business");
    expect(host("amazon.com", "/business/orders/123")).toBe("amazon-business");
    expect(host("www.amazon.com", "/business/orders")).toBe("amazon-business");
    expect(host("amazon.com", "/businessx")).toBe("amazon-retail");
    expect(host("amazon.com", "/")).toBe("amazon-retail");
    expect(host("amazon.com")).toBe("amazon-retail");
    expect(host("amazon.com", "/Business/")).toBe("amazon-retail");

    expect(host("shop.example.com", "/buy")).toBe("shop");
    expect(host("shop.example.com", "/buy/special/x")).toBe("shop");
    expect(matchHost(index, "shop.example.com", "/buy/special/x")?.domain.pathPrefix).toBe("/buy/special");
    expect(matchHost(index, "shop.example.com", "/buy/x")?.domain.pathPrefix).toBe("/buy/");
    // No entry on shop.example.com fits "/buyer": the parent example.com does.
    expect(host("shop.example.com", "/buyer")).toBe("shop-any");
    expect(host("www.example.com", "/buy")).toBe("shop-any");
  });

  it("returns the supplier's domain as written", () => {
    expect(matchHost(index, "www.dell.co.uk")?.domain).toEqual({ host: "dell.co.uk", text: "dell.co.uk" });
  });

  it("matches localhost exactly, never its children", () => {
    expect(host("localhost")).toBe("lab");
    expect(host("dev.localhost")).toBeUndefined();
  });

  it("never indexes a host the rule book must not name, so a page under it matches nothing", () => {
    // Built directly, not parsed: what a rule book that was never validated could hold.
    const raw = (...hosts: string[]): SupplierDomain[] => hosts.map((h) => ({ host: h, text: h }));
    const greedy = buildDomainIndex([
      {
        ...supplier("greedy", "Greedy"),
        domains: raw(
          ...["com", "co.uk", "com.au", "github.io", "myshopify.com", "blogspot.com", "s3.amazonaws.com"],
          ...["*.", "*.dell.com", ".", "", ".dell.com", "dell..com", "192.168.1.20", "10.0.0.1"],
          ...[`${"a".repeat(64)}.example`, `${"a.".repeat(127)}example`],
        ),
      },
      supplier("acme", "Acme", { domains: ["acme.myshopify.com", "acme.github.io"] }),
    ]);
    expect([...greedy.hosts.keys()].sort()).toEqual(["acme.github.io", "acme.myshopify.com"]);
    for (const page of [
      "dell.com",
      "bbc.co.uk",
      "www.example.com.au",
      "attacker.github.io",
      "evil.myshopify.com",
      "someone.blogspot.com",
      "bucket.s3.amazonaws.com",
      "www.dell.com",
      "192.168.1.20",
      "10.0.0.1",
    ]) {
      expect(matchHost(greedy, page), page).toBeUndefined();
    }
    expect(matchHost(greedy, "acme.myshopify.com")?.supplier.id).toBe("acme");
    expect(matchHost(greedy, "www.acme.github.io")?.supplier.id).toBe("acme");
  });

  it("normalises hosts given to it directly, not through the rule book", () => {
    const raw = buildDomainIndex([
      { ...supplier("raw", "Raw"), domains: [{ host: "Bücher.Example.", text: "Bücher.Example." }] },
    ]);
    expect(matchHost(raw, "www.xn--bcher-kva.example")?.supplier.id).toBe("raw");
  });

  it("handles hosts longer than a table bucket", () => {
    const long = `${"a".repeat(60)}.${"b".repeat(40)}.example.com`;
    const other = `${"a".repeat(60)}.${"c".repeat(40)}.example.com`;
    const idx = buildDomainIndex([supplier("long", "Long", { domains: [long] })]);
    expect(matchHost(idx, long)?.supplier.id).toBe("long");
    expect(matchHost(idx, `www.${long}`)?.supplier.id).toBe("long");
    expect(matchHost(idx, other)).toBeUndefined();
    expect(matchHost(idx, long.replace("b.example", "x.example"))).toBeUndefined();
  });

  it("never takes a host for an indexed one with the same hash and length: it compares every character", () => {
    // Pairs found by searching; their hashes are equal (checked here), so only the comparison of
    // characters tells them apart: in the first 48 characters of a bucket, and beyond them.
    const x40 = "x".repeat(40);
    for (const [indexed, lookalike] of [
      ["wzitylcpib.example.com", "ilgfipezef.example.com"],
      ["ebyhclarircb.example.com", "urmpersjmjcl.example.com"], // 24 characters: six whole words
      [`grenmdebqj.${x40}.example.com`, `erutotczsp.${x40}.example.com`],
    ] as const) {
      expect(hostHash(lookalike)).toBe(hostHash(indexed));
      expect(lookalike.length).toBe(indexed.length);
      const idx = buildDomainIndex([supplier("real", "Real", { domains: [indexed] })]);
      expect(matchHost(idx, indexed)?.supplier.id).toBe("real");
      expect(matchHost(idx, `shop.${indexed}`)?.supplier.id).toBe("real");
      expect(matchHost(idx, lookalike)).toBeUndefined();
      expect(matchHost(idx, `shop.${lookalike}`)).toBeUndefined();
    }
  });

  it("keeps the first of duplicate domains", () => {
    const dup = buildDomainIndex([
      supplier("first", "First", { domains: ["dup.example", "dup.example/x"] }),
      supplier("second", "Second", { domains: ["dup.example", "dup.example/x/"] }),
    ]);
    expect(matchHost(dup, "dup.example")?.supplier.id).toBe("first");
    expect(matchHost(dup, "dup.example", "/x/y")?.supplier.id).toBe("first");
  });

  it("agrees with a plain scan of every domain", () => {
    const label = fc.constantFrom("a", "b", "ab", "www", "shop", "xn--bcher-kva", "1");
    // The last label is never a number: URL parsing would make the host an IPv4 address.
    const hostArb = fc
      .tuple(fc.array(label, { maxLength: 3 }), fc.constantFrom("a", "com", "localhost"))
      .map(([ls, last]) => [...ls, last].join("."));
    const pathArb = fc.constantFrom("/", "/x", "/x/", "/x/y", "/xy", "/y");
    // Built directly, not parsed: the index must also cope with what the rule book would reject ("com").
    const domainArb = fc
      .tuple(hostArb, fc.constantFrom(undefined, "/x", "/x/", "/x/y"))
      .map(([h, p]): SupplierDomain =>
        p === undefined ? { host: h, text: h } : { host: h, pathPrefix: p, text: h + p },
      );
    const suppliersArb = fc
      .array(fc.array(domainArb, { maxLength: 3 }), { maxLength: 6 })
      .map((lists) => lists.map((ds, i) => supplierFrom(i, ds)));
    fc.assert(
      fc.property(suppliersArb, hostArb, pathArb, (suppliers, page, path) => {
        const idx = buildDomainIndex(suppliers);
        expect(matchHost(idx, page, path)).toEqual(scan(suppliers, page, path));
      }),
      { numRuns: 500 },
    );
  });
});

describe("matchUrl", () => {
  it.each([
    ["https://www.dell.com/en-us/shop?x=1", "dell"],
    ["http://dell.com", "dell"],
    ["HTTPS://WWW.DELL.COM/", "dell"],
    ["https://dell.com:8443/cart", "dell"],
    ["https://dell.com./", "dell"],
    ["https://user:pass@dell.com/", "dell"],
    ["https://evil.example@dell.com/", "dell"],
    ["https://www.bücher.example/", "books"],
    ["https://xn--bcher-kva.example/", "books"],
    ["https://www.amazon.com/business/orders?ref=x", "amazon-business"],
    ["https://www.amazon.com/businessx", "amazon-retail"],
    ["  https://dell.com/  ", "dell"],
  ])("%s → %s", (u, expected) => {
    expect(url(u)).toBe(expected);
  });

  it.each([
    "https://dell.com@evil.example/",
    "https://dell.com.evil.example/",
    "https://notdell.com/",
    "ftp://dell.com/",
    "file://dell.com/etc/passwd",
    "javascript:alert('dell.com')",
    "data:text/html,dell.com",
    "chrome-extension://dell.com/",
    "dell.com",
    "//dell.com/",
    "not a url",
    "",
    "https://",
  ])("%j matches nothing", (u) => {
    expect(url(u)).toBeUndefined();
  });
});

describe("index shape", () => {
  it("keeps one map entry per host, whatever the number of suppliers", () => {
    const idx: DomainIndex = buildDomainIndex(exampleSuppliers());
    const hosts = exampleSuppliers().flatMap((s) => s.domains.map((d) => d.host));
    expect(idx.hosts.size).toBe(new Set(hosts).size);
    expect(idx.hosts.get("amazon.com")?.prefixed?.map((p) => p.prefix)).toEqual(["/business"]);
  });
});

function supplierFrom(i: number, domains: readonly SupplierDomain[]): Supplier {
  return { ...supplier(`s${i}`, `S${i}`), domains };
}

/** The reference: every domain checked against the page, most specific host, then longest prefix. */
function scan(suppliers: readonly Supplier[], page: string, path: string) {
  let best: { supplier: Supplier; domain: SupplierDomain } | undefined;
  let bestHost = -1;
  let bestPrefix = -1;
  const seen = new Set<string>();
  for (const s of suppliers) {
    for (const d of s.domains) {
      const prefix = (d.pathPrefix ?? "").replace(/\/+$/, "");
      const key = `${d.host}${prefix}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const singleLabel = !d.host.includes(".");
      const onHost = page === d.host || (!singleLabel && !/\d$/.test(page) && page.endsWith(`.${d.host}`));
      if (singleLabel && d.host !== "localhost") continue;
      const onPath = prefix === "" || path === prefix || path.startsWith(`${prefix}/`);
      if (!onHost || !onPath) continue;
      const better = d.host.length > bestHost || (d.host.length === bestHost && prefix.length > bestPrefix);
      if (better) {
        best = { supplier: s, domain: d };
        bestHost = d.host.length;
        bestPrefix = prefix.length;
      }
    }
  }
  return best;
}
