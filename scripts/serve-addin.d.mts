import type { Server } from "node:https";

/** Types of scripts/serve-addin.mjs, for the demo that reuses it. */
export class ServeError extends Error {}
export function ensureCertificates(certDir: string): Promise<{
  paths: { ca: string; cert: string; key: string };
  generated: boolean;
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}>;
export function serveAddin(options: {
  port: number;
  dir: string;
  tls: { ca: Buffer; cert: Buffer; key: Buffer };
}): Promise<{ server: Server; url: string }>;
