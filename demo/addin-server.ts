import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
// The add-in's own dev server (scripts/serve-addin.mjs): the demo serves it exactly as a developer would.
import { ensureCertificates, serveAddin } from "../scripts/serve-addin.mjs";

const dist = fileURLToPath(new URL("../dist/addin", import.meta.url));

/** Serves dist/addin over HTTPS on localhost with the development certificates. */
export async function startAddinServer(port: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const tls = await ensureCertificates(join(homedir(), ".office-addin-dev-certs"));
  const { server, url } = await serveAddin({ port, dir: dist, tls }).catch((e: unknown) => {
    if (e instanceof Error && /already in use/.test(e.message)) {
      throw new Error(
        `Port ${port} is already in use, so the add-in server cannot start. ` +
          `Stop whatever uses it or choose another port with --addin-port <n>.`,
      );
    }
    throw e;
  });
  return { url, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
