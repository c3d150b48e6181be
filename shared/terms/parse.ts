import { err, ok } from "../result";
import type { Result } from "../result";
import { minimumNetDays } from "./schedule";
import { tokenize } from "./tokenize";
import type { Token } from "./tokenize";
import type { Discount, DueRule, PaymentTerms, StructuredTerms, TermsError } from "./types";
import { MAX_TERM_DAYS, isDayOfMonth, isDiscountPercent, isTermDays, validateTerms } from "./validate";

type Phrase = readonly string[];

// Phrases are matched on normalised words (lower case, no dots, punctuation dropped), longest first.
const RECEIPT: readonly Phrase[] = [
  ["on", "receipt"],
  ["upon", "receipt"],
  ["at", "receipt"],
  ["receipt"],
  ["immediate"],
  ["immediately"],
];
const DELIVERY: readonly Phrase[] = [
  ["cash", "on", "delivery"],
  ["collect", "on", "delivery"],
  ["on", "delivery"],
  ["upon", "delivery"],
  ["cod"],
];
const ADVANCE: readonly Phrase[] = [
  ["cash", "in", "advance"],
  ["paid", "in", "advance"],
  ["in", "advance"],
  ["cash", "with", "order"],
  ["cash", "before", "delivery"],
  ["advance", "payment"],
  ["pre", "payment"],
  ["pre", "paid"],
  ["prepayment"],
  ["prepaid"],
  ["cia"],
  ["pia"],
  ["cwo"],
  ["cbd"],
];
const END_OF_MONTH: readonly Phrase[] = [
  ["the", "end", "of", "the", "invoice", "month"],
  ["the", "end", "of", "the", "month"],
  ["the", "end", "of", "month"],
  ["the", "month", "end"],
  ["end", "of", "the", "invoice", "month"],
  ["end", "of", "invoice", "month"],
  ["end", "of", "the", "month"],
  ["end", "of", "month"],
  ["month", "end"],
  ["eom"],
];
const INVOICE: readonly Phrase[] = [
  ["the", "date", "of", "the", "invoice"],
  ["date", "of", "the", "invoice"],
  ["the", "date", "of", "invoice"],
  ["date", "of", "invoice"],
  ["the", "invoice", "date"],
  ["invoice", "date"],
  ["the", "invoice"],
  ["invoice"],
];
/** After "on receipt": "of invoice", "of goods". */
const RECEIPT_OF: readonly Phrase[] = [
  ["of", "the", "invoice"],
  ["of", "invoice"],
  ["of", "the", "goods"],
  ["of", "goods"],
];

const NET: ReadonlySet<string> = new Set(["net", "nett", "n"]);
const DAYS: ReadonlySet<string> = new Set(["days", "day", "d"]);
const FROM: ReadonlySet<string> = new Set(["from", "after", "following"]);
const NEXT_MONTH_START: ReadonlySet<string> = new Set(["of", "following", "next", "prox", "proximo"]);
/** Words that carry no meaning of their own: "Payment terms: due within 30 days". */
const FILLERS: ReadonlySet<string> = new Set([
  "terms",
  "term",
  "payment",
  "payable",
  "pay",
  "due",
  "within",
  "in",
  "and",
  "then",
  "the",
  "on",
  "upon",
]);
/** Candidates for "did you mean" hints; abbreviations are shown upper case. */
const KNOWN_WORDS = [
  "net",
  "days",
  "eom",
  "end",
  "month",
  "following",
  "next",
  "prox",
  "invoice",
  "receipt",
  "upon",
  "immediate",
  "cod",
  "cash",
  "delivery",
  "cia",
  "advance",
  "prepaid",
  "prepayment",
];
const ABBREVIATIONS: ReadonlySet<string> = new Set(["eom", "cod", "cia"]);

/** When discount-only text ends in EOM ("2/10 EOM"), net is due this many days after the discount period. */
const EOM_NET_AFTER_DISCOUNT = 20;

type Span = { start: number; end: number };
type DiscountAt = Discount & Span;

/** Internal unwinding for parse errors; parseTerms turns it into a TermsError result. */
class Failure {
  constructor(
    readonly message: string,
    readonly start: number,
    readonly end: number,
  ) {}
}

function fail(message: string, start: number, end: number): never {
  throw new Failure(message, start, end);
}

/** Optimal string alignment distance (edits incl. swaps), for spelling hints on the error path only. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [];
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        row.push(i + j);
        continue;
      }
      const prev = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/** Longer words are not misspelt terms words: no hint, and no quadratic distance on them. */
const MAX_HINTED_WORD = 20;

function suggestion(word: string): string {
  if (word.length < 2 || word.length > MAX_HINTED_WORD || !/^[a-z]+$/.test(word)) return "";
  const allowed = word.length <= 4 ? 1 : 2;
  for (const known of KNOWN_WORDS) {
    if (known !== word && editDistance(word, known) <= allowed) {
      return ` (did you mean "${ABBREVIATIONS.has(known) ? known.toUpperCase() : known}"?)`;
    }
  }
  return "";
}

class Parser {
  private pos = 0;
  private netDays = -1;
  private net: Span | null = null;
  private eom: Span | null = null;
  private special: DueRule | null = null;
  private specialAt: Span | null = null;
  private readonly discounts: DiscountAt[] = [];

  constructor(
    private readonly input: string,
    private readonly tokens: readonly Token[],
  ) {}

  parse(): PaymentTerms {
    const tokens = this.tokens;
    while (this.pos < tokens.length) {
      const token = tokens[this.pos] as Token;
      let length: number;
      if ((length = this.phrase(RECEIPT)) > 0) {
        this.pos += length;
        this.pos += this.phrase(RECEIPT_OF);
        this.setSpecial({ kind: "on-receipt" }, token.start);
      } else if ((length = this.phrase(DELIVERY)) > 0) {
        this.pos += length;
        this.setSpecial({ kind: "cod" }, token.start);
      } else if ((length = this.phrase(ADVANCE)) > 0) {
        this.pos += length;
        this.setSpecial({ kind: "in-advance" }, token.start);
      } else if ((length = this.phrase(END_OF_MONTH)) > 0) {
        this.endOfMonthClause(token, length);
      } else if (token.kind === "word") {
        if (NET.has(token.text)) this.netClause(token);
        else if (FILLERS.has(token.text)) this.pos++;
        else this.unknown(token);
      } else if (token.kind === "ordinal") {
        this.nextMonthClause(token);
      } else if (token.kind === "number") {
        const next = tokens[this.pos + 1];
        if (next !== undefined && (next.kind === "percent" || next.kind === "slash"))
          this.discountClause(token);
        else if (this.nextMonthAhead()) this.nextMonthClause(token);
        else this.daysClause(token);
      } else {
        fail(`"${this.raw(token)}" is not expected here`, token.start, token.end);
      }
    }
    return this.finish();
  }

  private raw(span: Span): string {
    return this.input.slice(span.start, span.end);
  }

  /** End offset of the last consumed token. */
  private lastEnd(): number {
    return this.tokens[this.pos - 1]?.end ?? 0;
  }

  private word(offset = 0): string | undefined {
    const token = this.tokens[this.pos + offset];
    return token !== undefined && token.kind === "word" ? token.text : undefined;
  }

  /** Consumes the next token if it is one of `words`. */
  private optional(words: ReadonlySet<string> | string): boolean {
    const word = this.word();
    if (word === undefined || (typeof words === "string" ? word !== words : !words.has(word))) return false;
    this.pos++;
    return true;
  }

  /** Number of tokens of the longest phrase in `phrases` starting at the cursor, or 0. */
  private phrase(phrases: readonly Phrase[]): number {
    const first = this.word();
    if (first === undefined) return 0;
    outer: for (const phrase of phrases) {
      if (phrase[0] !== first) continue;
      for (let i = 1; i < phrase.length; i++) {
        if (this.word(i) !== phrase[i]) continue outer;
      }
      return phrase.length;
    }
    return 0;
  }

  /** Reads a day count from `token`, pointing at it when it is not a whole number in range. */
  private days(token: Token | undefined, after: Span): number {
    if (token === undefined) {
      fail(`"${this.raw(after)}" needs a number of days`, after.start, after.end);
    }
    if (token.kind !== "number") fail(`"${this.raw(token)}" is not a number of days`, token.start, token.end);
    if (!Number.isInteger(token.value)) {
      fail(`"${this.raw(token)}" is not a whole number of days`, token.start, token.end);
    }
    if (token.value > MAX_TERM_DAYS) {
      fail(
        `"${this.raw(token)}" days is more than the ${MAX_TERM_DAYS} days (10 years) allowed`,
        token.start,
        token.end,
      );
    }
    return token.value;
  }

  /** "Net 30 …", "N/30", "Net EOM". */
  private netClause(netToken: Token): void {
    this.pos++;
    if (this.tokens[this.pos]?.kind === "slash") this.pos++; // "N/30"
    const length = this.phrase(END_OF_MONTH);
    if (length > 0) {
      this.pos += length;
      this.setEom(netToken.start);
      return;
    }
    const token = this.tokens[this.pos];
    if (token === undefined || token.kind === "percent" || token.kind === "slash") {
      fail(`"${this.raw(netToken)}" needs a number of days, e.g. "Net 30"`, netToken.start, netToken.end);
    }
    const days = this.days(token, netToken);
    this.pos++;
    this.optional(DAYS);
    this.anchor();
    this.setNet(days, netToken.start);
  }

  /** "30 days", "30 days net", "30 days from invoice", "30 days end of month", "10 EOM". */
  private daysClause(token: Token): void {
    const days = this.days(token, token);
    this.pos++;
    const unit = this.optional(DAYS);
    // "30 days net", but not the "Net" that starts the next clause in "30 days, Net 45".
    const following = this.tokens[this.pos + 1]?.kind;
    const net = following !== "number" && following !== "slash" && this.optional(NET);
    if (!this.anchor() && !unit && !net) {
      fail(
        `"${this.raw(token)}" needs a unit: write "Net ${this.raw(token)}" or "${this.raw(token)} days"`,
        token.start,
        token.end,
      );
    }
    this.setNet(days, token.start);
  }

  /** Optional "[from|after] invoice [date]" or "[from|after] end of month"; true if one was read. */
  private anchor(): boolean {
    const from = this.word();
    const fromToken = from !== undefined && FROM.has(from) ? this.tokens[this.pos] : undefined;
    if (fromToken !== undefined) this.pos++;
    const start = this.tokens[this.pos]?.start ?? 0;
    let length = this.phrase(END_OF_MONTH);
    if (length > 0) {
      this.pos += length;
      this.setEom(start);
      return true;
    }
    length = this.phrase(INVOICE);
    if (length > 0) {
      this.pos += length;
      return true;
    }
    if (fromToken !== undefined) {
      const next = this.tokens[this.pos];
      const at = next ?? fromToken;
      fail(
        next === undefined
          ? `"${this.raw(fromToken)}" needs "invoice" or "end of month" after it`
          : `"${this.raw(next)}" is not understood after "${this.raw(fromToken)}"; expected "invoice" or "end of month"`,
        at.start,
        at.end,
      );
    }
    return false;
  }

  /** "EOM", "EOM 30", "end of month + 30 days". */
  private endOfMonthClause(token: Token, length: number): void {
    this.pos += length;
    this.setEom(token.start);
    const next = this.tokens[this.pos];
    const after = this.tokens[this.pos + 1];
    if (
      next?.kind !== "number" ||
      after?.kind === "percent" ||
      after?.kind === "slash" ||
      this.nextMonthAhead()
    ) {
      return;
    }
    const days = this.days(next, next);
    this.pos++;
    this.optional(DAYS);
    this.setNet(days, next.start);
  }

  /** Whether the number at the cursor starts "15 of the following month" / "15 day of next month". */
  private nextMonthAhead(): boolean {
    const offset = this.word(1) === "day" ? 2 : 1;
    const word = this.word(offset);
    return word !== undefined && NEXT_MONTH_START.has(word);
  }

  /** "15th of the following month", "15 of next month", "15th day of the month following", "10th prox". */
  private nextMonthClause(token: Token): void {
    if (!isDayOfMonth(token.value)) {
      fail(`"${this.raw(token)}" is not a day of the month (1 to 31)`, token.start, token.end);
    }
    this.pos++;
    this.optional("day");
    this.optional("of");
    this.optional("the");
    const word = this.word();
    let done = false;
    if (word === "following" || word === "prox" || word === "proximo") {
      this.pos++;
      if (word === "following") this.optional("month");
      done = true;
    } else if (word === "next" || word === "month") {
      this.pos++;
      done = this.optional(word === "next" ? "month" : "following");
    }
    if (!done) {
      const next = this.tokens[this.pos];
      const message = `"${this.raw(token)}" must be followed by "of the following month"`;
      if (next === undefined) fail(message, token.start, token.end);
      fail(`"${this.raw(next)}" is not understood here; ${message}`, next.start, next.end);
    }
    this.setSpecial({ kind: "day-of-next-month", day: token.value }, token.start);
  }

  /** "2/10", "2% 10", "2%/10", "2 % 10 days", "1.5/10". */
  private discountClause(percentToken: Token): void {
    this.pos++;
    let percentEnd = percentToken.end;
    if (this.tokens[this.pos]?.kind === "percent") percentEnd = (this.tokens[this.pos++] as Token).end;
    if (this.tokens[this.pos]?.kind === "slash") this.pos++;
    const percent = percentToken.value;
    if (!isDiscountPercent(percent)) {
      fail(
        `a discount of ${this.raw(percentToken)}% is not possible: the percent must be above 0 and below 100`,
        percentToken.start,
        percentEnd,
      );
    }
    const daysToken = this.tokens[this.pos];
    if (daysToken === undefined) {
      const span = { start: percentToken.start, end: this.lastEnd() };
      fail(`"${this.raw(span)}" needs the discount days, e.g. "2/10"`, span.start, span.end);
    }
    const days = this.days(daysToken, daysToken);
    this.pos++;
    this.optional(DAYS);
    this.discounts.push({ percent, days, start: percentToken.start, end: this.lastEnd() });
  }

  private unknown(token: Token): never {
    const raw = this.raw(token);
    if (/^[0-9.]/.test(raw)) fail(`"${raw}" is not a number`, token.start, token.end);
    const before = token.start > 0 ? this.input.slice(0, token.start).trim() : "";
    const hint = suggestion(token.text);
    fail(
      before === ""
        ? `"${raw}" is not understood${hint}; expected payment terms such as "Net 30", "2/10 Net 30", "EOM" or "COD"`
        : `"${raw}" is not understood after "${before}"${hint}`,
      token.start,
      token.end,
    );
  }

  /** Rejects a second due rule, pointing at the clause that started at `start`. */
  private conflict(start: number): void {
    const previous = this.specialAt ?? this.net ?? this.eom;
    if (previous === null) return;
    const here = { start, end: this.lastEnd() };
    fail(
      `"${this.raw(here)}" conflicts with "${this.raw(previous)}": terms have one due date`,
      here.start,
      here.end,
    );
  }

  private setNet(days: number, start: number): void {
    if (this.net !== null) {
      const here = { start, end: this.lastEnd() };
      fail(
        `"${this.raw(here)}" repeats the net days (already "${this.raw(this.net)}")`,
        here.start,
        here.end,
      );
    }
    if (this.specialAt !== null) this.conflict(start);
    this.netDays = days;
    this.net = { start, end: this.lastEnd() };
  }

  private setEom(start: number): void {
    if (this.eom !== null) {
      fail(`"${this.raw({ start, end: this.lastEnd() })}" repeats end of month`, start, this.lastEnd());
    }
    if (this.specialAt !== null) this.conflict(start);
    this.eom = { start, end: this.lastEnd() };
  }

  private setSpecial(rule: DueRule, start: number): void {
    this.conflict(start);
    this.special = rule;
    this.specialAt = { start, end: this.lastEnd() };
  }

  private finish(): PaymentTerms {
    const discounts = this.discounts;
    let due: DueRule;
    if (this.special !== null) {
      due = this.special;
    } else if (this.eom !== null) {
      let days = this.netDays;
      if (days < 0) days = discounts.length === 0 ? 0 : this.eomDaysFromDiscounts();
      due = { kind: "eom", days };
    } else if (this.net !== null) {
      due = { kind: "net", days: this.netDays };
    } else {
      const first = discounts[0];
      const last = discounts[discounts.length - 1];
      if (first !== undefined && last !== undefined) {
        const span = { start: first.start, end: last.end };
        fail(`"${this.raw(span)}" gives a discount but no due date; add e.g. "Net 30"`, span.start, span.end);
      }
      const text = this.input.trim();
      const start = this.input.indexOf(text);
      fail(`"${text}" does not say when payment is due`, start, start + text.length);
    }
    // Insertion sort: stable, allocation-free, and discount lists are one or two long.
    for (let i = 1; i < discounts.length; i++) {
      const current = discounts[i] as DiscountAt;
      let j = i - 1;
      while (j >= 0 && (discounts[j] as DiscountAt).days > current.days) {
        discounts[j + 1] = discounts[j] as DiscountAt;
        j--;
      }
      discounts[j + 1] = current;
    }
    const terms: PaymentTerms = { due, discounts: [] };
    const limit = minimumNetDays(terms);
    let previous: DiscountAt | undefined;
    for (const discount of discounts) {
      if (previous !== undefined && previous.days === discount.days) {
        fail(
          `"${this.raw(discount)}" and "${this.raw(previous)}" are two discounts for the same ${discount.days} days`,
          discount.start,
          discount.end,
        );
      }
      if (discount.days >= limit) this.discountTooLong(discount, limit);
      terms.discounts.push({ percent: discount.percent, days: discount.days });
      previous = discount;
    }
    return terms;
  }

  /** "2/10 EOM": the traditional US reading, net due 20 days after the last discount period ends. */
  private eomDaysFromDiscounts(): number {
    let longest = 0;
    for (const discount of this.discounts) if (discount.days > longest) longest = discount.days;
    const days = longest + EOM_NET_AFTER_DISCOUNT;
    const eom = this.eom as Span;
    if (days > MAX_TERM_DAYS) {
      fail(
        `"${this.raw(eom)}" would put the due date more than ${MAX_TERM_DAYS} days after month end`,
        eom.start,
        eom.end,
      );
    }
    return days;
  }

  private discountTooLong(discount: DiscountAt, limit: number): never {
    const rule = this.specialAt ?? this.net ?? this.eom;
    const ruleText = rule === null ? "" : this.raw(rule);
    if (limit === 0) {
      fail(
        `discount "${this.raw(discount)}" is impossible: "${ruleText}" leaves no time to pay early`,
        discount.start,
        discount.end,
      );
    }
    const least = this.special !== null ? ` (the least "${ruleText}" can give)` : "";
    fail(
      `discount "${this.raw(discount)}" runs ${discount.days} days, not less than the ${limit} days until payment is due${least}`,
      discount.start,
      discount.end,
    );
  }
}

/** The longest payment-terms text read; "2/10, 1/20 Net 45 EOM" is 21 characters. */
export const MAX_TERMS_LENGTH = 200;

/**
 * Parses payment-terms text such as "Net 30", "2/10, 1/20 Net 45", "Net 30 EOM", "10 EOM",
 * "15th of the following month", "Due on receipt", "COD" or "Cash in advance". Case, spacing and
 * punctuation are forgiven; anything not understood is reported with its character range.
 *
 * Readings a user must know:
 * - "EOM" alone is due on the last day of the invoice month; "10 EOM" / "Net 10 EOM" 10 days after it,
 *   and discount days then count from month end too.
 * - Discount-only text with EOM ("2/10 EOM") follows the traditional US reading: the discount
 *   runs 10 days from month end and net is due 20 days after the longest discount period
 *   (here: 30 days after month end).
 * - Discounts without any due rule ("2/10") are rejected, as are bare numbers ("30": is it days?).
 * - A discount period must be shorter than the net days ("5/30 Net 30" is rejected); for
 *   "15th of the following month" it must be shorter than the fewest days those terms can give.
 * - Day counts are whole numbers up to 3650; percents are above 0 and below 100.
 * - Text longer than {@link MAX_TERMS_LENGTH} characters is refused unread.
 */
export function parseTerms(input: string): Result<PaymentTerms, TermsError> {
  if (input.length > MAX_TERMS_LENGTH) {
    // Not read at all: real terms are a few words, and long text would cost time on the error path.
    return err({
      message: `payment terms are ${input.length} characters long; write them in at most ${MAX_TERMS_LENGTH}, like "2/10 Net 30"`,
      start: 0,
      end: 0,
      input: "",
    });
  }
  const tokens = tokenize(input);
  if (tokens.length === 0) {
    return err({ message: "payment terms are empty", start: 0, end: input.length, input });
  }
  try {
    return ok(new Parser(input, tokens).parse());
  } catch (e) {
    if (e instanceof Failure) return err({ message: e.message, start: e.start, end: e.end, input });
    throw e;
  }
}

/**
 * Renders a parse error for a terminal: the message, then the input with carets under the part
 * not understood, e.g.
 * ```
 * "3O" is not a number of days
 *   Net 3O
 *       ^^
 * ```
 */
export function describeTermsError(e: TermsError): string {
  if (e.input.trim() === "") return e.message;
  // Tabs and line breaks would shift the caret line; show them as single spaces.
  const line = e.input.replace(/[\t\n\r\v\f]/g, " ");
  return `${e.message}\n  ${line}\n  ${" ".repeat(e.start)}${"^".repeat(Math.max(1, e.end - e.start))}`;
}

/** Decimal text for a number without exponent notation (the tokenizer reads digits and one dot). */
function plainNumber(value: number): string {
  const text = String(value);
  const e = text.indexOf("e");
  if (e < 0) return text;
  const negative = text[0] === "-";
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf(".");
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  const sign = negative ? "-" : "";
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function ordinal(day: number): string {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  const unit = day % 10;
  return `${day}${unit === 1 ? "st" : unit === 2 ? "nd" : unit === 3 ? "rd" : "th"}`;
}

function formatDue(due: DueRule): string {
  switch (due.kind) {
    case "net":
      return `Net ${due.days}`;
    case "eom":
      return due.days === 0 ? "EOM" : `Net ${due.days} EOM`;
    case "day-of-next-month":
      return `${ordinal(due.day)} of the following month`;
    case "on-receipt":
      return "Due on receipt";
    case "cod":
      return "COD";
    case "in-advance":
      return "Cash in advance";
  }
}

/**
 * Canonical text for terms: "Net 30", "2/10 Net 30", "2/10, 1/20 Net 45", "Net 45 EOM", "EOM",
 * "15th of the following month", "Due on receipt", "COD", "Cash in advance". For valid terms
 * `parseTerms(formatTerms(t))` gives back terms equal to `t`.
 */
export function formatTerms(terms: PaymentTerms): string {
  const due = formatDue(terms.due);
  if (terms.discounts.length === 0) return due;
  let discounts = "";
  for (const d of terms.discounts) {
    discounts += `${discounts === "" ? "" : ", "}${plainNumber(d.percent)}/${d.days}`;
  }
  // "Net" already separates the parts; before "15th …" or "COD" a comma reads better.
  return terms.due.kind === "net" || terms.due.kind === "eom"
    ? `${discounts} ${due}`
    : `${discounts}, ${due}`;
}

/** Whether two terms mean the same: same due rule and the same discounts in the same order. */
export function termsEqual(a: PaymentTerms, b: PaymentTerms): boolean {
  const x = a.due;
  const y = b.due;
  if (x.kind !== y.kind) return false;
  if ((x.kind === "net" || x.kind === "eom") && (y.kind === "net" || y.kind === "eom") && x.days !== y.days)
    return false;
  if (x.kind === "day-of-next-month" && y.kind === "day-of-next-month" && x.day !== y.day) return false;
  if (a.discounts.length !== b.discounts.length) return false;
  for (let i = 0; i < a.discounts.length; i++) {
    const p = a.discounts[i];
    const q = b.discounts[i];
    if (p === undefined || q === undefined || p.percent !== q.percent || p.days !== q.days) return false;
  }
  return true;
}

/**
 * Converts structured terms from a rule-book file to {@link PaymentTerms}. Checks ranges: days
 * whole 0..3650, day of month 1..31, percent above 0 and below 100, discount days shorter than
 * the net days (for day-of-next-month terms: than the fewest days they can give, see
 * `minimumNetDays`). Discounts may come in any order; they are sorted by days.
 */
export function termsFromStructured(s: StructuredTerms): Result<PaymentTerms> {
  const due = s.due;
  let rule: DueRule;
  if ("after" in due) {
    if (!isTermDays(due.days)) {
      return err(`due.days must be a whole number from 0 to ${MAX_TERM_DAYS}, got ${due.days}`);
    }
    rule = due.after === "invoice" ? { kind: "net", days: due.days } : { kind: "eom", days: due.days };
  } else if ("dayOfNextMonth" in due) {
    if (!isDayOfMonth(due.dayOfNextMonth)) {
      return err(`due.dayOfNextMonth must be a whole number from 1 to 31, got ${due.dayOfNextMonth}`);
    }
    rule = { kind: "day-of-next-month", day: due.dayOfNextMonth };
  } else {
    rule =
      due.on === "receipt"
        ? { kind: "on-receipt" }
        : due.on === "delivery"
          ? { kind: "cod" }
          : { kind: "in-advance" };
  }
  const discounts = (s.discounts ?? []).map((d) => ({ percent: d.percent, days: d.days }));
  discounts.sort((a, b) => a.days - b.days);
  return validateTerms({ due: rule, discounts });
}

/** The structured form of `terms`; `discounts` is left out when there are none. */
export function toStructured(terms: PaymentTerms): StructuredTerms {
  const due = terms.due;
  let out: StructuredTerms["due"];
  switch (due.kind) {
    case "net":
      out = { after: "invoice", days: due.days };
      break;
    case "eom":
      out = { after: "end-of-month", days: due.days };
      break;
    case "day-of-next-month":
      out = { dayOfNextMonth: due.day };
      break;
    case "on-receipt":
      out = { on: "receipt" };
      break;
    case "cod":
      out = { on: "delivery" };
      break;
    case "in-advance":
      out = { on: "advance" };
      break;
  }
  if (terms.discounts.length === 0) return { due: out };
  return { due: out, discounts: terms.discounts.map((d) => ({ percent: d.percent, days: d.days })) };
}
