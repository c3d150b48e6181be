import "fake-indexeddb/auto";
import { vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { HeadroomBackground } from "../../../../extension/background/headroom-background";
import { listenForEvents } from "../../../../extension/background/events";
import { listenForMessages, route } from "../../../../extension/background/router";
import { forgetPolicy } from "../../../../extension/background/settings";
import { openRulesDb } from "../../../../extension/storage/rules-db";
import { exampleSingleFile } from "../../../helpers/rule-files";

/** A minimal event with `trigger`, for the APIs fakeBrowser leaves unimplemented. */
function fakeEvent<A extends unknown[]>() {
  const listeners = new Set<(...args: A) => unknown>();
  return {
    addListener: (l: (...args: A) => unknown) => void listeners.add(l),
    removeListener: (l: (...args: A) => unknown) => void listeners.delete(l),
    hasListener: (l: (...args: A) => unknown) => listeners.has(l),
    trigger: async (...args: A) => Promise.all([...listeners].map((l) => l(...args))),
  };
}

type Script = { id: string; js?: string[]; matches?: string[]; runAt?: string; allFrames?: boolean };

/**
 * fakeBrowser implements storage, alarms, action, runtime and tabs, but not `permissions`,
 * `scripting` or `tabs.sendMessage`: these are recording fakes that behave like the browser's.
 */
export function stubMissingApis(initialGrants: string[] = []) {
  const granted = new Set(initialGrants);
  const permissions = {
    getAll: vi.fn(async () => ({ origins: [...granted], permissions: ["storage", "alarms", "scripting"] })),
    onAdded: fakeEvent<[{ origins?: string[] }]>(),
    onRemoved: fakeEvent<[{ origins?: string[] }]>(),
    /** What the user does in the browser's prompt or settings, then the event the browser fires. */
    async grant(origins: string[]) {
      origins.forEach((o) => granted.add(o));
      await permissions.onAdded.trigger({ origins });
    },
    async revoke(origins: string[]) {
      origins.forEach((o) => granted.delete(o));
      await permissions.onRemoved.trigger({ origins });
    },
  };
  const registered = new Map<string, Script>();
  const scripting = {
    calls: [] as { op: string; scripts: Script[] | string[] }[],
    registered,
    getRegisteredContentScripts: vi.fn(async (filter?: { ids?: string[] }) =>
      [...registered.values()]
        .filter((s) => !filter?.ids || filter.ids.includes(s.id))
        .map((s) => structuredClone(s)),
    ),
    registerContentScripts: vi.fn(async (scripts: Script[]) => {
      for (const s of scripts) {
        if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        registered.set(s.id, structuredClone(s));
      }
      scripting.calls.push({ op: "register", scripts });
    }),
    updateContentScripts: vi.fn(async (scripts: Script[]) => {
      for (const s of scripts) {
        if (!registered.has(s.id)) throw new Error(`No script with ID '${s.id}'`);
        registered.set(s.id, { ...registered.get(s.id)!, ...structuredClone(s) });
      }
      scripting.calls.push({ op: "update", scripts });
    }),
    /** Scripts started in open tabs: tab id and files. */
    executed: [] as { tabId: number; files: string[] }[],
    executeScript: vi.fn(async (injection: { target: { tabId: number }; files: string[] }) => {
      scripting.executed.push({ tabId: injection.target.tabId, files: injection.files });
      return [];
    }),
    unregisterContentScripts: vi.fn(async (filter?: { ids?: string[] }) => {
      const ids = filter?.ids ?? [...registered.keys()];
      ids.forEach((id) => registered.delete(id));
      scripting.calls.push({ op: "unregister", scripts: ids });
    }),
  };
  const tabMessages: { tabId: number; message: unknown }[] = [];
  const broadcasts: unknown[] = [];
  // In a browser the background never receives its own broadcasts; fakeBrowser would loop them back.
  fakeBrowser.runtime.sendMessage = vi.fn(async (message: unknown) => {
    broadcasts.push(message);
  }) as unknown as typeof fakeBrowser.runtime.sendMessage;
  Object.assign(fakeBrowser.permissions, permissions);
  Object.assign(fakeBrowser.scripting, scripting);
  fakeBrowser.tabs.sendMessage = vi.fn(async (tabId: number, message: unknown) => {
    tabMessages.push({ tabId, message });
  }) as unknown as typeof fakeBrowser.tabs.sendMessage;
  return { permissions, scripting, tabMessages, broadcasts };
}

/** A rules server: each test sets `handler`; requests are recorded with their headers. */
export function fakeServer() {
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const server = {
    requests,
    handler: (_req: Request): Response | Promise<Response> => new Response("not set", { status: 500 }),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      requests.push({ url: req.url, headers: Object.fromEntries(req.headers) });
      const signal = init?.signal;
      return Promise.race([
        server.handler(req),
        new Promise<never>((_, reject) => {
          if (signal?.aborted) reject(new DOMException("aborted", "AbortError"));
          signal?.addEventListener("abort", () =>
            reject(new DOMException("The operation was aborted.", "AbortError")),
          );
        }),
      ]);
    }) as typeof fetch,
  };
  return server;
}

export const RULES_URL = "https://rules.example.com/headroom/rules.json";

/** The example rule book as one file, optionally edited, as the server would send it. */
export function ruleBookText(edit?: (book: Record<string, unknown>) => void): string {
  const book = exampleSingleFile();
  edit?.(book);
  return JSON.stringify(book, null, 2);
}

export const jsonResponse = (body: string, etag = '"r14"') =>
  new Response(body, { status: 200, headers: { "Content-Type": "application/json", ETag: etag } });

/**
 * A database named `dbName` holding `text` as the rule book an earlier run kept from `RULES_URL`, as an
 * earlier version of the extension left it; start a background on it with `startTestBackground`.
 */
export async function keptRuleBook(dbName: string, text: string, etag: string, loadedAt: number) {
  const db = openRulesDb(dbName);
  await db.writeRuleBook({
    source: { kind: "url", url: RULES_URL },
    name: "rules.json",
    text,
    etag,
    loadedAt,
  });
  await db.close();
}

let dbCounter = 0;

/** A background as the service worker starts it, on a fresh database (or `dbName` to restart on one). */
export function startTestBackground(
  server: ReturnType<typeof fakeServer>,
  clock: { now: number },
  dbName = `headroom-test-${++dbCounter}`,
) {
  // A fresh service worker: nothing of the policy read yet.
  forgetPolicy();
  const bg = new HeadroomBackground({
    fetch: server.fetch,
    now: () => clock.now,
    timeoutMs: 50,
    db: openRulesDb(dbName),
  });
  listenForMessages(bg);
  listenForEvents(bg);
  return { bg, dbName };
}

export const EXTENSION_ID = "test-extension-id";

/** Senders as the browser describes them. */
export const senders = {
  options: { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/options.html` },
  popup: { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` },
  content: (url: string, tabId = 7) => ({ id: EXTENSION_ID, url, tab: { id: tabId, url }, frameId: 0 }),
  overlay: (tabUrl: string, tabId = 7) => ({
    id: EXTENSION_ID,
    url: `chrome-extension://${EXTENSION_ID}/overlay.html`,
    tab: { id: tabId, url: tabUrl },
    frameId: 4,
  }),
};

/** Sends a message as `sender` would; undefined when the background drops it. */
export async function send(bg: HeadroomBackground, message: unknown, sender: object): Promise<unknown> {
  const routed = route(bg, message, sender);
  return routed.accepted ? routed.reply() : undefined;
}

export { fakeBrowser };
