import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { duplicateKeyPath, mayHaveDuplicateKeys } from "../../../shared/rules/duplicate-keys";
import { parseRuleFile } from "../../../shared/rules/load";
import { exampleSingleFile } from "../../helpers/rule-files";

describe("duplicateKeyPath", () => {
  it("finds a key written twice, with the path to it", () => {
    expect(duplicateKeyPath('{"a": 1, "a": 2}')).toEqual(["a"]);
    expect(
      duplicateKeyPath('{"budgets": [{"amount": "1"}, {"costCenter": "IT", "amount": "2", "amount": "3"}]}'),
    ).toEqual(["budgets", 1, "amount"]);
    expect(duplicateKeyPath('{"m": {"x": [1, [2, {"k": 0, "k": 1}]]}}')).toEqual(["m", "x", 1, 1, "k"]);
  });

  it("compares keys as JSON reads them, and is not fooled by strings that look like keys", () => {
    expect(duplicateKeyPath('{"a": 1, "\\u0061": 2}')).toEqual(["a"]);
    expect(duplicateKeyPath('{"a": "\\"a\\": 1", "b": ["a", "a"], "c": {"a": 1}}')).toBeNull();
    expect(duplicateKeyPath('{"a\\\\": 1, "a": 2}')).toBeNull();
  });

  it("finds a duplicate in a large object", () => {
    const keys = Array.from({ length: 500 }, (_, i) => `"k${i}": ${i}`);
    expect(duplicateKeyPath(`{${keys.join(",")}}`)).toBeNull();
    expect(duplicateKeyPath(`{"x": {${keys.join(",")}, "k250": 0}}`)).toEqual(["x", "k250"]);
  });

  it("finds nothing in any JSON text of objects with distinct keys", () => {
    fc.assert(
      fc.property(fc.json(), (json) => {
        expect(duplicateKeyPath(json)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it("finds the key in any object when one of its keys is written again", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), (object) => {
        const text = JSON.stringify(object);
        const [first] = Object.keys(object);
        const again = `${text.slice(0, -1)},${JSON.stringify(first)}:null}`;
        expect(duplicateKeyPath(again)).toEqual([first]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("mayHaveDuplicateKeys, the quick proof that lets most files skip the scan", () => {
  const may = (text: string) => mayHaveDuplicateKeys(text, JSON.parse(text));

  it("clears a file whose keys all differ, however it is spaced", () => {
    expect(may(JSON.stringify(exampleSingleFile(), null, 2))).toBe(false);
    expect(may('{"a" :\n 1, "b"\t: {"c"  : [1, {"d":2}]}}')).toBe(false);
  });

  it("never clears a file with a key written twice, even when spacing differs between keys", () => {
    expect(may('{"a" : 1, "b": 2, "a": 3}')).toBe(true);
    expect(may('{"x": {"a":1}, "y" : {"b" : 1, "b":2}}')).toBe(true);
  });

  it("sends a file whose text values hold a quote and a colon to the scanner, which finds nothing", () => {
    const text = '{"notes": "He wrote \\"Blocked\\": no warranty", "a": 1}';
    expect(may(text)).toBe(true);
    expect(duplicateKeyPath(text)).toBeNull();
  });
});

describe("a rule file with a key written twice", () => {
  it("is refused with the path of the key, before anything else is read", () => {
    const text = JSON.stringify(exampleSingleFile(), null, 2).replace(
      '"amount": "1200000.00",',
      '"amount": "1200000.00",\n      "amount": "9200000.00",',
    );
    const parsed = parseRuleFile("rules.json", text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      {
        file: "rules.json",
        path: expect.stringMatching(/^budgets\[\d+\]\.amount$/),
        message: '"amount" is written twice in this object (JSON would keep only the last); keep one',
      },
    ]);
  });
});
