// npm test: every suite against real parts — unit (lib/), integration (real Postgres, real HTTP,
// real Socket.IO) and e2e (the built app in a real Chromium). One Postgres serves them all:
// TEST_DATABASE_URL's server when given, else an embedded one, so a machine with only Node works.
import "../server/preload";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createDatabase, dropDatabase, startTestPostgres } from "../tests/support/test-postgres";

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
// Named again at the very end, so the last lines of a long run (all a CI log may keep) say what failed and why.
const failures: string[] = [];
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal colour codes (ESC [ … m) in vitest's messages
const COLOUR_CODES = /\x1b\[[0-9;]*m/g;
const firstLine = (msg: string | undefined) =>
  (msg ?? "")
    .replace(COLOUR_CODES, "")
    .split("\n")
    .find((l) => l.trim() !== "")
    ?.trim()
    .slice(0, 160) ?? "";

function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function addVitest(file: string): void {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults?: { name: string; message?: string; assertionResults?: { status: string; fullName: string; failureMessages?: string[] }[] }[];
  };
  for (const f of r.testResults ?? []) {
    const failed = (f.assertionResults ?? []).filter((a) => a.status === "failed");
    for (const a of failed) failures.push(`${f.name.replace(`${process.cwd()}/`, "")} › ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
    if (failed.length === 0 && f.message) failures.push(`${f.name.replace(`${process.cwd()}/`, "")}: ${firstLine(f.message)}`);
  }
  total.passed += r.numPassedTests;
  total.failed += r.numFailedTests;
  total.skipped += r.numPendingTests + r.numTodoTests;
}

function addPlaywright(file: string): void {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; suites?: PwSuite[] };
  const walk = (suite: PwSuite, path: string[]) => {
    const here = suite.title ? [...path, suite.title] : path;
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== "unexpected") continue;
        const err = t.results?.find((x) => x.error)?.error?.message;
        failures.push(`${[...here, spec.title].join(" › ")}: ${firstLine(err)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of r.suites ?? []) walk(suite, []);
  total.passed += r.stats.expected + r.stats.flaky;
  total.failed += r.stats.unexpected;
  total.skipped += r.stats.skipped;
}

interface PwSuite {
  title?: string;
  specs?: { title: string; tests?: { status: string; results?: { error?: { message?: string } }[] }[] }[];
  suites?: PwSuite[];
}

function findChromium(): string | null {
  for (const p of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]) {
    if (p && existsSync(p)) return p;
  }
  return null;
}

async function main() {
  rmSync(".data/test-results", { recursive: true, force: true });
  let failedSuites = 0;
  // The formatter and linter first: seconds, and their findings are as much a failure as a test's (docs/CODE_STYLE.md).
  if ((await run("npx", ["biome", "check", "."])) !== 0) {
    failedSuites++;
    failures.push("lint: `npx biome check .` reported problems (above; `npm run format` fixes the formatting)");
  }
  const server = await startTestPostgres();
  try {
    const vitestJson = (name: string) => [`--reporter=default`, `--reporter=json`, `--outputFile.json=.data/test-results/${name}.json`];
    if ((await run("npx", ["vitest", "run", "--project", "unit", ...vitestJson("unit")])) !== 0) failedSuites++;
    addVitest(".data/test-results/unit.json");

    if ((await run("npx", ["vitest", "run", "--project", "integration", ...vitestJson("integration")], { TEST_DATABASE_URL: server.adminUrl })) !== 0) failedSuites++;
    addVitest(".data/test-results/integration.json");

    if (process.env.ONEPOOL_SKIP_E2E === "1") {
      console.log("\nONEPOOL_SKIP_E2E=1: the e2e suite was NOT run.");
    } else {
      const chromium = findChromium();
      if (!chromium) {
        console.error("\nNo Chromium found for the e2e suite. Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH; ONEPOOL_SKIP_E2E=1 skips e2e.");
        failedSuites++;
      } else if ((await run("npm", ["run", "build"])) !== 0) {
        failedSuites++;
      } else {
        const db = `onepool_e2e_${process.pid}`;
        await createDatabase(server.adminUrl, db);
        const code = await run("npx", ["playwright", "test", "--reporter=list,json"], {
          CHROMIUM_PATH: chromium,
          E2E_DATABASE_URL: server.urlFor(db),
          PLAYWRIGHT_JSON_OUTPUT_NAME: ".data/test-results/e2e.json",
        });
        if (code !== 0) failedSuites++;
        addPlaywright(".data/test-results/e2e.json");
        await dropDatabase(server.adminUrl, db);
      }
    }
  } finally {
    await server.stop();
  }
  if (failedSuites > 0 && total.failed === 0) total.failed = failedSuites; // a suite that crashed before counting
  if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  ✗ ${f}`).join("\n")}`);
  console.log(`\nTotal: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(failedSuites > 0 || total.failed > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
