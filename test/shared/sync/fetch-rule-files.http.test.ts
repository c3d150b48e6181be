import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchRuleFiles, type FetchRuleFilesResult } from "../../../shared/sync/fetch-rule-files";
import { MAX_RULE_BOOK_BYTES } from "../../../shared/sync/limits";

// The walk against real HTTP, with Node's own fetch: real redirects between two origins (two ports of
// 127.0.0.1) and a real gzip body that the fetch inflates while it is read.

const RULES = JSON.stringify({ schemaVersion: 1, meta: { organisation: "Elsewhere Ltd", revision: 99 } });
/** 30 MB of zeros, gzipped: about 30 KB on the wire. */
const BOMB = gzipSync(Buffer.alloc(30_000_000));

let home: Server;
let other: Server;
let homeUrl: string;
let otherUrl: string;
const otherRequests: string[] = [];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  other = createServer((req, res) => {
    otherRequests.push(req.url ?? "");
    res.writeHead(200, { "Content-Type": "application/json" }).end(RULES);
  });
  otherUrl = await listen(other);
  home = createServer((req, res) => {
    if (req.url === "/away.json") res.writeHead(302, { Location: `${otherUrl}/rules.json` }).end();
    else if (req.url === "/moved.json") res.writeHead(301, { Location: "/rules.json" }).end();
    else if (req.url === "/rules.json") res.writeHead(200, { "Content-Type": "application/json" }).end(RULES);
    else if (req.url === "/bomb.json") {
      res.writeHead(200, {
        "Content-Type": "application/json",
        "Content-Encoding": "gzip",
        "Content-Length": String(BOMB.length),
      });
      res.end(BOMB);
    } else res.writeHead(404).end();
  });
  homeUrl = await listen(home);
});

afterAll(async () => {
  for (const server of [home, other]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A walk's outcome with each text's length for the text, which can be megabytes long (a failed comparison prints it whole). */
const outcome = (r: FetchRuleFilesResult) =>
  r.ok ? { ok: true, files: r.files.map((f) => ({ url: f.url, length: f.text.length })) } : r;

const options = (fetchImpl: typeof fetch) => ({
  fetch: fetchImpl,
  timeoutMs: 10_000,
  known: () => undefined,
  unreachableHint: "Check the address.",
});

describe("fetchRuleFiles over HTTP (Node's fetch)", () => {
  it("refuses a redirect to another origin, naming both addresses; follows one on the same origin", async () => {
    const r = await fetchRuleFiles(`${homeUrl}/away.json`, options(fetch));
    expect(r).toMatchObject({
      ok: false,
      url: `${homeUrl}/away.json`,
      error: {
        message:
          "The rules server redirected the rule book to another server, which Headroom does not follow.",
      },
    });
    expect(!r.ok && r.error.details.slice(0, 2)).toEqual([
      `URL: ${homeUrl}/away.json`,
      `Redirected to: ${otherUrl}/rules.json`,
    ]);
    // The other server was asked (a browser follows before anyone can look), but nothing it sent is given back.
    expect(otherRequests).toEqual(["/rules.json"]);
    expect(JSON.stringify(r)).not.toContain("Elsewhere Ltd");

    // A redirect on the same origin (another port is another origin; this is the same port) is followed.
    const same = await fetchRuleFiles(`${homeUrl}/moved.json`, options(fetch));
    expect(same).toEqual({
      ok: true,
      files: [{ url: `${homeUrl}/moved.json`, text: RULES, etag: null, changed: true }],
    });
  });

  it("stops a gzip body that inflates past the limit while reading it", async () => {
    expect(BOMB.length).toBeLessThan(100_000);
    // Node's fetch, with the decoded bytes the reader takes counted on their way.
    let delivered = 0;
    const counting = (async (input: string | URL | Request, init?: RequestInit) => {
      const response = await fetch(input, init);
      const counter = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          delivered += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      return new Response(response.body!.pipeThrough(counter), response);
    }) as typeof fetch;
    const r = await fetchRuleFiles(`${homeUrl}/bomb.json`, options(counting));
    expect(outcome(r)).toMatchObject({
      ok: false,
      url: `${homeUrl}/bomb.json`,
      error: {
        message: "The rule book is larger than 20 MB, the most Headroom reads.",
        details: [`URL: ${homeUrl}/bomb.json`, expect.stringContaining("at most 20 MB")],
      },
    });
    // Reading stopped at the limit (give or take what the stream had inflated ahead), not at 30 MB.
    expect(delivered).toBeGreaterThan(MAX_RULE_BOOK_BYTES);
    expect(delivered).toBeLessThan(MAX_RULE_BOOK_BYTES + 2_000_000);
  });
});
