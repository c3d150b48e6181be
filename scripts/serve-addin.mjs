// Serves the built add-in (dist/addin) over HTTPS on https://localhost:3000, the address the
// development manifest names, so Excel on the web, Windows or Mac can sideload it.
//
//   node scripts/serve-addin.mjs [--port 3000] [--dir dist/addin] [--cert-dir ~/.office-addin-dev-certs]
//
// Certificates come from office-addin-dev-certs, generated (not installed) into the certificate
// folder, so nothing here needs sudo or an administrator. Trusting the CA is a separate, per-user
// step printed below (see addin/README.md).
import { generateCertificates } from "office-addin-dev-certs";
import { X509Certificate } from "node:crypto";
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:https";
import { homedir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const DAY_MS = 86_400_000;
/** Days a generated certificate lasts; it is regenerated when less than a day is left. */
const CERTIFICATE_DAYS = 30;

/** Content types of what the build writes; anything else is served as bytes. */
export const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".css": "text/css; charset=utf-8",
};

/** A user-facing failure: printed without a stack, exit code 1. */
export class ServeError extends Error {}

export function parseArgs(argv) {
  const options = {
    port: 3000,
    dir: `${root}/dist/addin`,
    certDir: join(homedir(), ".office-addin-dev-certs"),
  };
  const names = { "--port": "port", "--dir": "dir", "--cert-dir": "certDir" };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const key = names[flag];
    if (!key) throw new ServeError(`unknown option ${argv[i]}; options: ${Object.keys(names).join(", ")}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === "") throw new ServeError(`${flag} needs a value`);
    options[key] = value;
  }
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ServeError(`--port ${options.port} is not a port number (0-65535)`);
  }
  return { ...options, port, dir: resolve(options.dir), certDir: resolve(options.certDir) };
}

/**
 * The localhost certificate, key and CA in `certDir`, generated there when missing or about to
 * expire. Only generates: installing the CA into a trust store is left to the user (it is what
 * needs sudo on Linux and a password prompt on macOS).
 */
export async function ensureCertificates(certDir) {
  const paths = {
    ca: join(certDir, "ca.crt"),
    cert: join(certDir, "localhost.crt"),
    key: join(certDir, "localhost.key"),
  };
  let generated = false;
  if (!usable(paths)) {
    // generateCertificates leaves an existing CA file alone, so clear the set first.
    for (const path of Object.values(paths)) rmSync(path, { force: true });
    await generateCertificates(paths.ca, paths.cert, paths.key, CERTIFICATE_DAYS);
    generated = true;
  }
  return {
    paths,
    generated,
    ca: readFileSync(paths.ca),
    cert: readFileSync(paths.cert),
    key: readFileSync(paths.key),
  };
}

function usable(paths) {
  if (!Object.values(paths).every((p) => existsSync(p))) return false;
  try {
    const cert = new X509Certificate(readFileSync(paths.cert));
    return Date.parse(cert.validTo) - Date.now() > DAY_MS && cert.checkHost("localhost") !== undefined;
  } catch {
    return false;
  }
}

/** The file under `dir` a request path names, or null when it leaves `dir` or does not exist. */
export function fileFor(dir, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split("?")[0]);
  } catch {
    return null;
  }
  if (path.endsWith("/")) path += "taskpane.html";
  const file = resolve(dir, `.${path}`);
  if (file !== dir && !file.startsWith(dir + sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** Starts the server; resolves once it listens, with the server and its URL. */
export function serveAddin({ port, dir, tls }) {
  if (!existsSync(join(dir, "manifest.xml"))) {
    return Promise.reject(
      new ServeError(`${dir} has no built add-in (no manifest.xml): run npm run build:addin first`),
    );
  }
  const server = createServer({ cert: tls.cert, key: tls.key, ca: tls.ca }, (req, res) => {
    // Office loads the page, scripts, metadata and icons from several Microsoft origins
    // (Excel on the web, the desktop hosts' web views); none sends credentials.
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("X-Content-Type-Options", "nosniff");
    if (req.method === "OPTIONS") {
      res.setHeader("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
      res.setHeader("Access-Control-Allow-Headers", req.headers["access-control-request-headers"] ?? "*");
      res.writeHead(204).end();
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD, OPTIONS" }).end();
      return;
    }
    const file = fileFor(dir, req.url ?? "/");
    if (!file) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end(`Not found: ${req.url}\n`);
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, {
      "Content-Type": MIME_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
      "Content-Length": body.length,
    });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", (e) => {
      if (e.code === "EADDRINUSE") {
        reject(
          new ServeError(
            `port ${port} is already in use: stop the other server (is serve:addin already running?) or pass --port; ` +
              `the development manifest expects 3000, so another port needs a build with --base-url https://localhost:<port>`,
          ),
        );
      } else if (e.code === "EACCES") {
        reject(new ServeError(`not allowed to listen on port ${port}; pick a port above 1023 with --port`));
      } else reject(e);
    });
    server.listen(port, "localhost", () => {
      const address = server.address();
      resolvePromise({ server, url: `https://localhost:${address.port}` });
    });
  });
}

function trustHint(caPath) {
  switch (process.platform) {
    case "win32":
      return `Trust it once for your user (no administrator needed): npx office-addin-dev-certs install`;
    case "darwin":
      return `Trust it once in your login keychain (macOS asks for your password, not sudo): npx office-addin-dev-certs install`;
    default:
      return `Excel on the web in a browser on this machine: import ${caPath} as a trusted authority in the browser's certificate settings.`;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const options = parseArgs(process.argv.slice(2));
    const tls = await ensureCertificates(options.certDir);
    const { url } = await serveAddin({ ...options, tls });
    console.log(`Serving ${options.dir} at ${url}/ (manifest: ${url}/manifest.xml).`);
    console.log(`Certificates ${tls.generated ? "generated in" : "from"} ${options.certDir}.`);
    console.log(trustHint(tls.paths.ca));
    console.log("Press Ctrl+C to stop.");
  } catch (e) {
    if (!(e instanceof ServeError)) throw e;
    console.error(`serve:addin failed: ${e.message}`);
    process.exitCode = 1;
  }
}
