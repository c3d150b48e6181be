import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkRulesUrl,
  fileLabel,
  fileNameOf,
  includedUrls,
  readRuleBookFiles,
  readRulesResponse,
  readRulesText,
} from "../../../shared/sync/rules-response";
import { exampleFiles, exampleSingleFile } from "../../helpers/rule-files";
import { repoRoot } from "../../helpers/cli";

const url = "https://rules.example.com/headroom/rules.json";
const good = JSON.stringify(exampleSingleFile(), null, 2);
const ok = (body: string, contentType: string | null = "application/json") =>
  readRulesResponse({ url, status: 200, statusText: "OK", contentType, body });

describe("reading a rules server's answer", () => {
  it("takes a valid rule book, also when served as text/plain by a raw file host", () => {
    const r = ok(good);
    expect(r).toMatchObject({ ok: true, kind: "rules", name: "rules.json" });
    if (r.ok && r.kind === "rules") expect(r.book.meta.revision).toBe(14);
    expect(ok(good, "text/plain; charset=utf-8").ok).toBe(true);
    expect(ok(good, null).ok).toBe(true);
  });

  it("treats 304 as nothing changed", () => {
    expect(readRulesResponse({ url, status: 304, statusText: "", contentType: null, body: "" })).toEqual({
      ok: true,
      kind: "not-modified",
    });
  });

  it("explains server errors with the status and what to do", () => {
    const missing = readRulesResponse({
      url,
      status: 404,
      statusText: "Not Found",
      contentType: "text/plain",
      body: "",
    });
    expect(missing).toEqual({
      ok: false,
      error: {
        message: "The rules server answered 404 Not Found.",
        details: [`URL: ${url}`, "Check the rules URL."],
      },
    });
    const down = readRulesResponse({ url, status: 503, statusText: "", contentType: null, body: "" });
    expect(!down.ok && down.error.message).toBe("The rules server answered 503.");
    const denied = readRulesResponse({
      url,
      status: 403,
      statusText: "Forbidden",
      contentType: null,
      body: "",
    });
    expect(!denied.ok && denied.error.details.join(" ")).toMatch(/sign-in/);
  });

  it("recognises a sign-in page served instead of the file", () => {
    const html = readFileSync(join(repoRoot, "test/fixtures/sync/login-page.html"), "utf8");
    for (const type of ["text/html; charset=utf-8", "application/json", null]) {
      const r = ok(html, type);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.message).toBe("The rules URL returned a web page, not a JSON rule book.");
        expect(r.error.details.join("\n")).toMatch(/sign-in page/);
      }
    }
  });

  it("says a cut-off download is cut off", () => {
    const r = ok(good.slice(0, Math.floor(good.length / 2)));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toMatch(/ends before the JSON is complete/);
      expect(r.error.details[0]).toMatch(/^rules\.json: \(file\): is not valid JSON/);
    }
  });

  it("lists a rule book's validation problems with their paths", () => {
    const broken = exampleSingleFile() as { suppliers: { status: string }[] };
    broken.suppliers[0]!.status = "favourite";
    const r = ok(JSON.stringify(broken));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toBe("rules.json is not a valid rule book (1 problem).");
      expect(r.error.details[0]).toMatch(/^rules\.json: suppliers\[0\]\.status: /);
    }
    const empty = readRulesText("upload.json", "  ");
    expect(!empty.ok && empty.error.message).toBe("upload.json is empty.");
  });
});

describe("rules URL", () => {
  it("allows https anywhere and http only on this computer", () => {
    expect(checkRulesUrl(" https://rules.example.com/r.json ")).toEqual({
      ok: true,
      value: "https://rules.example.com/r.json",
    });
    expect(checkRulesUrl("http://127.0.0.1:8080/r.json").ok).toBe(true);
    expect(checkRulesUrl("http://localhost/r.json").ok).toBe(true);
    expect(checkRulesUrl("http://rules.example.com/r.json")).toEqual({
      ok: false,
      error: "The rules URL must use https:// (plain http is allowed only for localhost).",
    });
    expect(checkRulesUrl("file:///tmp/r.json").ok).toBe(false);
    expect(checkRulesUrl("https://user:pw@rules.example.com/").ok).toBe(false);
    expect(checkRulesUrl("rules.json").ok).toBe(false);
  });

  it("names the file for messages", () => {
    expect(fileNameOf("https://x.example/a/b%20c.json?v=1")).toBe("b c.json");
    expect(fileNameOf("https://x.example/")).toBe("x.example");
  });
});

describe("a cut-off download", () => {
  it("is told apart from a file with a syntax error in the middle", () => {
    const text = JSON.stringify(exampleSingleFile());
    for (const cut of [10, 333, 900, text.length - 1]) {
      const r = readRulesText("rules.json", text.slice(0, cut));
      expect(!r.ok && r.error.message).toMatch(/ends before the JSON is complete/);
    }
    const typo = readRulesText("rules.json", text.replace('"schemaVersion":1', '"schemaVersion":1,,'));
    expect(!typo.ok && typo.error.message).toMatch(/is not a valid rule book/);
  });
});

describe("a rule book in several files", () => {
  it("follows includes on the same server, relative to the including file", () => {
    const root = "https://rules.example.com/headroom/rules.json?v=2";
    const text = JSON.stringify({
      schemaVersion: 1,
      include: ["finance.json", "teams/procurement.json#x", "/shared.json"],
    });
    expect(includedUrls(root, text)).toEqual({
      ok: true,
      value: [
        "https://rules.example.com/headroom/finance.json",
        "https://rules.example.com/headroom/teams/procurement.json",
        "https://rules.example.com/shared.json",
      ],
    });
    expect(includedUrls(root, "{ broken")).toEqual({ ok: true, value: [] });
    const elsewhere = includedUrls(root, JSON.stringify({ include: ["https://evil.example/rules.json"] }));
    expect(!elsewhere.ok && elsewhere.error.message).toBe(
      "rules.json includes a file on another server, which Headroom does not follow.",
    );
  });

  it("names files by their path below the root file's folder", () => {
    const root = "https://rules.example.com/headroom/rules.json";
    expect(fileLabel(root, "https://rules.example.com/headroom/teams/finance.json")).toBe(
      "teams/finance.json",
    );
    expect(fileLabel(root, "https://rules.example.com/other/finance.json")).toBe("finance.json");
  });

  it("validates the files as one rule book and names the file a problem is in", () => {
    const files = Object.entries(exampleFiles()).map(([name, obj]) => ({ name, text: JSON.stringify(obj) }));
    const good = readRuleBookFiles(files);
    expect(good.ok && good.book.meta.revision).toBe(14);
    const cut = files.map((f) => (f.name === "finance.json" ? { ...f, text: f.text.slice(0, 200) } : f));
    const r = readRuleBookFiles(cut);
    expect(!r.ok && r.error.message).toBe(
      "finance.json ends before the JSON is complete: the download may have been cut short.",
    );
    const mixed = files.map((f) =>
      f.name === "procurement.json" ? { ...f, text: f.text.replace('"preferred"', '"favourite"') } : f,
    );
    const bad = readRuleBookFiles(mixed);
    expect(!bad.ok && bad.error.message).toBe("The rule book is not a valid rule book (1 problem).");
    expect(!bad.ok && bad.error.details[0]).toMatch(/^procurement\.json: suppliers\[0\]\.status/);
  });
});

describe("a rule book that is only a part", () => {
  it("refuses an imported root file whose included files cannot come along", () => {
    const root = JSON.stringify({ schemaVersion: 1, include: ["finance.json", "procurement.json"] });
    const r = readRulesText("rules.json", root);
    expect(r).toMatchObject({
      ok: false,
      error: {
        message:
          "rules.json includes finance.json, procurement.json, which an imported file cannot bring along.",
      },
    });
  });

  it("refuses a valid file with no suppliers and no budgets: it must not replace a whole rule book", () => {
    const r = readRulesText("shared.json", JSON.stringify(exampleFiles()["shared.json"]));
    expect(r).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("has no suppliers and no budgets") },
    });
  });
});
