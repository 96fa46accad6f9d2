import { describe, expect, it } from "vitest";
import { csvTable } from "./csv";

describe("csvTable", () => {
  it("writes RFC 4180: header, CRLF, quoted commas/quotes/line breaks, empty nulls, formulas defused", () => {
    expect(
      csvTable(
        ["a", "b", "c"],
        [
          ["x,y", 'say "hi"', null],
          ["=SUM(A1)", 1.5, undefined],
          ["line\nbreak", -2, "-x"],
        ],
      ),
    ).toBe('a,b,c\r\n"x,y","say ""hi""",\r\n\'=SUM(A1),1.5,\r\n"line\nbreak",-2,\'-x\r\n');
  });

  it("writes only the header for no rows", () => {
    expect(csvTable(["a"], [])).toBe("a\r\n");
  });
});
