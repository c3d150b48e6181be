import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nodeRuleSource } from "../../../cli/node-source";
import { loadRuleBook } from "../../../shared/rules/load";
import {
  clone,
  exampleFiles,
  exampleRulesDir,
  exampleSingleFile,
  parseObjects,
} from "../../helpers/rule-files";

const source = nodeRuleSource();

describe("loading the example rule book", () => {
  it("loads the directory of team files into one valid rule book", async () => {
    const result = await loadRuleBook(exampleRulesDir, source);
    if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
    const book = result.value;
    expect(book.meta.baseCurrency).toBe("USD");
    expect(book.budgets).toHaveLength(12);
    expect(book.suppliers.length).toBeGreaterThanOrEqual(30);
    expect(new Set(book.budgets.map((b) => b.currency))).toEqual(new Set(["USD", "EUR", "GBP"]));
    const itHw = book.index.budgetsByCostCenter.get("IT-HW")![0]!;
    expect(itHw).toMatchObject({
      amount: 120_000_000,
      spent: 61_245_000,
      committed: 14_820_000,
      action: "stop",
    });
    expect(book.index.suppliersById.get("dell")!.terms).toEqual({
      due: { kind: "net", days: 45 },
      discounts: [{ percent: 2, days: 10 }],
    });
    expect(book.approvals.map((a) => a.atOrAbove)).toEqual([500_000, 1_000_000, 5_000_000, 25_000_000]);
  });

  it("gives the same rule book whether split by team, kept in one file, or included from a root file", async () => {
    const split = await loadRuleBook(exampleRulesDir, source);
    const single = parseObjects({ "rules.json": exampleSingleFile() });
    const dir = mkdtempSync(join(tmpdir(), "headroom-include-"));
    for (const [name, content] of Object.entries(exampleFiles()))
      writeFileSync(join(dir, name), JSON.stringify(content));
    writeFileSync(
      join(dir, "root.json"),
      JSON.stringify({ schemaVersion: 1, include: ["finance.json", "procurement.json", "shared.json"] }),
    );
    const included = await loadRuleBook(join(dir, "root.json"), source);
    expect(split.ok && single.ok && included.ok).toBe(true);
    if (!split.ok || !single.ok || !included.ok) return;
    expect(single.value).toEqual(split.value);
    expect(included.value).toEqual(split.value);
    expect(included.files.map((f) => f.split("/").at(-1))).toEqual([
      "root.json",
      "finance.json",
      "procurement.json",
      "shared.json",
    ]);
  });

  it("concatenates a list section split across two files of its team", () => {
    const files = exampleFiles();
    const procurement = files["procurement.json"]!;
    const suppliers = procurement.suppliers as unknown[];
    const first = { ...procurement, suppliers: suppliers.slice(0, 10) };
    const second = { schemaVersion: 1, team: "procurement", suppliers: suppliers.slice(10) };
    const result = parseObjects({ ...files, "procurement.json": first, "procurement-more.json": second });
    const whole = parseObjects(files);
    expect(result.ok && whole.ok).toBe(true);
    if (result.ok && whole.ok) expect(result.value.suppliers).toEqual(whole.value.suppliers);
  });

  it("reports an unreadable file and a missing include as unreadable, naming the file and the include", async () => {
    const missing = await loadRuleBook("does/not/exist.json", source);
    expect(missing).toMatchObject({ ok: false, unreadable: true });
    if (!missing.ok) expect(missing.errors[0]!.message).toMatch(/no such file/);

    const dir = mkdtempSync(join(tmpdir(), "headroom-missing-include-"));
    writeFileSync(join(dir, "root.json"), JSON.stringify({ schemaVersion: 1, include: ["gone.json"] }));
    const broken = await loadRuleBook(join(dir, "root.json"), source);
    expect(broken).toMatchObject({ ok: false, unreadable: true });
    // Named by the file that includes it and the entry as written there.
    if (!broken.ok)
      expect(broken.errors[0]).toEqual({
        file: expect.stringMatching(/root\.json$/),
        path: "include",
        message: 'includes "gone.json", which cannot be read: no such file or directory',
      });
  });

  it("reports an include loop instead of hanging", async () => {
    const dir = mkdtempSync(join(tmpdir(), "headroom-loop-"));
    const files = exampleFiles();
    writeFileSync(join(dir, "a.json"), JSON.stringify({ ...files["shared.json"], include: ["b.json"] }));
    writeFileSync(
      join(dir, "b.json"),
      JSON.stringify({ schemaVersion: 1, team: "finance", include: ["a.json"] }),
    );
    const result = await loadRuleBook(join(dir, "a.json"), source);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.message).join("\n")).toMatch(/loop/);
  });

  it("keeps the single-file form free of clone side effects", () => {
    const single = exampleSingleFile();
    const copy = clone(single);
    parseObjects({ "rules.json": single });
    expect(single).toEqual(copy);
  });
});
