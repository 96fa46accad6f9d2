import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actionLabel, AUDIT_ACTIONS, AUDIT_SUBJECTS, groupActions, isAuditAction, subjectOf } from "./actions";

const SERVER = path.resolve(__dirname, "../../server");

/** Every action string a recordAudit call in server/ can write (literals, ternaries included). */
function recordedActions(): Set<string> {
  const found = new Set<string>();
  for (const f of readdirSync(SERVER, { withFileTypes: true, recursive: true })) {
    if (!f.isFile() || !f.name.endsWith(".ts") || f.name.endsWith(".test.ts")) continue;
    const text = readFileSync(path.join(f.parentPath, f.name), "utf8");
    for (const call of text.split("recordAudit(").slice(1)) {
      const m = /\baction:\s*([^,\n]+)/.exec(call);
      if (!m) continue;
      for (const a of m[1].matchAll(/"([a-z_]+\.[a-z_]+)"/g)) found.add(a[1]);
    }
  }
  return found;
}

describe("audit actions", () => {
  it("every action recorded anywhere in server/ has a label of its own (no raw codes in the filter)", () => {
    const recorded = recordedActions();
    // The scan must see the known writers: people, rules, pauses, outbound, connectors, tokens, catalogue.
    for (const a of ["person.role_changed", "rule.created", "pause.ended", "outbound.update", "source.secret_rotated", "token.created", "listing.mapped"]) expect(recorded.has(a), a).toBe(true);
    for (const a of recorded) {
      expect(isAuditAction(a), `${a} has no label in lib/audit/actions.ts`).toBe(true);
      expect(actionLabel(a)).not.toContain(".");
      expect(AUDIT_SUBJECTS[subjectOf(a)], `${a}'s subject has no label`).toBeDefined();
    }
  });

  it("labels are unique, so the filter never offers two identical choices", () => {
    const labels = Object.values(AUDIT_ACTIONS);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("an action from a newer build still reads as words", () => {
    expect(actionLabel("rule.archived")).toBe("Allocation rules: archived");
    expect(actionLabel("widget.made_up")).toBe("Widget: made up");
  });

  it("groups the filter by subject in the listed order", () => {
    expect(groupActions(["token.created", "rule.updated", "person.created", "rule.created", "pause.ended"])).toEqual([
      { subject: "person", actions: ["person.created"] },
      { subject: "rule", actions: ["rule.created", "rule.updated"] },
      { subject: "pause", actions: ["pause.ended"] },
      { subject: "token", actions: ["token.created"] },
    ]);
  });
});
