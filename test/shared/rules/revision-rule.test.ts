import { describe, expect, it } from "vitest";
import {
  decideRevision,
  markAfterApply,
  revisionStepWarning,
  ruleBookFingerprint,
  type RevisionContext,
  type RevisionMark,
} from "../../../shared/rules/revision-rule";

const URL = "https://rules.example.com/rules.json";
const server: RevisionContext = {
  source: URL,
  from: "server",
  inUse: true,
  resetHint: "reset the highest revision on the options page.",
};
const text10 = ['{"meta": {"revision": 10}}'];
const mark10: RevisionMark = { revision: 10, fingerprint: ruleBookFingerprint(text10), at: 1 };

describe("decideRevision", () => {
  it("applies the first rule book from a source, whatever its revision", () => {
    expect(decideRevision(null, { revision: 3, fingerprint: "x" }, server)).toEqual({
      action: "apply",
      warning: null,
    });
  });

  it("applies a higher revision quietly", () => {
    expect(decideRevision(mark10, { revision: 11, fingerprint: "other" }, server)).toEqual({
      action: "apply",
      warning: null,
    });
  });

  it("applies the same revision with the same text quietly", () => {
    const same = { revision: 10, fingerprint: ruleBookFingerprint([...text10]) };
    expect(decideRevision(mark10, same, server)).toEqual({ action: "apply", warning: null });
  });

  it("applies the same revision with changed text, warning that the revision was not raised", () => {
    const changed = { revision: 10, fingerprint: ruleBookFingerprint(['{"meta": {"revision": 10}} ']) };
    const d = decideRevision(mark10, changed, server);
    expect(d.action).toBe("apply");
    expect(d.action === "apply" && d.warning).toBe(
      `The revision was not raised: ${URL} changed but still says revision 10. Ask the rule book's owner to raise meta.revision with every change, so every client can tell the versions apart.`,
    );
  });

  it("refuses a lower revision, saying which is in use, where, and how to reset", () => {
    const d = decideRevision(mark10, { revision: 3, fingerprint: "old" }, server);
    expect(d).toEqual({
      action: "refuse",
      message: "The server now serves revision 3, older than revision 10 in use.",
      details: [
        `Source: ${URL}`,
        "Headroom keeps revision 10: a rule book never goes back to an older revision on its own.",
        "If going back to revision 3 is intended, reset the highest revision on the options page.",
      ],
    });
  });

  it("words a refused file, and a source whose rule book is no longer the one in use", () => {
    const file = { ...server, source: "file rules.json", from: "file" as const, inUse: false };
    const d = decideRevision(mark10, { revision: 9, fingerprint: "old" }, file);
    expect(d.action === "refuse" && d.message).toBe(
      "This file is revision 9, older than revision 10, applied before from this source.",
    );
    expect(d.action === "refuse" && d.details[1]).toMatch(/keeps the rule book in use/);
  });
});

describe("markAfterApply", () => {
  it("rises to the applied revision and keeps its fingerprint", () => {
    expect(markAfterApply(mark10, { revision: 12, fingerprint: "f12" }, 5)).toEqual({
      revision: 12,
      fingerprint: "f12",
      at: 5,
    });
    expect(markAfterApply(null, { revision: 3, fingerprint: "f3" }, 5)).toEqual({
      revision: 3,
      fingerprint: "f3",
      at: 5,
    });
  });

  it("takes the new fingerprint at the same revision, and never goes down", () => {
    expect(markAfterApply(mark10, { revision: 10, fingerprint: "g" }, 7)).toEqual({
      revision: 10,
      fingerprint: "g",
      at: 7,
    });
    expect(markAfterApply(mark10, { revision: 4, fingerprint: "g" }, 7)).toBe(mark10);
  });
});

describe("ruleBookFingerprint", () => {
  it("is the same for the same texts and differs for any change, including where files split", () => {
    const a = ruleBookFingerprint(['{"a": 1}', '{"b": 2}']);
    expect(ruleBookFingerprint(['{"a": 1}', '{"b": 2}'])).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    const others = [
      ['{"a": 1}', '{"b": 3}'],
      ['{"a": 1}{"b"', ": 2}"],
      ['{"b": 2}', '{"a": 1}'],
      ['{"a": 1}'],
    ].map(ruleBookFingerprint);
    expect(new Set([a, ...others]).size).toBe(5);
  });
});

describe("revisionStepWarning", () => {
  it("says nothing when the revision goes up, or stays with nothing changed", () => {
    expect(revisionStepWarning(14, 15, true)).toBeNull();
    expect(revisionStepWarning(14, 14, false)).toBeNull();
  });

  it("says when a changed rule book keeps its revision, and when the revision goes back", () => {
    expect(revisionStepWarning(14, 14, true)).toMatch(
      /^revision not raised: both rule books say revision 14/,
    );
    expect(revisionStepWarning(14, 3, false)).toBe(
      "revision goes back: the new rule book says revision 3, lower than 14; clients that applied revision 14 refuse it and keep theirs",
    );
  });
});
