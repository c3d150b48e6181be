import { describe, expect, it } from "vitest";
import { fetchRuleFiles, type KnownFile } from "../../../shared/sync/fetch-rule-files";
import { MAX_RULE_FILES } from "../../../shared/sync/rules-response";

const ROOT = "https://rules.example/headroom/rules.json";

/** A server of JSON files by URL, answering 304 to a matching If-None-Match, recording each request. */
function server(files: Record<string, unknown>) {
  const requests: { url: string; ifNoneMatch: string | null }[] = [];
  // A function with its own `this`, checked as a browser's fetch checks it ("Illegal invocation").
  const fetchImpl = async function (this: unknown, input: string | URL | Request, init?: RequestInit) {
    if (this !== undefined && this !== globalThis) throw new TypeError("Illegal invocation");
    const url = String(input);
    const ifNoneMatch = new Headers(init?.headers).get("If-None-Match");
    requests.push({ url, ifNoneMatch });
    if (!(url in files)) return new Response("", { status: 404, statusText: "Not Found" });
    const etag = `"${url.length}"`;
    if (ifNoneMatch === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
    return new Response(JSON.stringify(files[url]), {
      status: 200,
      headers: { "Content-Type": "application/json", ETag: etag },
    });
  } as typeof globalThis.fetch;
  return { fetch: fetchImpl, requests };
}

const options = (fetch: typeof globalThis.fetch, known: Record<string, KnownFile> = {}) => ({
  fetch,
  timeoutMs: 1000,
  known: (url: string) => known[url],
  unreachableHint: "Check the address.",
});

describe("fetchRuleFiles", () => {
  it("fetches the root, then what it and its files include, each file once, in that order", async () => {
    const s = server({
      [ROOT]: { include: ["a.json", "b.json"] },
      "https://rules.example/headroom/a.json": { include: ["b.json", "sub/c.json"] },
      "https://rules.example/headroom/b.json": { include: ["rules.json"] },
      "https://rules.example/headroom/sub/c.json": {},
    });
    const r = await fetchRuleFiles(ROOT, options(s.fetch));
    expect(r.ok && r.files.map((f) => f.url.replace("https://rules.example/headroom/", ""))).toEqual([
      "rules.json",
      "a.json",
      "b.json",
      "sub/c.json",
    ]);
    expect(s.requests).toHaveLength(4);
  });

  it("sends the kept ETag and gives back the kept text on 304; a 304 for a file with no kept copy fails", async () => {
    const s = server({ [ROOT]: { schemaVersion: 1 } });
    const etag = `"${ROOT.length}"`;
    const kept = await fetchRuleFiles(ROOT, options(s.fetch, { [ROOT]: { text: "kept text", etag } }));
    expect(kept).toEqual({ ok: true, files: [{ url: ROOT, text: "kept text", etag, changed: false }] });
    expect(s.requests[0]!.ifNoneMatch).toBe(etag);

    // A server that answers 304 to a request that sent no ETag.
    const odd = (async () => new Response(null, { status: 304 })) as typeof fetch;
    const none = await fetchRuleFiles(ROOT, options(odd));
    expect(!none.ok && none.error.message).toBe(
      "The rules server answered 304 Not Modified, but no copy of the file is kept here.",
    );
  });

  it(`stops at ${MAX_RULE_FILES} files, and names the file that failed`, async () => {
    const many = Array.from({ length: MAX_RULE_FILES + 1 }, (_, i) => `f${i}.json`);
    const s = server({
      [ROOT]: { include: many },
      ...Object.fromEntries(many.map((n) => [`https://rules.example/headroom/${n}`, {}])),
    });
    const r = await fetchRuleFiles(ROOT, options(s.fetch));
    expect(!r.ok && r.error.message).toBe(`The rule book has more than ${MAX_RULE_FILES} files.`);
    // The root alone was fetched: the list was refused before any included file was asked for.
    expect(s.requests).toHaveLength(1);

    const missing = await fetchRuleFiles(ROOT, options(server({ [ROOT]: { include: ["gone.json"] } }).fetch));
    expect(missing).toMatchObject({
      ok: false,
      url: "https://rules.example/headroom/gone.json",
      error: { message: "The rules server answered 404 Not Found." },
    });
  });
});
