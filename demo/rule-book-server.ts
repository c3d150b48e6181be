import { createServer, type Server } from "node:http";
import { send } from "./http-util";

/** CORS for a rule book that any browser client may read; it holds no secrets of its own. */
const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "If-None-Match, Accept",
  "Access-Control-Expose-Headers": "ETag",
};

/**
 * Serves one rule-book file at `/rules.json` the way a company hosts it on any static host: with a
 * strong ETag, answering `If-None-Match` with 304. `setText` publishes a new version.
 */
export function ruleBookServer(initialText: string): { server: Server; setText: (text: string) => void } {
  let text = initialText;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method === "OPTIONS") {
      res.writeHead(204, { ...CORS, "Access-Control-Allow-Methods": "GET, HEAD" }).end();
      return;
    }
    if (path !== "/rules.json" || (req.method !== "GET" && req.method !== "HEAD")) {
      res
        .writeHead(404, { "Content-Type": "text/plain; charset=utf-8", ...CORS })
        .end("Not found: try /rules.json\n");
      return;
    }
    send(req, res, text, "application/json; charset=utf-8", CORS);
  });
  return { server, setText: (next) => (text = next) };
}
