import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { send } from "./http-util";

const SHOP_ROOT = fileURLToPath(new URL("./shop/", import.meta.url));
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
};

/** The demo shop's sites: one folder per host name under demo/shop/. */
export const SHOP_HOSTS = [
  "www.dell.com",
  "www.lenovo.com",
  "www.gadgetzone.example",
  "www.kantoorhuis.example.nl",
  "news.example.org",
] as const;

/**
 * Serves the demo supplier sites by the Host header (Chromium maps their names to this server), so
 * the browser shows real-looking addresses such as http://www.dell.com/cart/.
 */
export function shopServer(root = SHOP_ROOT): Server {
  return createServer(async (req, res) => {
    const host = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
    const url = new URL(req.url ?? "/", "http://shop.invalid");
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith("/")) path += "index.html";
    const known = (SHOP_HOSTS as readonly string[]).includes(host);
    // Shared assets live at the shop root, pages in the host's folder; nothing outside them.
    const file = path === "/shop.css" ? join(root, "shop.css") : normalize(join(root, host, path));
    const inside = path === "/shop.css" || file.startsWith(join(root, host) + sep);
    if (!known || !inside) {
      res
        .writeHead(404, { "Content-Type": "text/plain; charset=utf-8" })
        .end(`No demo site at ${host}${path}\n`);
      return;
    }
    try {
      const body = await readFile(file);
      send(req, res, body, TYPES[extname(file)] ?? "application/octet-stream");
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end(`Not found: ${host}${path}\n`);
    }
  });
}
