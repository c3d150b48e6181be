import { describe, expect, it } from "vitest";
import {
  fetchRuleFiles,
  type FetchRuleFilesResult,
  type KnownFile,
} from "../../../shared/sync/fetch-rule-files";
import { MAX_RULE_BOOK_BYTES } from "../../../shared/sync/limits";
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

/** A response as a fetch gives it after following a redirect to `finalUrl`. */
function followed(body: string, finalUrl: string): Response {
  const response = new Response(body, { status: 200, headers: { "Content-Type": "application/json" } });
  Object.defineProperty(response, "url", { value: finalUrl });
  Object.defineProperty(response, "redirected", { value: true });
  return response;
}

/** A walk's outcome with each text's length for the text, which can be megabytes long (a failed comparison prints it whole). */
const outcome = (r: FetchRuleFilesResult) =>
  r.ok ? { ok: true, files: r.files.map((f) => ({ url: f.url, length: f.text.length })) } : r;

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

  it("refuses a redirect to another origin, naming both addresses and fetching nothing more; follows one within", async () => {
    const elsewhere = "https://cdn.other.example/rules.json";
    const requests: string[] = [];
    const redirecting = (async (input: string | URL | Request) => {
      requests.push(String(input));
      // What a browser's or Node's fetch gives after following a redirect: the final URL, marked.
      return followed(JSON.stringify({ include: ["a.json"] }), elsewhere);
    }) as typeof fetch;
    const r = await fetchRuleFiles(ROOT, options(redirecting));
    expect(r).toEqual({
      ok: false,
      url: ROOT,
      error: {
        message:
          "The rules server redirected the rule book to another server, which Headroom does not follow.",
        details: [
          `URL: ${ROOT}`,
          `Redirected to: ${elsewhere}`,
          "Publish the rule book at the rules URL itself, or set the rules URL to where it now is.",
        ],
      },
    });
    // The file it names is not asked for: nothing from the other server is used.
    expect(requests).toEqual([ROOT]);

    // http on the same host is another origin too.
    const downgraded = (async () => followed("{}", ROOT.replace("https:", "http:"))) as typeof fetch;
    const d = await fetchRuleFiles(ROOT, options(downgraded));
    expect(!d.ok && d.error.details[1]).toBe(`Redirected to: ${ROOT.replace("https:", "http:")}`);

    // Within the rule book's own origin a redirect is followed.
    const moved = "https://rules.example/v2/rules.json";
    const sameOrigin = (async () => followed("{}", moved)) as typeof fetch;
    const same = await fetchRuleFiles(ROOT, options(sameOrigin));
    expect(same).toEqual({ ok: true, files: [{ url: ROOT, text: "{}", etag: null, changed: true }] });
  });

  it(`stops reading a body at ${MAX_RULE_BOOK_BYTES / 1_000_000} MB and says so with the URL`, async () => {
    // A 30 MB body, 1 MB a chunk, counted as the stream gives it out.
    let pulled = 0;
    let cancelled = false;
    const chunk = new Uint8Array(1_000_000).fill(0x20);
    const large = (async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled++;
            if (pulled > 30) controller.close();
            else controller.enqueue(chunk);
          },
          cancel() {
            cancelled = true;
          },
        }),
        { status: 200, headers: { "Content-Type": "application/json" } },
      )) as typeof fetch;
    const r = await fetchRuleFiles(ROOT, options(large));
    expect(outcome(r)).toEqual({
      ok: false,
      url: ROOT,
      error: {
        message: "The rule book is larger than 20 MB, the most Headroom reads.",
        details: [
          `URL: ${ROOT}`,
          "A rule book (all its files together) may be at most 20 MB; nothing of this download is used.",
        ],
      },
    });
    expect(cancelled).toBe(true);
    // The stream may pull a chunk ahead of the reader; never more.
    expect(pulled).toBeLessThanOrEqual(MAX_RULE_BOOK_BYTES / chunk.length + 2);
  });

  it("counts every file of a rule book against one limit, a kept copy's text included", async () => {
    const half = " ".repeat(MAX_RULE_BOOK_BYTES / 2);
    const s = server({
      [ROOT]: { include: ["a.json"], pad: half },
      "https://rules.example/headroom/a.json": { pad: half },
    });
    const r = await fetchRuleFiles(ROOT, options(s.fetch));
    expect(outcome(r)).toMatchObject({
      ok: false,
      url: "https://rules.example/headroom/a.json",
      error: { message: "The rule book is larger than 20 MB, the most Headroom reads." },
    });

    // Just under the limit, in multi-byte characters: fetched whole, the same as Response.text() reads it.
    const euros = "€".repeat(Math.floor((MAX_RULE_BOOK_BYTES - 100) / 3));
    const fits = server({ [ROOT]: { euros } });
    const ok = await fetchRuleFiles(ROOT, options(fits.fetch));
    expect(outcome(ok)).toEqual({
      ok: true,
      files: [{ url: ROOT, length: JSON.stringify({ euros }).length }],
    });

    // A 304 brings back the kept text, which counts as what it weighs in UTF-8 (3 bytes a €): with
    // it, a small included file is one too many.
    const withInclude = server({
      [ROOT]: {},
      "https://rules.example/headroom/a.json": { pad: " ".repeat(200) },
    });
    const keptText = JSON.stringify({ include: ["a.json"], euros });
    const kept = { [ROOT]: { text: keptText, etag: `"${ROOT.length}"` } };
    const notModified = await fetchRuleFiles(ROOT, options(withInclude.fetch, kept));
    expect(outcome(notModified)).toMatchObject({
      ok: false,
      url: "https://rules.example/headroom/a.json",
      error: { message: "The rule book is larger than 20 MB, the most Headroom reads." },
    });
    expect(withInclude.requests.map((q) => q.ifNoneMatch)).toEqual([`"${ROOT.length}"`, null]);
  });
});
