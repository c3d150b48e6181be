import { spawn, type ChildProcess } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../helpers/cli";
import { buildAddinInto, runNode } from "./run-node";

const work = mkdtempSync(join(tmpdir(), "headroom-addin-serve-"));
const dist = join(work, "addin");
const certDir = join(work, "certs");
let server: ChildProcess;
let base = "";
let output = "";

beforeAll(async () => {
  await buildAddinInto(dist);
  server = spawn(
    process.execPath,
    ["scripts/serve-addin.mjs", "--port", "0", "--dir", dist, "--cert-dir", certDir],
    { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
  );
  base = await new Promise<string>((resolve, reject) => {
    server.stdout!.setEncoding("utf8").on("data", (d: string) => {
      output += d;
      // The last line of the start-up message: everything before it has arrived.
      const m = /at (https:\/\/localhost:\d+)\/[\s\S]*Press Ctrl\+C/.exec(output);
      if (m) resolve(m[1]!);
    });
    server.stderr!.setEncoding("utf8").on("data", (d: string) => (output += d));
    server.on("exit", (code) => reject(new Error(`serve:addin exited with ${code}: ${output}`)));
  });
});
afterAll(() => {
  server?.kill();
  rmSync(work, { recursive: true, force: true });
});

/** A request that trusts only the generated CA, as a browser that imported it would. */
function get(path: string, method = "GET", headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(
        `${base}${path}`,
        { method, headers, ca: readFileSync(join(certDir, "ca.crt")) },
        (res) => {
          let body = "";
          res.setEncoding("utf8").on("data", (d: string) => (body += d));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        },
      );
      req.on("error", reject);
      req.end();
    },
  );
}

describe("npm run serve:addin", () => {
  it("serves the build over HTTPS with a localhost certificate from office-addin-dev-certs", async () => {
    const cert = new X509Certificate(readFileSync(join(certDir, "localhost.crt")));
    expect(cert.checkHost("localhost")).toBe("localhost");
    expect(cert.verify(new X509Certificate(readFileSync(join(certDir, "ca.crt"))).publicKey)).toBe(true);
    expect(output).toContain(`Certificates generated in ${certDir}`);
    const page = await get("/taskpane.html");
    expect(page.status).toBe(200);
    expect(page.body).toBe(readFileSync(join(dist, "taskpane.html"), "utf8"));
  });

  it("sends the content types and CORS header Office needs", async () => {
    const expected: Record<string, string> = {
      "/taskpane.html": "text/html; charset=utf-8",
      "/functions.js": "text/javascript; charset=utf-8",
      "/functions.json": "application/json; charset=utf-8",
      "/manifest.xml": "application/xml; charset=utf-8",
      "/assets/icon-80.png": "image/png",
      "/": "text/html; charset=utf-8",
    };
    for (const [path, type] of Object.entries(expected)) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers["content-type"], path).toBe(type);
      expect(res.headers["access-control-allow-origin"], path).toBe("*");
    }
    const preflight = await get("/functions.json", "OPTIONS", {
      Origin: "https://excel.officeapps.live.com",
      "Access-Control-Request-Method": "GET",
    });
    expect(preflight.status).toBe(204);
  });

  it("serves nothing outside the build folder", async () => {
    expect((await get("/../package.json")).status).toBe(404);
    expect((await get("/%2e%2e/package.json")).status).toBe(404);
    expect((await get("/%2e%2e%2fpackage.json")).status).toBe(404);
    expect((await get("/missing.js")).status).toBe(404);
    expect((await get("/functions.js", "POST")).status).toBe(405);
  });

  it("says so clearly when the port is taken, and reuses the certificates", async () => {
    const port = new URL(base).port;
    const second = await runNode([
      "scripts/serve-addin.mjs",
      "--port",
      port,
      "--dir",
      dist,
      "--cert-dir",
      certDir,
    ]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`serve:addin failed: port ${port} is already in use`);
    expect(second.stdout).not.toContain("generated");
  });

  it("asks for a build first when there is none", async () => {
    const none = await runNode([
      "scripts/serve-addin.mjs",
      "--port",
      "0",
      "--dir",
      join(work, "empty"),
      "--cert-dir",
      certDir,
    ]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("no built add-in");
    expect(none.stderr).toContain("npm run build:addin");
  });
});
