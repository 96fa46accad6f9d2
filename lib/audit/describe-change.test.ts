import { describe, expect, it } from "vitest";
import { describeChange, describeTarget, formatValue } from "./describe-change";

const entry = (action: string, target: string, details: unknown, before: unknown = null, after: unknown = null) => ({ action, target, details, before, after });

describe("describeChange", () => {
  it("labels fields and shows before → after in words (roles by their names)", () => {
    const c = describeChange(entry("person.role_changed", "person:u1", { email: "pat@x.test" }, { role: "analyst" }, { role: "merchandiser" }));
    expect(c.lines).toEqual([{ key: "role", label: "Role", kind: "changed", before: "Ops analyst", after: "Merchandiser" }]);
    expect(c.notes).toEqual([{ key: "email", label: "Email", value: "pat@x.test" }]);
  });

  it("says a source edit's secrets as a sentence, not JSON: 'added 1 secret (…34e2), revoked 1 secret (…9f0a)'", () => {
    const c = describeChange(
      entry("source.updated", "source:wms-mty", {
        provider: "standard",
        fields: ["provider", "channel", "locations", "rateLimitPerMinute"],
        notificationKeyChanged: false,
        secrets: { added: [{ id: "34e2b1c0-0000-4000-8000-000000000000", hint: "…34e2" }], revoked: [{ id: "9f0a0000-0000-4000-8000-000000000000", hint: "…9f0a" }] },
      }),
    );
    expect(c.notes).toEqual([
      { key: "provider", label: "Provider", value: "standard" },
      { key: "fields", label: "Fields sent", value: "provider, channel, locations, rate limit per minute" },
      { key: "secrets", label: "Secrets", value: "added 1 secret (…34e2), revoked 1 secret (…9f0a)" },
    ]);
    for (const n of c.notes) expect(n.value).not.toMatch(/[[{"]/);
  });

  it("reads old entries that stored bare secret ids too", () => {
    const c = describeChange(entry("source.updated", "source:a", { secrets: { added: ["34e2b1c0-0000-4000-8000-000000000000"], revoked: [] } }));
    expect(c.notes).toEqual([{ key: "secrets", label: "Secrets", value: "added 1 secret (34e2b1c0…)" }]);
  });

  it("says a rotation's overlap in words", () => {
    const c = describeChange(
      entry("source.secret_rotated", "source:a", { added: "11111111-0000-4000-8000-000000000000", hint: "…abcd", previous: ["22222222-0000-4000-8000-000000000000"], overlapSeconds: 86_400 }),
    );
    expect(c.notes).toEqual([
      { key: "added", label: "Secret added", value: "…abcd" },
      { key: "previous", label: "Previous secrets", value: "1 secret valid 24 h more" },
    ]);
  });

  it("uses the labels it is given for rule fields, and says 'not set' for an inherited one", () => {
    const c = describeChange(entry("rule.updated", "rule:7", { channel: "web", scope: "channel" }, { bufferPercent: 8, maxQty: null }, { bufferPercent: null, maxQty: 40 }), {
      bufferPercent: "Buffer %",
    });
    expect(c.lines).toEqual([
      { key: "bufferPercent", label: "Buffer %", kind: "removed", before: "8", after: "not set" },
      { key: "maxQty", label: "Max shown", kind: "added", before: "not set", after: "40" },
    ]);
  });

  it("lists a creation's fields, and dates in words", () => {
    const c = describeChange(entry("pause.created", "pause:1", { channel: "rappi", sku: null }, null, { reason: "stock count", until: "2026-12-01T09:00:00.000Z" }));
    expect(c.lines).toEqual([
      { key: "reason", label: "Reason", kind: "added", after: "stock count" },
      { key: "until", label: "Until", kind: "added", after: "1 Dec 2026, 09:00 UTC" },
    ]);
  });

  it("deactivation reads 'active → deactivated'", () => {
    const c = describeChange(entry("person.deactivated", "person:u1", { email: "p@x", sessionsEnded: 2 }, { active: true }, { active: false }));
    expect(c.lines[0]).toMatchObject({ label: "Status", before: "active", after: "deactivated" });
    expect(c.notes).toContainEqual({ key: "sessionsEnded", label: "Sessions ended", value: "2" });
  });
});

describe("describeTarget", () => {
  it("names pauses and rules by channel and SKU, not by their ids", () => {
    expect(describeTarget(entry("pause.created", "pause:1", { channel: "rappi", sku: null }))).toBe("Pause on rappi (every SKU)");
    expect(describeTarget(entry("pause.created", "pause:2", { channel: null, sku: "KNEE-M" }))).toBe("Pause on every channel · SKU KNEE-M");
    expect(describeTarget(entry("rule.created", "rule:9", { channel: "amazon", scope: "tag", sku: null, tag: "bestseller" }))).toBe("Rule on amazon · tag bestseller");
    expect(describeTarget(entry("rule.created", "rule:2", { channel: "amazon", scope: "channel", sku: null, tag: null }))).toBe("Rule on amazon · channel default");
  });
  it("names people by email and the rest by kind", () => {
    expect(describeTarget(entry("person.created", "person:abc", {}, null, { email: "new@x.test" }))).toBe("Person new@x.test");
    expect(describeTarget(entry("rejection.resubmitted", "rejected_event:12", {}))).toBe("Rejection #12");
    expect(describeTarget(entry("outbound.update", "channel:web", {}))).toBe("Channel web");
  });
  it("names alerts, mutes and alert settings by kind and subject codes, never by the ids in their keys", () => {
    expect(describeTarget(entry("alert.acknowledged", "alert:41", { kind: "variance", sku: "KNEE-M", location: "gdl" }))).toBe("Alert #41 · Count variance · SKU KNEE-M at gdl");
    expect(describeTarget(entry("alert.muted", "alert_mute:stockout_listed:sku:3/channel:2", { kind: "stockout_listed", sku: "KNEE-M", channel: "amazon" }))).toBe(
      "Mute · Listed but out of stock · SKU KNEE-M on amazon",
    );
    expect(describeTarget(entry("alert.muted", "alert_mute:unmapped:listing:web:123", { kind: "unmapped", listing: "web/123" }))).toBe("Mute · Unmapped listing · listing web/123");
    expect(describeTarget(entry("alert_settings.updated", "alert_settings:lag_sla", {}))).toBe("Alert settings · Lag over SLA");
    expect(describeTarget(entry("alert_destination.create", "alert_destination:oncall", {}))).toBe("Alert destination oncall");
  });
});

describe("formatValue", () => {
  it("never prints JSON brackets for lists", () => {
    expect(formatValue("scopes", ["ingest", "read"])).toBe("ingest, read");
    expect(formatValue("sources", [])).toBe("any");
    expect(formatValue("expiresAt", null)).toBe("never");
  });
});
