import { runExcel } from "./run";

/**
 * Small facts Headroom keeps in the workbook itself, in `Workbook.settings` (ExcelApi 1.4): saved
 * with the file, private to this add-in and this workbook, and read or written in an ordinary batch.
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.settingcollection
 * https://learn.microsoft.com/en-us/office/dev/add-ins/develop/persisting-add-in-state-and-settings#settings-in-excel-and-word
 * Large text (the rule book, the column mapping) goes in custom XML parts instead (document-store.ts).
 */
export const SETTING_KEYS = {
  /** "1900" or "1904": the analyst's answer when Excel could not say which date system the workbook uses. */
  dateSystem: "headroom.dateSystem",
  /** `RememberedRuleBookUrl`: where the rule book was last loaded from, so the workbook loads it when it opens. */
  ruleBookUrl: "headroom.ruleBookUrl",
  /** "YYYY-MM-DD": the local day the HEADROOM.* cells were last computed for (functions/cells-day.ts). */
  cellsDay: "headroom.cellsDay",
} as const;

export type SettingKey = (typeof SETTING_KEYS)[keyof typeof SETTING_KEYS];

/** The value stored under `key`, or undefined when the workbook has none. */
export async function readSetting(context: Excel.RequestContext, key: SettingKey): Promise<unknown> {
  const setting = context.workbook.settings.getItemOrNullObject(key);
  setting.load("value");
  await context.sync();
  return setting.isNullObject ? undefined : (setting.value as unknown);
}

/** Stores `value` (plain JSON) under `key`, replacing what was there. */
export async function writeSetting(
  context: Excel.RequestContext,
  key: SettingKey,
  value: unknown,
): Promise<void> {
  context.workbook.settings.add(key, value);
  await context.sync();
}

/** `readSetting` in its own batch. */
export function loadSetting(key: SettingKey): Promise<unknown> {
  return runExcel((context) => readSetting(context, key));
}

/** `writeSetting` in its own batch. */
export function saveSetting(key: SettingKey, value: unknown): Promise<void> {
  return runExcel((context) => writeSetting(context, key, value));
}
