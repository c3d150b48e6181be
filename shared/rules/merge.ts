import type { RuleFile } from "./file-schema";
import type { RuleIssue } from "./issues";
import { LIST_SECTIONS, SECTION_NAMES, SECTION_OWNERS, type SectionName } from "./sections";

/** A validated file and the name it is reported under (a path relative to the rule book, or a URL). */
export type NamedRuleFile = { name: string; file: RuleFile };

/** The sections of all files put together, before cross-checks. */
export type MergedSections = Omit<RuleFile, "$schema" | "schemaVersion" | "team" | "include">;

/** Where each merged entry came from, so later errors name the file and the path inside it. */
export type Origins = {
  /** For object sections: the file. */
  sections: Partial<Record<SectionName, string>>;
  /** For list sections: per merged index, the file and the index inside that file. */
  entries: Partial<Record<SectionName, { file: string; index: number }[]>>;
};

/**
 * Puts team files together. A file that declares a team may only write that team's sections; an object
 * section (meta, paymentPolicy, fxRates) may come from one file only; list sections are concatenated in
 * file order, so splitting a list across files of its team gives the same rule book as one file.
 */
export function mergeRuleFiles(files: readonly NamedRuleFile[]): {
  merged: MergedSections;
  origins: Origins;
  issues: RuleIssue[];
} {
  const merged: Record<string, unknown> = {};
  const origins: Origins = { sections: {}, entries: {} };
  const issues: RuleIssue[] = [];

  for (const { name, file } of files) {
    for (const section of SECTION_NAMES) {
      const value = file[section];
      if (value === undefined) continue;
      const owners: readonly string[] = SECTION_OWNERS[section];
      if (file.team && !owners.includes(file.team)) {
        issues.push({
          file: name,
          path: section,
          message: `this file belongs to team "${file.team}", but ${section} is owned by ${ownerWords(owners)}; move it to a ${ownerWords(owners)} file`,
        });
        continue;
      }
      if (LIST_SECTIONS.has(section)) {
        const list = (merged[section] ??= []) as unknown[];
        const from = (origins.entries[section] ??= []);
        (value as unknown[]).forEach((entry, index) => {
          list.push(entry);
          from.push({ file: name, index });
        });
      } else if (origins.sections[section] !== undefined) {
        issues.push({
          file: name,
          path: section,
          message: `${section} is already defined in ${origins.sections[section]}; keep it in one file only`,
        });
      } else {
        merged[section] = value;
        origins.sections[section] = name;
      }
    }
  }
  return { merged: merged as MergedSections, origins, issues };
}

function ownerWords(owners: readonly string[]): string {
  return owners.length === 1 ? `team "${owners[0]}"` : owners.map((o) => `"${o}"`).join(" or ");
}
