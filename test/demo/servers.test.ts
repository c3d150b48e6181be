import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "../../demo/http-util";
import { ruleBookServer } from "../../demo/rule-book-server";
import { shopServer } from "../../demo/shop-server";

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = "GET",
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject).end();
  });
}

describe("demo rule-book server", () => {
  const rules = ruleBookServer('{"schemaVersion":1}');
  let port = 0;
  beforeAll(async () => (port = await listen(rules.server, 0, "127.0.0.1", "rule-book server")));
  afterAll(() => rules.server.close());

  it("serves the file with a strong ETag and answers If-None-Match with 304", async () => {
    const first = await get(port, "/rules.json");
    expect(first.status).toBe(200);
    expect(first.body).toBe('{"schemaVersion":1}');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await get(port, "/rules.json", { "If-None-Match": etag })).status).toBe(304);
    rules.setText('{"schemaVersion":1,"x":2}');
    const changed = await get(port, "/rules.json", { "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it("lets any browser client read it, ETag included, and 404s anything else", async () => {
    const preflight = await get(port, "/rules.json", { Origin: "chrome-extension://abc" }, "OPTIONS");
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-headers"]).toContain("If-None-Match");
    const reply = await get(port, "/rules.json");
    expect(reply.headers["access-control-allow-origin"]).toBe("*");
    expect(reply.headers["access-control-expose-headers"]).toBe("ETag");
    expect((await get(port, "/secret.json")).status).toBe(404);
  });
});

describe("demo shop server", () => {
  const shop = shopServer();
  let port = 0;
  beforeAll(async () => (port = await listen(shop, 0, "127.0.0.1", "demo shop")));
  afterAll(() => shop.close());

  it("serves each site by its host name", async () => {
    const dell = await get(port, "/cart/", { Host: "www.dell.com" });
    expect(dell.status).toBe(200);
    expect(dell.body).toContain('data-testid="cart-total"');
    const lenovo = await get(port, "/", { Host: "www.lenovo.com:8080" });
    expect(lenovo.body).toContain('itemprop="price"');
    expect((await get(port, "/shop.css", { Host: "www.lenovo.com" })).headers["content-type"]).toContain(
      "text/css",
    );
  });

  it("serves nothing for unknown hosts or paths that leave the site's folder", async () => {
    expect((await get(port, "/", { Host: "dell.com.evil.test" })).status).toBe(404);
    expect((await get(port, "/../www.lenovo.com/index.html", { Host: "www.dell.com" })).status).toBe(404);
    expect((await get(port, "/%2e%2e/www.lenovo.com/index.html", { Host: "www.dell.com" })).status).toBe(404);
  });
});

describe("ports in use", () => {
  it("says which port is taken and what to do", async () => {
    const taken = createServer();
    await listen(taken, 0, "127.0.0.1", "first");
    const port = (taken.address() as AddressInfo).port;
    await expect(listen(createServer(), port, "127.0.0.1", "demo shop")).rejects.toThrow(
      `Port ${port} is already in use, so the demo shop cannot start.`,
    );
    taken.close();
  });
});
