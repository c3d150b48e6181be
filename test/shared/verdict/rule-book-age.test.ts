import { describe, expect, it } from "vitest";
import { formatAge } from "../../../shared/dates/age-text";
import { isStale } from "../../../shared/verdict/rule-book-age";

const MIN = 60_000;

describe("rule book age", () => {
  it("is stale after twice the refresh interval without a successful check, or with none", () => {
    expect(isStale(0, 60 * MIN, 30)).toBe(false);
    expect(isStale(0, 60 * MIN + 1, 30)).toBe(true);
    expect(isStale(null, 0, 30)).toBe(true);
  });

  it("says the age in words", () => {
    expect(formatAge(0, 30_000)).toBe("just now");
    expect(formatAge(0, MIN)).toBe("1 minute ago");
    expect(formatAge(0, 59 * MIN)).toBe("59 minutes ago");
    expect(formatAge(0, 47 * 60 * MIN)).toBe("47 hours ago");
    expect(formatAge(0, 72 * 60 * MIN)).toBe("3 days ago");
    expect(formatAge(10 * MIN, 0)).toMatch(/clock/);
  });
});
