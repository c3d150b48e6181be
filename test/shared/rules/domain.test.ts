import { describe, expect, it } from "vitest";
import { parseDomain, supplierHostProblem } from "../../../shared/rules/domain";
import type { RuleIssue } from "../../../shared/rules/issues";
import { clone, exampleSingleFile, parseObjects, type Editable } from "../../helpers/rule-files";

const refused = (text: string): string => {
  const parsed = parseDomain(text);
  if (parsed.ok) throw new Error(`${text} was accepted as ${parsed.value.host}`);
  return parsed.error;
};

describe("parseDomain", () => {
  it.each([
    ["dell.com", "dell.com", undefined],
    ["Dell.COM", "dell.com", undefined],
    ["  dell.com  ", "dell.com", undefined],
    ["dell.com.", "dell.com", undefined],
    ["www.dell.co.uk", "www.dell.co.uk", undefined],
    ["bücher.de", "xn--bcher-kva.de", undefined],
    ["business.example.com/buy/", "business.example.com", "/buy/"],
    ["acme.myshopify.com", "acme.myshopify.com", undefined],
    ["acme.github.io", "acme.github.io", undefined],
    ["bucket.s3.amazonaws.com", "bucket.s3.amazonaws.com", undefined],
    ["amazonaws.com", "amazonaws.com", undefined],
    ["city.kawasaki.jp", "city.kawasaki.jp", undefined],
    ["localhost", "localhost", undefined],
    [`${"a".repeat(63)}.com`, `${"a".repeat(63)}.com`, undefined],
    [`${"a.".repeat(125)}com`, `${"a.".repeat(125)}com`, undefined],
  ])("accepts %j as host %j", (text, host, pathPrefix) => {
    const parsed = parseDomain(text);
    expect(parsed).toEqual({
      ok: true,
      value: pathPrefix === undefined ? { host, text } : { host, pathPrefix, text },
    });
  });

  it.each([
    ["com", "acme.com"],
    ["com.", "acme.com"],
    ["COM", "acme.com"],
    ["co.uk", "acme.co.uk"],
    ["github.io", "acme.github.io"],
    ["myshopify.com", "acme.myshopify.com"],
    ["blogspot.com", "acme.blogspot.com"],
    ["s3.amazonaws.com", "acme.s3.amazonaws.com"],
    ["appspot.com", "acme.appspot.com"],
    ["a.kawasaki.jp", "acme.a.kawasaki.jp"],
    ["xn--p1ai", "acme.xn--p1ai"],
    ["рф", "acme.xn--p1ai"],
  ])("refuses the public suffix %j, saying to list the supplier's own domain (%s)", (text, example) => {
    const error = refused(text);
    expect(error).toContain(JSON.stringify(text));
    expect(error).toMatch(/is a public suffix \(on the Public Suffix List\)/);
    expect(error).toContain(`list the supplier's own domain, like ${example}`);
  });

  it.each([
    ["*.", /wildcard/],
    ["*.dell.com", /must not hold a wildcard \(\*\): .*dell\.com covers www\.dell\.com/],
    ["*", /wildcard/],
    ["dell.*", /wildcard/],
    [".", /empty label/],
    ["..", /empty label/],
    ["dell..com", /empty label \(a dot at the start, or two dots in a row\)/],
    [".dell.com", /empty label/],
    ["dell.com..", /empty label/],
    [`${"a".repeat(64)}.com`, /label of 64 characters; a domain name label has at most 63/],
    [`${"a.".repeat(126)}com`, /is 255 characters long; a domain name has at most 253/],
    ["192.168.1.20", /is an IP address: list the supplier's domain name/],
    ["127.0.0.1/shop/", /is an IP address/],
    ["0x7f.1", /is an IP address/],
    ["[::1]", /is an IP address/],
    ["::1", /is an IP address/],
    ["[2001:db8::1]", /is an IP address/],
    ["dell.com:443", /without a port: the domain covers every port/],
    ["dell.com:", /without a port/],
    ["user@dell.com", /without a user name/],
    ["dell .com", /without spaces/],
    ["https://dell.com", /must be a bare domain without https:\/\/, like dell\.com/],
    ["/buy/", /has no domain name before its path/],
    ["", /has no domain name/],
    ["northwind", /not a full domain name: add its ending, like northwind\.com/],
    ["-dell.com", /letters, digits and hyphens/],
    ["dell_shop.com", /letters, digits and hyphens/],
    ["dell!.com", /letters, digits and hyphens/],
    ["xn--zz.com", /an xn-- label that is not valid punycode/],
    ["shop.xn--a.com", /not valid punycode/],
  ])("refuses %j: %s", (text, why) => {
    expect(refused(text)).toMatch(why);
  });

  it("clips the text it echoes", () => {
    const long = `${"x".repeat(5000)}.com:443`;
    const error = refused(long);
    expect(error.length).toBeLessThan(300);
    expect(error).toContain("…");
    expect(error).toMatch(/without a port/);
  });

  it("shows control characters and direction marks it echoes as escapes", () => {
    const error = refused("moc.\u202eevil.com:80");
    expect(error).toContain('"moc.\\u202eevil.com:80"');
    expect(error).not.toContain("\u202e");
    expect(refused("dell\u0007.com")).toContain("\\u0007");
  });
});

describe("supplierHostProblem", () => {
  it("passes a registrable domain and anything below it, and nothing broader", () => {
    for (const host of ["dell.com", "www.dell.com", "acme.github.io", "shop.example", "localhost"]) {
      expect(supplierHostProblem(host), host).toBeUndefined();
    }
    for (const host of ["com", "github.io", "co.uk", "*.dell.com", "dell..com", "10.0.0.1", "Dell.com", ""]) {
      expect(supplierHostProblem(host), host).toBeDefined();
    }
  });
});

/** Validates the single-file example after `edit`, returning the problems found. */
function problemsAfter(edit: (book: Editable) => void): RuleIssue[] {
  const book = clone(exampleSingleFile()) as Editable;
  edit(book);
  const result = parseObjects({ "rules.json": book });
  return result.ok ? [] : result.errors;
}

describe("a rule book's supplier domains", () => {
  it.each<[string, RegExp]>([
    ["github.io", /"github\.io" is a public suffix .*like acme\.github\.io/],
    ["com.", /"com\." is a public suffix .*like acme\.com/],
    ["*.dell-outlet.com", /must not hold a wildcard/],
    ["dell..com", /empty label/],
    ["10.0.0.7", /is an IP address/],
    [
      "shop.example.com:8443",
      /without a port: the domain covers every port \(found "shop\.example\.com:8443"\)/,
    ],
    ["[::1]", /is an IP address/],
  ])("refuse %j with its path and why", (domain, why) => {
    const problems = problemsAfter((b) => b.suppliers[2].domains.push(domain));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "rules.json", path: "suppliers[2].domains[1]" });
    expect(problems[0]!.message).toMatch(why);
  });
});
