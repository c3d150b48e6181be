import { err, ok, type Result } from "../result";
import type { SupplierDomain } from "./rule-book";

/** Lower-case ASCII labels that URL parsing would return unchanged: the common case, checked without it. */
// The last label starts with a letter: an all-digit one would make URL read the host as IPv4.
const PLAIN_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Normalises a supplier domain as written in the rule book ("Dell.com", "bücher.de",
 * "business.example.com/buy/") to a lower-case punycode host and an optional path prefix.
 */
export function parseDomain(text: string): Result<SupplierDomain> {
  const trimmed = text.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    return err(
      `"${text}" must be a bare domain without "https://", like ${trimmed.replace(/^[^:]+:\/\//, "")}`,
    );
  }
  const slash = trimmed.indexOf("/");
  const hostText = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const pathText = slash === -1 ? "" : trimmed.slice(slash);
  if (/[:@\s]/.test(hostText))
    return err(`"${text}" must be a domain name only, without port, user or spaces`);
  let host: string;
  if (PLAIN_HOST.test(hostText)) host = hostText;
  else {
    try {
      host = new URL(`http://${hostText}/`).hostname;
    } catch {
      return err(`"${text}" is not a valid domain name`);
    }
  }
  if (!host.includes(".") && host !== "localhost") {
    return err(`"${text}" is not a full domain name: add its ending, like ${host}.com`);
  }
  if (host.endsWith(".")) host = host.slice(0, -1);
  const domain: SupplierDomain = { host, text };
  if (pathText && pathText !== "/") domain.pathPrefix = pathText;
  return ok(domain);
}

/** The canonical key of a domain (host plus path prefix) used to find duplicates. */
export function domainKey(domain: SupplierDomain): string {
  return domain.host + (domain.pathPrefix ? domain.pathPrefix.replace(/\/+$/, "") : "");
}
