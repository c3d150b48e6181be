import { createHash } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";

/** A strong ETag for a body: the same bytes always give the same tag. */
export function etagOf(body: string | Buffer): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

/** True when the request's If-None-Match names `etag` (or `*`), so a 304 answers it. */
export function notModified(req: IncomingMessage, etag: string): boolean {
  const header = req.headers["if-none-match"];
  if (!header) return false;
  return header
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === etag || t === "*");
}

/** Starts listening; a port in use becomes an error that says so and what to do. */
export function listen(server: Server, port: number, host: string, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (e.code === "EADDRINUSE") {
        reject(
          new Error(
            `Port ${port} is already in use, so the ${what} cannot start. ` +
              `Stop whatever uses it (another "npm start"?) or choose other ports with --port-base <n>.`,
          ),
        );
      } else reject(new Error(`The ${what} cannot listen on ${host}:${port}: ${e.message}`));
    };
    const onListening = () => {
      server.off("error", onError);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/** Sends a body with its type, or a 304 when the client already has these bytes. */
export function send(
  req: IncomingMessage,
  res: ServerResponse,
  body: string | Buffer,
  type: string,
  headers: Record<string, string> = {},
): void {
  const etag = etagOf(body);
  const common = { ETag: etag, "Cache-Control": "no-cache", ...headers };
  if (notModified(req, etag)) {
    res.writeHead(304, common).end();
    return;
  }
  res.writeHead(200, { "Content-Type": type, "Content-Length": Buffer.byteLength(body), ...common });
  res.end(req.method === "HEAD" ? undefined : body);
}
