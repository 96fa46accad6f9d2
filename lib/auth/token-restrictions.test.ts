import { describe, expect, it } from "vitest";
import { CONNECTOR_EVENT_TYPES, eventRestriction, isInternalSource } from "./token-restrictions";

const ANY = { sources: [], eventTypes: [], locations: [] };
const WMS = { sources: ["wms-eu-1"], eventTypes: ["receipt", "transfer.out", "order.reallocated"], locations: ["wh-1"] };

describe("eventRestriction", () => {
  it("lets an unrestricted token send any connector event", () => {
    expect(eventRestriction(ANY, { source: "wms", type: "receipt", location: "wh-1" })).toBeNull();
  });

  it("refuses Onepool's own sources and reservation.* for every token (review #12)", () => {
    expect(eventRestriction(ANY, { source: "onepool-counts", type: "cycle_count", location: "wh-1" })).toMatchObject({ code: "forbidden_source", field: "source" });
    expect(eventRestriction(ANY, { source: " Onepool-reservations ", type: "receipt" })).toMatchObject({ code: "forbidden_source" });
    expect(eventRestriction({ ...ANY, sources: ["onepool-counts"] }, { source: "onepool-counts" })).toMatchObject({ code: "forbidden_source" });
    for (const type of ["reservation.created", "reservation.released", "reservation.expired"]) {
      expect(eventRestriction(ANY, { source: "wms", type, location: "wh-1" })).toMatchObject({ code: "forbidden_event_type", field: "type" });
    }
    expect(CONNECTOR_EVENT_TYPES.some((t) => t.startsWith("reservation."))).toBe(false);
    expect(isInternalSource("onepool-counts")).toBe(true);
    expect(isInternalSource("wms-onepool-1")).toBe(false);
  });

  it("holds a restricted token to its sources, types and locations, naming the field", () => {
    expect(eventRestriction(WMS, { source: "wms-eu-1", type: "receipt", location: "wh-1" })).toBeNull();
    expect(eventRestriction(WMS, { source: "wms-us", type: "receipt", location: "wh-1" })).toMatchObject({ code: "forbidden_source", field: "source" });
    expect(eventRestriction(WMS, { source: "wms-eu-1", type: "cycle_count", location: "wh-1" })).toMatchObject({ code: "forbidden_event_type", field: "type" });
    expect(eventRestriction(WMS, { source: "wms-eu-1", type: "receipt", location: "wh-2" })).toMatchObject({ code: "forbidden_location", field: "location" });
    // Sending stock towards another site is the sender's move; moving a reservation there is not.
    expect(eventRestriction(WMS, { source: "wms-eu-1", type: "transfer.out", location: "wh-1", toLocation: "wh-2" })).toBeNull();
    expect(eventRestriction(WMS, { source: "wms-eu-1", type: "order.reallocated", location: "wh-1", toLocation: "wh-2" })).toMatchObject({ code: "forbidden_location", field: "toLocation" });
  });

  it("checks what a raw event has and leaves the rest to the parser", () => {
    expect(eventRestriction(WMS, {})).toBeNull();
    expect(eventRestriction(WMS, { source: 42, type: null, location: "" })).toBeNull();
    expect(eventRestriction(WMS, { source: " wms-eu-1 ", location: "wh-1 " })).toBeNull();
  });
});
