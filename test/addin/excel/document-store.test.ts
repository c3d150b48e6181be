import { afterEach, describe, expect, it } from "vitest";
import {
  MAX_PART_BYTES,
  PART_NAMESPACES,
  PartTooLargeError,
  savedAtOf,
  unwrapPart,
  wrapPart,
} from "../../../addin/excel/document-store";
import { loadFromWorkbook, saveToWorkbook } from "../../../addin/excel/workbook";
import { createSimHost, type SimHost } from "../sim/sim-host";
import type { WorkbookSeed } from "../sim/sim-workbook";

const ns = PART_NAMESPACES.ruleBook;
let host: SimHost;
const g = globalThis as Record<string, unknown>;
function install(seed: Partial<WorkbookSeed>) {
  host = createSimHost({ sheets: [], ...seed });
  g["Excel"] = host.Excel;
}
afterEach(() => {
  delete g["Excel"];
});

describe("text stored in the workbook (custom XML parts)", () => {
  it("reads the newest of two parts that co-authors left in one namespace, and a save replaces both", async () => {
    install({
      parts: [
        { namespace: ns, xml: wrapPart(ns, "newer", 2_000) },
        { namespace: ns, xml: wrapPart(ns, "older", 1_000) },
        { namespace: PART_NAMESPACES.mapping, xml: wrapPart(PART_NAMESPACES.mapping, "{}", 5) },
      ],
    });
    expect(await loadFromWorkbook(ns)).toBe("newer");
    await saveToWorkbook(ns, "mine");
    const ours = host.workbook.parts.filter((p) => p.namespace === ns);
    expect(ours).toHaveLength(1);
    expect(unwrapPart(ours[0]!.xml)).toBe("mine");
    expect(savedAtOf(ours[0]!.xml)).toBeGreaterThan(2_000);
    // Another namespace is left alone.
    expect(host.workbook.parts.filter((p) => p.namespace === PART_NAMESPACES.mapping)).toHaveLength(1);
    await saveToWorkbook(ns, null);
    expect(await loadFromWorkbook(ns)).toBeNull();
  });

  it("parts from versions that did not date them count as oldest; of equals the later one wins", async () => {
    const undated = `<?xml version="1.0" encoding="UTF-8"?><headroom xmlns="${ns}">old</headroom>`;
    install({
      parts: [
        { namespace: ns, xml: wrapPart(ns, "dated", 10) },
        { namespace: ns, xml: undated },
      ],
    });
    expect(await loadFromWorkbook(ns)).toBe("dated");
    install({
      parts: [
        { namespace: ns, xml: undated },
        { namespace: ns, xml: undated.replace("old", "later") },
      ],
    });
    expect(await loadFromWorkbook(ns)).toBe("later");
  });

  it("refuses text too large for one request before touching what is stored", async () => {
    install({ parts: [{ namespace: ns, xml: wrapPart(ns, "kept", 1) }] });
    const big = "x".repeat(MAX_PART_BYTES);
    const error = await saveToWorkbook(ns, big).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartTooLargeError);
    expect((error as Error).message).toMatch(/4\.5 MB .* unchanged/);
    expect(await loadFromWorkbook(ns)).toBe("kept");
    // Just under the limit goes through the simulator's 5 MB request check.
    const fits = "y".repeat(MAX_PART_BYTES - 500);
    await saveToWorkbook(ns, fits);
    expect(await loadFromWorkbook(ns)).toBe(fits);
  });

  it("in Excel on the web's Viewing mode a save fails and the stored copy stays", async () => {
    install({ parts: [{ namespace: ns, xml: wrapPart(ns, "kept", 1) }], mode: "view" });
    await expect(saveToWorkbook(ns, "new")).rejects.toMatchObject({ code: "AccessDenied" });
    expect(await loadFromWorkbook(ns)).toBe("kept");
  });
});
