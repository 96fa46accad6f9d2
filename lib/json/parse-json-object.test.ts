import { expect, it } from "vitest";
import { parseJsonObject } from "./parse-json-object";

it("gives the object of a JSON object payload, and null for anything else", () => {
  expect(parseJsonObject('{"kind":"token","id":"7"}')).toEqual({ kind: "token", id: "7" });
  for (const bad of [undefined, "", "not json", "null", "42", '"text"', "[1,2]", "{"]) expect(parseJsonObject(bad), String(bad)).toBeNull();
});
