import { getDomain, parse } from "tldts";
import { err, ok, type Result } from "../result";
import type { SupplierDomain } from "./rule-book";
import { clipText, quoteText } from "../text/quote";

/** Lower-case ASCII labels that URL parsing would return unchanged: the common case, checked without it. */
// The last label starts with a letter: an all-digit one would make URL read the host as IPv4.
const PLAIN_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A host name label: letters, digits and hyphens, a hyphen neither first nor last (RFC 1123). */
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** DNS limits (RFC 1035), on the punycode form: a label, and a whole name without its trailing dot. */
export const MAX_LABEL_LENGTH = 63;
export const MAX_HOST_LENGTH = 253;

/**
 * The Public Suffix List as tldts carries it, ICANN and private sections both: `github.io` and
 * `myshopify.com` are suffixes as much as `co.uk` is, since anyone can have a site under them.
 * The host is already a lower-case punycode name, so tldts need not extract or validate it.
 */
const PSL: Parameters<typeof parse>[1] = {
  allowPrivateDomains: true,
  detectIp: false,
  extractHostname: false,
  mixedInputs: false,
  validateHostname: false,
};

/**
 * Why `host` (lower case, punycode, without a trailing dot) cannot be a supplier's host, or
 * undefined when it can. The one rule for validation (`parseDomain`), matching (`buildDomainIndex`)
 * and host permissions (`hostPermissionPatterns`), so that nothing the rule book names, nor anything
 * built from it, is broader than one registrable domain as the Public Suffix List has it (`dell.com`,
 * `acme.myshopify.com`, `shop.dell.co.uk`). Refused: public suffixes (`com`, `co.uk`, `github.io`),
 * single labels but `localhost` (which host patterns cover alone, without subdomains), IP addresses,
 * empty labels, anything but letters, digits and hyphens (so no wildcards), labels over 63
 * characters, hosts over 253, and xn-- labels that are not valid punycode. The answer completes a
 * sentence that starts with the domain.
 */
export function supplierHostProblem(host: string): string | undefined {
  return hostProblem(host, PLAIN_HOST.test(host));
}

/** `supplierHostProblem`, told whether `host` is known to match `PLAIN_HOST` (10,000 suppliers load). */
function hostProblem(host: string, plain: boolean): string | undefined {
  if (host === "localhost") return undefined;
  if (host.length === 0) return "is empty: write the supplier's domain, like dell.com";
  if (host.length > MAX_HOST_LENGTH) {
    return `is ${host.length} characters long; a domain name has at most ${MAX_HOST_LENGTH}`;
  }
  if (!plain) {
    const labelProblem = labelsProblem(host);
    if (labelProblem !== undefined) return labelProblem;
  }
  if (host.includes("xn--") && !punycodeDecodes(host)) {
    return "has an xn-- label that is not valid punycode: write the domain as its owner spells it";
  }
  if (getDomain(host, PSL) !== null) return undefined;
  const found = parse(host, PSL);
  if (found.isIcann === true || found.isPrivate === true) {
    return (
      "is a public suffix (on the Public Suffix List): anyone can have a site under it, so it " +
      `cannot stand for one supplier; list the supplier's own domain, like acme.${host}`
    );
  }
  return `is not a full domain name: add its ending, like ${host}.com`;
}

/** Whether URL parsing (IDNA, as browsers do it) keeps `host` as it is: false for an invalid xn-- label. */
function punycodeDecodes(host: string): boolean {
  try {
    return new URL(`http://${host}/`).hostname === host;
  } catch {
    return false;
  }
}

/** What is wrong with the labels of a host that is not a plain one, or undefined. */
function labelsProblem(host: string): string | undefined {
  const labels = host.split(".");
  if (labels.includes("")) return EMPTY_LABEL;
  const last = labels[labels.length - 1]!;
  if (/^\d+$/.test(last) || /^0x[0-9a-f]*$/.test(last)) {
    return "is an IP address: list the supplier's domain name, like dell.com";
  }
  const long = labels.find((label) => label.length > MAX_LABEL_LENGTH);
  if (long !== undefined) {
    return `has a label of ${long.length} characters; a domain name label has at most ${MAX_LABEL_LENGTH}`;
  }
  if (labels.some((label) => label.includes("*"))) return WILDCARD;
  if (!labels.every((label) => LABEL.test(label))) {
    return "may hold only letters, digits and hyphens between its dots, a hyphen neither first nor last";
  }
  return undefined;
}

const EMPTY_LABEL = "has an empty label (a dot at the start, or two dots in a row): write it like dell.com";
const WILDCARD =
  "must not hold a wildcard (*): a domain already covers its subdomains, so dell.com covers www.dell.com";

/**
 * Normalises a supplier domain as written in the rule book ("Dell.com", "bücher.de",
 * "business.example.com/buy/") to a lower-case punycode host and an optional path prefix, or says
 * why it is refused (see `supplierHostProblem`, which the host must also pass), quoting the text.
 */
export function parseDomain(text: string): Result<SupplierDomain> {
  const read = readDomain(text);
  return read.ok ? read : err(`${quoteText(text)} ${read.error}`);
}

/**
 * What the rule-book schema says about a domain text its pattern refuses ("dell.com:443",
 * "https://hp.com", "dell .com"): why, without the text, which the message shows beside it.
 */
export function domainFormatMessage(input: unknown): string {
  const read = typeof input === "string" ? readDomain(input) : undefined;
  return read && !read.ok
    ? read.error
    : "must be a bare web domain like dell.com or business.example.com/buy/, without https://";
}

/** `parseDomain` without the quoted text in its error. */
function readDomain(text: string): Result<SupplierDomain> {
  const trimmed = text.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    return err(
      `must be a bare domain without https://, like ${clipText(trimmed.replace(/^[^:]+:\/\//, ""))}`,
    );
  }
  const slash = trimmed.indexOf("/");
  const hostText = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const pathText = slash === -1 ? "" : trimmed.slice(slash);
  const textProblem = hostTextProblem(hostText);
  if (textProblem !== undefined) return err(textProblem);
  let host: string;
  const plain = PLAIN_HOST.test(hostText);
  if (plain) host = hostText;
  else {
    // Empty labels first: URL parsing keeps some ("dell..com") and drops others.
    if (hostText.startsWith(".") || hostText.includes("..")) return err(EMPTY_LABEL);
    try {
      host = new URL(`http://${hostText}/`).hostname;
    } catch {
      return err("is not a valid domain name");
    }
    // One trailing dot (the DNS root) is allowed and dropped: "dell.com." is dell.com.
    if (host.endsWith(".")) host = host.slice(0, -1);
  }
  const problem = hostProblem(host, plain);
  if (problem !== undefined) return err(problem);
  const domain: SupplierDomain = { host, text };
  if (pathText && pathText !== "/") domain.pathPrefix = pathText;
  return ok(domain);
}

/** What is wrong with the host part as written, before it is parsed: what URL parsing would hide. */
function hostTextProblem(hostText: string): string | undefined {
  if (hostText === "") return "has no domain name before its path: write it like dell.com/buy/";
  if (hostText.includes("*")) return WILDCARD;
  if (hostText.startsWith("[") || /:.*:/.test(hostText)) {
    return "is an IP address: list the supplier's domain name, like dell.com";
  }
  if (hostText.includes("@")) return "must be a domain name only, without a user name and @";
  if (/:\d*$/.test(hostText)) {
    return "must be a domain name only, without a port: the domain covers every port";
  }
  if (/[:\s]/.test(hostText)) return "must be a domain name only, without spaces or colons";
  return undefined;
}

/** The canonical key of a domain (host plus path prefix) used to find duplicates. */
export function domainKey(domain: SupplierDomain): string {
  return domain.host + (domain.pathPrefix ? domain.pathPrefix.replace(/\/+$/, "") : "");
}
