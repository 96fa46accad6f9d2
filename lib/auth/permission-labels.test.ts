import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { aRole, PERMISSION_TEXT, permissionsLost, permissionsOf, roleHelp } from "./permission-labels";
import { PERMISSIONS, ROLES, type Permission } from "./roles";

const ROOT = path.resolve(__dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((f) => f.isFile() && /\.tsx?$/.test(f.name) && !/\.test\.tsx?$/.test(f.name))
    .map((f) => readFileSync(path.join(f.parentPath, f.name), "utf8"));
}

/** Permissions that a page or API route actually checks: requirePage / authorizeRequest / the route factories (authorizedRoute, bodyRoute, queryRoute). */
function enforced(): Set<string> {
  const found = new Set<string>();
  for (const text of [...sources("app"), ...sources("server")]) {
    for (const m of text.matchAll(/\b(?:requirePage|authorize|authorizeRequest|authorizedRoute|bodyRoute|queryRoute)\(([^;]*)/g)) {
      for (const p of m[1].matchAll(/"([a-z]+\.[a-z]+)"/g)) found.add(p[1]);
    }
  }
  return found;
}

describe("what each role is told it can do", () => {
  it("lists only permissions that a page or API route checks (nothing promised that does not exist, e.g. a scorecard)", () => {
    const checked = enforced();
    for (const role of ROLES) {
      for (const { permission, label } of permissionsOf(role)) expect(checked.has(permission), `${role}: "${label}" (${permission}) guards no page or route`).toBe(true);
    }
    for (const p of Object.keys(PERMISSIONS)) expect(checked.has(p), `${p} guards no page or route`).toBe(true);
  });

  it("promises the scorecard to managers and above only (docs/PRODUCT.md §1: the manager reads it)", () => {
    const mentions = (role: (typeof ROLES)[number]) => permissionsOf(role).some((p) => /scorecard/i.test(p.label));
    expect(ROLES.filter(mentions)).toEqual(["manager", "admin"]);
    expect(roleHelp("merchandiser")).not.toMatch(/scorecard/i);
  });

  it("derives each role's picker line from what it adds over the role before", () => {
    expect(roleHelp("analyst")).toBe("Reads live stock, SKU pages, sources and the unmapped and rejected lists, sees and acknowledges alerts and enters cycle counts.");
    expect(roleHelp("merchandiser")).toBe("Also maps listings to SKUs, sets allocation rules, pauses and resumes channels, mutes alerts, approves counts and reads the Reorder view.");
    expect(roleHelp("manager")).toBe("Also reads the weekly scorecard and reads the audit log.");
    for (const role of ROLES.slice(1)) {
      const added = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => PERMISSIONS[p] === role);
      for (const p of added) expect(roleHelp(role)).toContain(PERMISSION_TEXT[p].does);
    }
  });

  it("says what a demotion takes away", () => {
    expect(permissionsLost("manager", "merchandiser")).toEqual(["read the weekly scorecard", "read the audit log"]);
    expect(permissionsLost("analyst", "admin")).toEqual([]);
  });

  it("uses the right article before a role", () => {
    expect(aRole("analyst")).toBe("an ops analyst");
    expect(aRole("merchandiser")).toBe("a merchandiser");
    expect(aRole("admin")).toBe("an admin");
  });
});
