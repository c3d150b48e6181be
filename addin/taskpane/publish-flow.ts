import {
  budgetTableToSection,
  mapBudgetColumns,
  type BudgetMapping,
  type BudgetRowError,
} from "../../shared/publish/budget-table";
import { publishBudgets, type BudgetPublish, type PublishIssue } from "../../shared/publish/publish-budgets";
import type { LoadedRuleBook } from "../runtime/rule-book-store";
import type { DataRegion } from "../excel/find-data";
import { locateData, readRegionRows } from "../excel/workbook";
import { formatIsoDate, todayLocal } from "../../shared/dates/plain-date";
import { corsAdvice, credentialsFor, crossOrigin, etagsOf, fetchedFiles } from "./rule-book-source";

/** The budget table found, with its mapping. */
export type BudgetTable = { region: DataRegion; mapping: BudgetMapping };

/** Finds the budget table: the table under the selection (else the first table, else the used range). */
export async function locateBudgetTable(): Promise<BudgetTable> {
  const { region } = await locateData();
  return { region, mapping: mapBudgetColumns(region.headers) };
}

/**
 * A preview, with the ETags of the files it was built from (sent as If-Match when it is saved) and
 * whether the rule book was loaded with the analyst's sign-in cookies (a save sends them likewise).
 */
export type Preview = BudgetPublish & { etags: ReadonlyMap<string, string | null>; withCookies?: boolean };

/**
 * Reads the budget table and builds the new rule book: the preview, or what is wrong, by sheet row.
 * The table's spent and committed are published as taken `today` (`figuresAsOf`), so a register
 * checked later does not count the purchases already in them a second time.
 */
export async function previewPublish(
  loaded: LoadedRuleBook,
  table: BudgetTable,
  today: number = todayLocal(),
): Promise<
  { ok: true; value: Preview } | { ok: false; rowErrors: BudgetRowError[]; issues: PublishIssue[] }
> {
  const { rows } = await readRegionRows(table.region);
  const section = budgetTableToSection(rows, table.mapping, {
    baseCurrency: loaded.book.meta.baseCurrency,
    firstRow: table.region.rowIndex + 2,
    headers: table.region.headers,
    existing: loaded.book.source.budgets ?? [],
    figuresAsOf: formatIsoDate(today),
  });
  if (!section.ok) return { ok: false, rowErrors: section.errors, issues: [] };
  const published = publishBudgets(loaded.files, section.value, section.rowOfIndex);
  if (!published.ok) return { ok: false, rowErrors: [], issues: published.errors };
  const withCookies = loaded.origin.kind === "url" && loaded.origin.withCookies === true;
  return { ok: true, value: { ...published.value, etags: etagsOf(loaded), withCookies } };
}

export type PutOutcome =
  { ok: true; etags: Record<string, string | null> } | { ok: false; conflict: boolean; message: string };

/**
 * Saves the changed files to their URLs with PUT and `If-Match` on the ETag each was loaded with,
 * so a file someone else changed since is never overwritten: the server answers 412 and the
 * analyst reloads and re-applies. A file without a known ETag is not sent (the server could not
 * protect it).
 */
export async function putChangedFiles(
  publish: Preview,
  fetchImpl: typeof fetch = fetch,
): Promise<PutOutcome> {
  const etags: Record<string, string | null> = {};
  // One PUT per file cannot be all-or-nothing: a conflict on the second file would leave the first
  // saved and the rule book half changed. Several changed files are saved by hand. The one exception
  // is the file that holds meta when only its revision went up: it is saved last, so whatever
  // happens the budgets are whole, and a revision that could not be raised is said (clients warn
  // "revision was not raised" until it is).
  const raisedAlone = publish.revision?.alone ? publish.revision.file : null;
  const content = publish.changed.filter((name) => name !== raisedAlone);
  if (content.length > 1) {
    return {
      ok: false,
      conflict: false,
      message: `Publishing changes ${publish.changed.length} files (${publish.changed.join(", ")}); saving them one by one could leave the rule book half changed. Download them and commit them together.`,
    };
  }
  const order = raisedAlone === null ? content : [...content, raisedAlone];
  // Every file must be guarded by its ETag before the first is sent.
  for (const name of order) {
    const problem = etagProblem(publish, name);
    if (problem) return problem;
  }
  for (const name of order) {
    const failed = await putOne(publish, name, fetchImpl, etags);
    if (failed === null) continue;
    if (name !== raisedAlone || content.length === 0) return failed;
    return {
      ...failed,
      message: `The budgets were saved to ${content.join(", ")}, but the revision could not be raised in ${name}: ${failed.message} Until it is, the rule book on the server has new budgets under revision ${publish.revision!.from}, which Headroom's clients take with the warning "revision was not raised". Reload the rule book and publish again to raise it.`,
    };
  }
  return { ok: true, etags };
}

/** Why `name` cannot be saved with If-Match (no ETag, or a weak one), or null when it can. */
function etagProblem(publish: Preview, name: string): (PutOutcome & { ok: false }) | null {
  const etag = publish.etags.get(name);
  // If-Match compares strongly: a weak ETag (W/"…", what compressing servers send) never matches.
  if (etag && !etag.startsWith("W/")) return null;
  return {
    ok: false,
    conflict: false,
    message: etag
      ? `The server sent only a weak ETag for ${name}, so it cannot guard the save against someone else's edit. Download the file and save it by hand, or ask for strong ETags on the rule book's host.`
      : `${name} was loaded without an ETag Headroom could read, so saving it could overwrite someone else's edit. Download the file and save it by hand, or ask IT to send an ETag with each file${crossOrigin(name) ? " and to list it in Access-Control-Expose-Headers (the server is on another origin, and the browser hides headers it does not list)" : ""}.`,
  };
}

/** PUTs one changed file with If-Match; null when saved (its new ETag in `etags`), else why not. */
async function putOne(
  publish: Preview,
  name: string,
  fetchImpl: typeof fetch,
  etags: Record<string, string | null>,
): Promise<(PutOutcome & { ok: false }) | null> {
  const etag = publish.etags.get(name)!;
  const text = publish.files.find((f) => f.name === name)!.text;
  let response: Response;
  try {
    response = await fetchImpl(name, {
      method: "PUT",
      headers: { "If-Match": etag, "Content-Type": "application/json" },
      body: text,
      credentials: credentialsFor(publish.withCookies === true),
    });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    const server = crossOrigin(name);
    // Across origins the browser also hides an answer the server did not allow (CORS), even to a
    // PUT the server carried out: whether it was saved cannot be known here.
    return {
      ok: false,
      conflict: false,
      message: server
        ? `The save to ${name} got no answer the add-in may read (${why}): the server could not be reached, or it did not allow this add-in to save (CORS). Reload the rule book to see whether it was saved before trying again. ${corsAdvice(server, publish.withCookies === true).join(" ")}`
        : `Could not reach ${name} (${why}). Nothing was saved; try again or download the file.`,
    };
  }
  if (response.status === 412) {
    return {
      ok: false,
      conflict: true,
      message: `${name} was changed by someone else since you loaded it. Nothing was overwritten: reload the rule book, then preview and publish your budgets again.`,
    };
  }
  if (!response.ok) {
    return {
      ok: false,
      conflict: false,
      message: `${name}: the server refused the save (${response.status} ${response.statusText}). Nothing was changed there; download the file instead, or ask the rule book's owner for write access.`,
    };
  }
  const saved = response.headers.get("ETag");
  fetchedFiles.set(name, { text, etag: saved });
  etags[name] = saved;
  return null;
}
