import { describe, expect, it } from "vitest";
import { isRole, PERMISSIONS, roleAtLeast, roleCan, roomPermission, ROLES, scopesCan, scopesFor, type Permission } from "./roles";

const ALL = Object.keys(PERMISSIONS) as Permission[];
const allowed = (role: (typeof ROLES)[number]) => ALL.filter((p) => roleCan(role, p)).sort();

describe("roles", () => {
  it("are ordered analyst < merchandiser < manager < admin", () => {
    expect(ROLES).toEqual(["analyst", "merchandiser", "manager", "admin"]);
    expect(roleAtLeast("admin", "analyst")).toBe(true);
    expect(roleAtLeast("analyst", "merchandiser")).toBe(false);
    expect(roleAtLeast("manager", "manager")).toBe(true);
  });

  it("give each role exactly what the issue lists, and everything the roles below it have", () => {
    expect(allowed("analyst")).toEqual(["alerts.read", "counts.write", "stock.read"]);
    expect(allowed("merchandiser")).toEqual(["alerts.mute", "alerts.read", "counts.approve", "counts.write", "mappings.write", "pauses.write", "reorder.read", "rules.write", "stock.read"]);
    expect(allowed("manager")).toEqual([
      "alerts.mute",
      "alerts.read",
      "audit.read",
      "counts.approve",
      "counts.write",
      "mappings.write",
      "pauses.write",
      "reorder.read",
      "rules.write",
      "scorecard.read",
      "stock.read",
    ]);
    // The Reorder view (issue 17): merchandisers and above, not analysts.
    expect(ROLES.filter((r) => roleCan(r, "reorder.read"))).toEqual(["merchandiser", "manager", "admin"]);
    // Alert thresholds are an admin's (issue 17).
    expect(roleCan("manager", "alerts.settings")).toBe(false);
    expect(roleCan("admin", "alerts.settings")).toBe(true);
    expect(allowed("admin")).toEqual([...ALL].sort());
    for (let i = 1; i < ROLES.length; i++) for (const p of allowed(ROLES[i - 1])) expect(roleCan(ROLES[i], p)).toBe(true);
  });

  it("never let a connector token manage people or read the audit log", () => {
    const every = ["read", "ingest", "reserve", "catalog", "metrics", "admin"];
    expect(scopesCan(every, "users.manage")).toBe(false);
    expect(scopesCan(every, "audit.read")).toBe(false);
    expect(scopesFor("users.manage")).toEqual([]);
    expect(scopesCan(["read"], "stock.read")).toBe(true);
    expect(scopesCan(["read"], "mappings.write")).toBe(false);
    // A monitoring tool reads alerts with a read token; muting and thresholds need the admin scope.
    expect(scopesCan(["read"], "alerts.read")).toBe(true);
    expect(scopesFor("alerts.mute")).toEqual(["admin"]);
    expect(scopesFor("alerts.settings")).toEqual(["admin"]);
    // BI tools pull the scorecard with a read token (docs/API.md); no other scope reads it.
    expect(scopesFor("scorecard.read")).toEqual(["read"]);
    // A buying tool pulls the reorder CSV with a read token.
    expect(scopesFor("reorder.read")).toEqual(["read", "admin"]);
    expect(scopesCan(["catalog"], "catalog.write")).toBe(true);
    expect(scopesCan(["admin"], "catalog.write")).toBe(true);
    expect(scopesCan(["admin"], "connectors.manage")).toBe(true);
    expect(scopesCan(["admin"], "rules.write")).toBe(true);
    expect(scopesCan(["unknown-scope"], "stock.read")).toBe(false);
    expect(scopesCan(["reserve"], "reservations.write")).toBe(true);
    expect(scopesCan(["read", "ingest"], "reservations.write")).toBe(false);
  });

  it("give the ingest scope no API permission: posting events only, never the catalogue (review #4)", () => {
    const all = Object.keys(PERMISSIONS) as Permission[];
    expect(all.filter((p) => scopesCan(["ingest"], p))).toEqual([]);
    expect(scopesCan(["ingest"], "catalog.write")).toBe(false);
    expect(scopesCan(["ingest"], "mappings.write")).toBe(false);
    expect(scopesFor("catalog.write")).toEqual(["catalog", "admin"]);
    expect(all.filter((p) => scopesCan(["catalog"], p))).toEqual(["catalog.write"]);
  });

  it("give the metrics scope GET /metrics and nothing else; no other scope scrapes it (issue 17)", () => {
    const all = Object.keys(PERMISSIONS) as Permission[];
    expect(all.filter((p) => scopesCan(["metrics"], p))).toEqual(["metrics.read"]);
    expect(scopesFor("metrics.read")).toEqual(["metrics"]);
    // Among people, admins only.
    expect(ROLES.filter((r) => roleCan(r, "metrics.read"))).toEqual(["admin"]);
  });

  it("open only the live rooms that exist", () => {
    const rooms = {
      overview: "stock.read",
      "sku:KNEE-M": "stock.read",
      "channel:amazon": "stock.read",
      counts: "stock.read",
      alerts: "alerts.read",
      "sku:": null,
      "person:123": null,
      everything: null,
    };
    expect(Object.fromEntries(Object.keys(rooms).map((room) => [room, roomPermission(room)]))).toEqual(rooms);
  });

  it("recognise role names exactly", () => {
    expect(isRole("manager")).toBe(true);
    expect(isRole("Manager")).toBe(false);
    expect(isRole("owner")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
