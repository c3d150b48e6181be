import { beforeEach, describe, expect, it, vi } from "vitest";
import type { StatusView, UiReplies } from "../../../../extension/protocol/replies";
import {
  fakeBrowser,
  fakeServer,
  keptRuleBook,
  jsonResponse,
  ruleBookText,
  RULES_URL,
  send,
  senders,
  startTestBackground,
  stubMissingApis,
} from "./harness";

// Revisions only go forward: the background keeps the highest revision it applied per source.

let server: ReturnType<typeof fakeServer>;
const clock = { now: Date.UTC(2026, 10, 21, 9, 0) };

const revision = (n: number, edit?: (b: Record<string, unknown>) => void) =>
  ruleBookText((b) => {
    (b["meta"] as { revision: number }).revision = n;
    edit?.(b);
  });
const serve = (text: string, etag: string) => (server.handler = () => jsonResponse(text, etag));
const refresh = async (bg: Parameters<typeof send>[0]) =>
  (await send(bg, { kind: "ui/refresh" }, senders.options)) as StatusView;
const status = async (bg: Parameters<typeof send>[0]) =>
  (await send(bg, { kind: "ui/status" }, senders.popup)) as StatusView;
const reset = async (bg: Parameters<typeof send>[0], source: string) =>
  (await send(bg, { kind: "ui/reset-revision", source }, senders.options)) as UiReplies["ui/reset-revision"];

async function startAt10() {
  serve(revision(10), '"r10"');
  const started = startTestBackground(server, clock);
  await send(started.bg, { kind: "ui/set-settings", rulesUrl: RULES_URL }, senders.options);
  expect((await status(started.bg)).ruleBook.revision).toBe(10);
  return started;
}

beforeEach(() => {
  fakeBrowser.reset();
  stubMissingApis();
  server = fakeServer();
  clock.now = Date.UTC(2026, 10, 21, 9, 0);
});

describe("revisions only go forward", () => {
  it("refuses an older revision from the server, keeps the one in use and says so, also after a restart", async () => {
    const { bg, dbName } = await startAt10();
    serve(revision(3), '"r3"');
    clock.now += 60_000;
    const after = await refresh(bg);
    expect(after.ruleBook).toMatchObject({ revision: 10, source: RULES_URL });
    expect(after.ruleBook.error?.message).toBe(
      "The server now serves revision 3, older than revision 10 in use.",
    );
    expect(after.ruleBook.error?.details).toEqual([
      `Source: ${RULES_URL}`,
      "Headroom keeps revision 10: a rule book never goes back to an older revision on its own.",
      "If going back to revision 3 is intended, reset the highest revision on the options page (Rule book in use → Reset highest revision): the server's rule book is then taken at once.",
    ]);
    expect(after.ruleBook.highestRevision).toEqual({
      source: `url:${RULES_URL}`,
      label: RULES_URL,
      revision: 10,
      refused: true,
    });
    expect(bg.book?.meta.revision).toBe(10);

    // A restarted service worker remembers revision 10 and refuses revision 3 again.
    const again = startTestBackground(server, clock, dbName).bg;
    clock.now += 60_000;
    const restarted = await refresh(again);
    expect(restarted.ruleBook.revision).toBe(10);
    expect(restarted.ruleBook.error?.message).toMatch(/revision 3, older than revision 10 in use/);
  });

  it("takes a changed rule book with the same revision, warning that the revision was not raised, until a higher one", async () => {
    const { bg } = await startAt10();
    serve(
      revision(10, (b) => ((b["budgets"] as { amount: string }[])[0]!.amount = "1300000.00")),
      '"r10-edited"',
    );
    const same = await refresh(bg);
    expect(same.ruleBook.error).toBeNull();
    expect(bg.book?.budgets[0]?.amount).toBe(130_000_000);
    expect(same.ruleBook.revisionWarning).toBe(
      `The revision was not raised: ${RULES_URL} changed but still says revision 10. Ask the rule book's owner to raise meta.revision with every change, so every client can tell the versions apart.`,
    );

    serve(revision(11), '"r11"');
    const raised = await refresh(bg);
    expect(raised.ruleBook).toMatchObject({ revision: 11, revisionWarning: null, error: null });
    expect(raised.ruleBook.highestRevision).toMatchObject({ revision: 11, refused: false });
  });

  it("takes the same text under a new ETag quietly", async () => {
    const { bg } = await startAt10();
    serve(revision(10), '"r10-moved"');
    const moved = await refresh(bg);
    expect(moved.ruleBook).toMatchObject({ revision: 10, revisionWarning: null, error: null });
  });

  it("lets an administrator reset the highest revision from the options page, and then takes the older one", async () => {
    const { bg } = await startAt10();
    serve(revision(3), '"r3"');
    await refresh(bg);
    // Only the source the status offers can be reset.
    const wrong = await reset(bg, "url:https://elsewhere.example/rules.json");
    expect(wrong.ok).toBe(false);
    expect((await status(bg)).ruleBook.revision).toBe(10);

    const done = await reset(bg, `url:${RULES_URL}`);
    expect(done.ok).toBe(true);
    if (!done.ok) return;
    expect(done.status.ruleBook).toMatchObject({ revision: 3, error: null, revisionWarning: null });
    expect(done.status.ruleBook.highestRevision).toMatchObject({ revision: 3, refused: false });
    // From now on revision 3 is the highest: 2 is refused.
    serve(revision(2), '"r2"');
    expect((await refresh(bg)).ruleBook.error?.message).toBe(
      "The server now serves revision 2, older than revision 3 in use.",
    );
  });

  it("lets an administrator reset it through policy: each new resetRevisionMark value resets once", async () => {
    const { bg } = await startAt10();
    serve(revision(3), '"r3"');
    expect((await refresh(bg)).ruleBook.revision).toBe(10);

    await fakeBrowser.storage.managed.set({ resetRevisionMark: "ticket-4711" });
    await vi.waitFor(async () => expect((await status(bg)).ruleBook.revision).toBe(3));
    expect((await status(bg)).ruleBook.highestRevision).toMatchObject({ revision: 3 });

    // The same value again (a restart, a policy refresh) resets nothing: revision 2 is refused.
    serve(revision(2), '"r2"');
    expect(await bg.applyRevisionResetPolicy()).toBe(false);
    expect((await refresh(bg)).ruleBook.error?.message).toMatch(/revision 2, older than revision 3 in use/);
  });

  it("refuses an imported file older than the one imported before under that name", async () => {
    const { bg } = startTestBackground(server, clock);
    const importFile = (text: string) =>
      send(bg, { kind: "ui/import-rules", fileName: "rules.json", text }, senders.options) as Promise<
        UiReplies["ui/import-rules"]
      >;
    expect((await importFile(revision(10))).ok).toBe(true);
    const older = await importFile(revision(9));
    expect(older).toMatchObject({
      ok: false,
      error: { message: "This file is revision 9, older than revision 10 in use." },
    });
    expect((await status(bg)).ruleBook.revision).toBe(10);
  });

  it("counts a rule book kept by an earlier version (no highest revision yet) as the highest", async () => {
    const dbName = "headroom-revision-upgrade";
    await keptRuleBook(dbName, revision(10), '"r10"', clock.now);
    serve(revision(3), '"r3"');
    const { bg } = startTestBackground(server, clock, dbName);
    await send(bg, { kind: "ui/set-settings", rulesUrl: RULES_URL }, senders.options);
    const s = await refresh(bg);
    expect(s.ruleBook.revision).toBe(10);
    expect(s.ruleBook.error?.message).toBe(
      "The server now serves revision 3, older than revision 10 in use.",
    );
  });
});
