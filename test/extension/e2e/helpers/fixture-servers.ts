import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const FIXTURES = fileURLToPath(new URL("../../../fixtures/extension/", import.meta.url));
export const SITES_DIR = join(FIXTURES, "sites");
export const RULES_DIR = join(FIXTURES, "rules");

/** Every host name the supplier fixture server answers for; Chromium maps them to 127.0.0.1. */
export const FIXTURE_HOSTS = [
  "www.dell.com",
  "dell.com.evil.test",
  "www.lenovo.com",
  "www.gadgetzone.example",
  "www.unknown-shop.test",
  "www.kantoorhuis.example.nl",
];

export type RunningServer = { port: number; close: () => Promise<void> };

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/**
 * The supplier sites: `http://<host>:<port>/<page>` serves test/fixtures/extension/sites/<host>/<page>,
 * chosen by the Host header, so one server on 127.0.0.1 stands in for every fixture domain. Extra
 * pages can be added at run time (the bench's generated 10,000-element page).
 */
export async function startSiteServer(extra: Record<string, string> = {}): Promise<RunningServer> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const host = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const key = `${host}${path}`;
      const generated = extra[key];
      if (generated !== undefined) {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
        res.end(generated);
        return;
      }
      const file = normalize(join(SITES_DIR, host, path.endsWith("/") ? `${path}index.html` : path));
      if (!file.startsWith(join(SITES_DIR, host))) {
        res.writeHead(400).end();
        return;
      }
      try {
        const body = await readFile(file);
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
        res.end(body);
      } catch {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      }
    })();
  });
  const port = await listen(server);
  return { port, close: closer(server) };
}

/** What the rule-book server answers with. */
export type RulesMode = "v1" | "v2" | "server-error" | "login-page" | "truncated" | "redirect-away";

export type RulesServer = RunningServer & {
  url: string;
  setMode(mode: RulesMode): void;
  /** Requests seen, with the If-None-Match they sent and the status they got. */
  log: { ifNoneMatch: string | null; status: number }[];
  /** Where "redirect-away" sends the browser: the same host on another port, another origin. */
  elsewhereUrl: string;
  /** How many requests that other origin has answered (with a valid, newer rule book). */
  elsewhereRequests: () => number;
};

/**
 * The rule-book host: serves one rules file with an ETag and answers 304 when If-None-Match matches,
 * like any static host. Switchable to a changed file, a 500, an HTML login page (what an expired SSO
 * session returns with status 200), a truncated file and a redirect to another origin (which serves
 * a valid rule book of a higher revision, revision 9, that must not be taken).
 *
 * The browsers judge budgets and contracts by their own clock, which the tests cannot set (Firefox does
 * not start under libfaketime). So these rule books hold no date that today could cross: budgets run
 * from 2000 to 2099 and the one contract ends on 2099-12-31, and every figure is the same on any day.
 */
export async function startRulesServer(): Promise<RulesServer> {
  const v1 = await readFile(join(RULES_DIR, "rules-v1.json"), "utf8");
  const v2 = await readFile(join(RULES_DIR, "rules-v2.json"), "utf8");
  // The same sign-in page the unit tests of shared/sync read.
  const login = await readFile(join(FIXTURES, "../sync/login-page.html"), "utf8");
  let mode: RulesMode = "v1";
  const log: RulesServer["log"] = [];
  let elsewhereCount = 0;
  const elsewhere = createServer((_req, res) => {
    elsewhereCount++;
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-cache" });
    res.end(v2.replace(/"revision": 8\b/, '"revision": 9'));
  });
  const elsewhereUrl = `http://127.0.0.1:${await listen(elsewhere)}/rules.json`;
  const server = createServer((req, res) => {
    const ifNoneMatch =
      typeof req.headers["if-none-match"] === "string" ? req.headers["if-none-match"] : null;
    const send = (status: number, headers: Record<string, string>, body?: string) => {
      log.push({ ifNoneMatch, status });
      res.writeHead(status, headers);
      res.end(body);
    };
    const json = (text: string, etag: string) => {
      if (ifNoneMatch === etag) send(304, { etag });
      else send(200, { "content-type": "application/json", etag, "cache-control": "no-cache" }, text);
    };
    if (mode === "v1") json(v1, '"rules-v1"');
    else if (mode === "v2") json(v2, '"rules-v2"');
    else if (mode === "server-error") send(500, { "content-type": "text/plain" }, "internal error");
    else if (mode === "login-page") send(200, { "content-type": "text/html; charset=utf-8" }, login);
    else if (mode === "redirect-away") send(302, { location: elsewhereUrl });
    else json(v2.slice(0, Math.floor(v2.length / 2)), '"rules-truncated"');
  });
  const port = await listen(server);
  return {
    port,
    url: `http://127.0.0.1:${port}/rules.json`,
    setMode: (next) => {
      mode = next;
    },
    log,
    elsewhereUrl,
    elsewhereRequests: () => elsewhereCount,
    close: async () => {
      await Promise.all([closer(server)(), closer(elsewhere)()]);
    },
  };
}
