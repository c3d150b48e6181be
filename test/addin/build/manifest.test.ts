import { DOMParser } from "linkedom";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../helpers/cli";
import { buildAddinInto, runNode } from "./run-node";

const work = mkdtempSync(join(tmpdir(), "headroom-addin-manifest-"));
const CUSTOM_BASE = "https://addins.contoso.example/tools/headroom";
const builds = [
  { name: "development", dir: join(work, "dev"), base: "https://localhost:3000", args: [] as string[] },
  {
    name: "custom base URL",
    dir: join(work, "custom"),
    base: CUSTOM_BASE,
    args: ["--base-url", `${CUSTOM_BASE}/`],
  },
];

// Two builds at once: on a busy machine they take longer than the default hook time.
beforeAll(async () => {
  await Promise.all(builds.map((b) => buildAddinInto(b.dir, b.args)));
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function parse(xml: string): Document {
  return new DOMParser().parseFromString(xml, "text/xml") as unknown as Document;
}

const all = (doc: Document, selector: string): Element[] => [...doc.querySelectorAll(selector)];
const attr = (e: Element | null | undefined, name: string) => e?.getAttribute(name) ?? undefined;

/** Every URL in the manifest: DefaultValue attributes (resources, icons, the default page) and element text. */
function urlsOf(doc: Document): string[] {
  const urls = all(doc, "[DefaultValue]")
    .map((e) => e.getAttribute("DefaultValue")!)
    .filter((v) => /^[a-z]+:\/\//i.test(v));
  return urls;
}

function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe("manifest.xml", () => {
  it("parses with office-addin-manifest, at the root and in each build", async () => {
    for (const file of [join(repoRoot, "manifest.xml"), ...builds.map((b) => join(b.dir, "manifest.xml"))]) {
      const info = await runNode(["node_modules/office-addin-manifest/cli.js", "info", file]);
      expect(info.code, info.stderr).toBe(0);
      expect(info.stdout).toContain("Id: ba4b0769-ade3-49f0-aada-c6b07e7f9276");
      expect(info.stdout).toContain("Hosts: Workbook");
      expect(info.stdout).toContain("Type: TaskPaneApp");
    }
  });

  it("defines every resource it references, and references every resource it defines", () => {
    const doc = parse(readFileSync(join(repoRoot, "manifest.xml"), "utf8"));
    const referenced = new Set(all(doc, "[resid]").map((e) => e.getAttribute("resid")!));
    const defined = all(doc, "Resources [id]").map((e) => e.getAttribute("id")!);
    expect(new Set(defined).size, "resource ids are unique").toBe(defined.length);
    expect([...referenced].filter((id) => !defined.includes(id))).toEqual([]);
    expect(defined.filter((id) => !referenced.has(id))).toEqual([]);
    // Office's limits: ids up to 32 characters, short strings up to 125.
    for (const id of defined) expect(id.length, id).toBeLessThanOrEqual(32);
    for (const s of all(doc, "ShortStrings String"))
      expect(attr(s, "DefaultValue")!.length).toBeLessThanOrEqual(125);
  });

  it("states the shared runtime, custom functions and the Home-tab button", () => {
    const doc = parse(readFileSync(join(repoRoot, "manifest.xml"), "utf8"));
    const sets = Object.fromEntries(
      all(doc, "Requirements Set").map((s) => [attr(s, "Name"), attr(s, "MinVersion")]),
    );
    expect(sets).toEqual({ SharedRuntime: "1.1", CustomFunctionsRuntime: "1.3", ExcelApi: "1.9" });
    const runtime = doc.querySelector("Runtimes Runtime");
    expect(attr(runtime, "lifetime")).toBe("long");
    const cf = all(doc, "ExtensionPoint").find((e) => attr(e, "xsi:type") === "CustomFunctions")!;
    const resid = (selector: string) => attr(cf.querySelector(selector), "resid");
    // One page for both: the functions' page is the runtime the task pane uses.
    expect(resid("Page SourceLocation")).toBe(attr(runtime, "resid"));
    const button = all(doc, "Control").find((c) => attr(c, "xsi:type") === "Button")!;
    expect(attr(button.closest("OfficeTab"), "id")).toBe("TabHome");
    const action = button.querySelector("Action")!;
    expect(attr(action, "xsi:type")).toBe("ShowTaskpane");
    expect(attr(action.querySelector("SourceLocation"), "resid")).toBe(attr(runtime, "resid"));
    expect(attr(doc.querySelector("FunctionFile"), "resid")).toBe(attr(runtime, "resid"));
  });

  it("puts SupportUrl where the schema wants it, among OfficeApp's children in their order", () => {
    const doc = parse(readFileSync(join(repoRoot, "manifest.xml"), "utf8"));
    // The order of https://learn.microsoft.com/office/dev/add-ins/develop/manifest-element-ordering
    // for a task pane add-in; an element out of order makes the manifest invalid.
    const order = [
      "Id",
      "AlternateId",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "AppDomains",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "Dictionary",
      "VersionOverrides",
    ];
    const children = [...doc.documentElement.children].map((e) => e.localName);
    expect(children.filter((n) => !order.includes(n))).toEqual([]);
    const positions = children.map((n) => order.indexOf(n));
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect(attr(doc.querySelector("SupportUrl"), "DefaultValue")).toBe("https://localhost:3000/support.html");
  });

  it("names the ribbon as the functions' message does: Check purchases, in the Headroom group", async () => {
    const doc = parse(readFileSync(join(repoRoot, "manifest.xml"), "utf8"));
    const text = (id: string) => attr(doc.querySelector(`Resources [id="${id}"]`), "DefaultValue")!;
    const group = doc.querySelector("OfficeTab Group")!;
    const button = group.querySelector("Control")!;
    const groupLabel = text(attr(group.querySelector(":scope > Label"), "resid")!);
    const buttonLabel = text(attr(button.querySelector(":scope > Label"), "resid")!);
    expect([groupLabel, buttonLabel]).toEqual(["Headroom", "Check purchases"]);
    expect(text(attr(button.querySelector("Supertip Title"), "resid")!)).toBe(buttonLabel);
    const { noRuleBookMessage } = await import("../../../addin/runtime/start-state");
    expect(noRuleBookMessage()).toContain(`click ${buttonLabel} on the Home tab (${groupLabel} group)`);
  });
});

describe.each(builds)("the $name build", ({ dir, base }) => {
  const doc = () => parse(readFileSync(join(dir, "manifest.xml"), "utf8"));
  const urlOf = (d: Document, id: string) => attr(d.querySelector(`Resources [id="${id}"]`), "DefaultValue");

  it("points every URL at a file the build wrote, under its base URL", () => {
    const urls = urlsOf(doc());
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const url of urls) {
      expect(url.startsWith(`${base}/`), url).toBe(true);
      const file = join(dir, url.slice(base.length + 1));
      expect(existsSync(file), `${url} → ${file}`).toBe(true);
    }
    if (base !== "https://localhost:3000")
      expect(readFileSync(join(dir, "manifest.xml"), "utf8")).not.toContain("localhost");
  });

  it("names the functions' script, metadata, page and namespace as the build made them", () => {
    const d = doc();
    const cf = all(d, "ExtensionPoint").find((e) => attr(e, "xsi:type") === "CustomFunctions")!;
    const resid = (selector: string) => attr(cf.querySelector(selector), "resid")!;
    expect(urlOf(d, resid("Script SourceLocation"))).toBe(`${base}/functions.js`);
    expect(urlOf(d, resid("Metadata SourceLocation"))).toBe(`${base}/functions.json`);
    expect(urlOf(d, resid("Page SourceLocation"))).toBe(`${base}/taskpane.html`);
    expect(urlOf(d, resid("Namespace"))).toBe("HEADROOM");
    expect(attr(d.querySelector("SupportUrl"), "DefaultValue")).toBe(`${base}/support.html`);
    expect(attr(d.querySelector("DefaultSettings SourceLocation"), "DefaultValue")).toBe(
      `${base}/taskpane.html`,
    );
    const metadata = JSON.parse(readFileSync(join(dir, "functions.json"), "utf8")) as {
      allowCustomDataForDataTypeAny?: boolean;
      functions: { id: string }[];
    };
    // Data types reach `any` parameters as objects: shared/lookup/cell-args.ts reads or refuses them.
    expect(metadata.allowCustomDataForDataTypeAny).toBe(true);
    // Excel prefixes the namespace itself; ids must not repeat it.
    for (const f of metadata.functions) expect(f.id.startsWith("HEADROOM")).toBe(false);
    const script = readFileSync(join(dir, "functions.js"), "utf8");
    for (const f of metadata.functions)
      expect(script, `functions.js registers ${f.id}`).toContain(`${f.id}:`);
  });

  it("gives icons of the sizes the manifest says", () => {
    const d = doc();
    for (const image of all(d, "Images Image")) {
      const size = Number(/(\d+)x\1$/.exec(attr(image, "id")!)![1]);
      expect(pngSize(join(dir, attr(image, "DefaultValue")!.slice(base.length + 1)))).toEqual([size, size]);
    }
    expect(
      pngSize(join(dir, attr(d.querySelector("IconUrl"), "DefaultValue")!.slice(base.length + 1))),
    ).toEqual([32, 32]);
    const high = attr(d.querySelector("HighResolutionIconUrl"), "DefaultValue")!;
    expect(pngSize(join(dir, high.slice(base.length + 1)))).toEqual([64, 64]);
    expect(pngSize(join(dir, "assets/icon-128.png"))).toEqual([128, 128]);
  });

  it("has a page that loads office.js from Microsoft's CDN, then the functions, then the pane", () => {
    const page = parse(readFileSync(join(dir, "taskpane.html"), "utf8").replace(/^<!doctype html>/i, ""));
    const sources = all(page, "script").map((s) => s.getAttribute("src"));
    expect(sources).toEqual([
      "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
      "functions.js",
      "taskpane.js",
    ]);
    for (const local of sources.slice(1)) expect(existsSync(join(dir, local!))).toBe(true);
  });
});
