import { err, ok } from "../result";
import type { Result } from "../result";
import { fromYmd } from "./plain-date";
import type { PlainDate } from "./plain-date";

/** Excel's two date systems: "1900" (Windows default) and "1904" (old Mac workbooks). */
export type ExcelDateSystem = "1900" | "1904";

/** 1899-12-31, Excel's "1900-01-00": serial 1 is the day after. Valid for serials 1-59. */
const DAY_ZERO_1900 = fromYmd(1899, 12, 31);
/** From serial 61 (1900-03-01) on, serials count one extra day for the fictitious 1900-02-29. */
const DAY_ZERO_1900_AFTER_BUG = DAY_ZERO_1900 - 1;
/** 1904-01-01 is serial 0 in the 1904 system. */
const DAY_ZERO_1904 = fromYmd(1904, 1, 1);
/** 9999-12-31 is the last date Excel accepts, in both systems. */
const LAST_DATE = fromYmd(9999, 12, 31);
const MAX_SERIAL_1900 = LAST_DATE - DAY_ZERO_1900_AFTER_BUG;
const MAX_SERIAL_1904 = LAST_DATE - DAY_ZERO_1904;
/** Serial 60 is 1900-02-29, a day that never existed (Lotus 1-2-3 compatibility). */
const LOTUS_LEAP_DAY = 60;

/**
 * Converts an Excel date serial to a date. A fractional part (the time of day) is dropped.
 *
 * 1900 system: serial 1 is 1900-01-01 and 59 is 1900-02-28; 60 is the fictitious 1900-02-29 that
 * Excel keeps for Lotus 1-2-3 compatibility and is rejected; 61 is 1900-03-01. Serials below 1
 * ("1900-01-00") are rejected. 1904 system: serial 0 is 1904-01-01.
 * Negative, non-finite and post-9999-12-31 serials are rejected with a message.
 */
export function excelSerialToDate(serial: number, system: ExcelDateSystem): Result<PlainDate> {
  if (!Number.isFinite(serial)) return err(`Excel date serial ${serial} is not a finite number`);
  const first = system === "1900" ? "1900-01-01" : "1904-01-01";
  if (serial < 0) {
    return err(`Excel date serial ${serial} is negative; the ${system} date system starts at ${first}`);
  }
  const day = Math.floor(serial);
  if (system === "1904") {
    if (day > MAX_SERIAL_1904) return err(tooLate(serial));
    return ok(DAY_ZERO_1904 + day);
  }
  if (day === 0) {
    return err(
      `Excel date serial ${serial} is Excel's "1900-01-00", a time of day with no date; the 1900 date system starts at serial 1 (1900-01-01)`,
    );
  }
  if (day < LOTUS_LEAP_DAY) return ok(DAY_ZERO_1900 + day);
  if (day === LOTUS_LEAP_DAY) {
    return err(
      `Excel date serial ${serial} is 1900-02-29, which never existed (Excel keeps Lotus 1-2-3's leap-year bug); 59 is 1900-02-28 and 61 is 1900-03-01`,
    );
  }
  if (day > MAX_SERIAL_1900) return err(tooLate(serial));
  return ok(DAY_ZERO_1900_AFTER_BUG + day);
}

function tooLate(serial: number): string {
  return `Excel date serial ${serial} is after 9999-12-31, the last date Excel supports`;
}

/**
 * Converts a date to its Excel serial: the exact inverse of {@link excelSerialToDate} for dates
 * Excel supports (1900 system: 1900-01-01..9999-12-31, where dates before 1900-03-01 get
 * serials 1-59; 1904 system: 1904-01-01..9999-12-31). Dates outside that range give serials
 * Excel does not accept (below 1 in the 1900 system, negative in the 1904 system, or above the
 * maximum), so check the range first when that matters.
 */
export function dateToExcelSerial(date: PlainDate, system: ExcelDateSystem): number {
  if (system === "1904") return date - DAY_ZERO_1904;
  return date - (date > DAY_ZERO_1900 + 59 ? DAY_ZERO_1900_AFTER_BUG : DAY_ZERO_1900);
}
