// Property tests of the published quantity (docs/CHANNEL-RULES.md) for random rules, stock, velocity and latency.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { velocityRate } from "../metrics/velocity";
import { computePublished, computePublishedNumbers, reserveOf, type ChannelInput, type PublishedBreakdown } from "./compute-published";
import { rat, type Rational } from "./rational";
import type { ResolvedFields } from "./rule-fields";

const arbDecimal = fc
  .tuple(fc.nat(4), fc.nat(999), fc.integer({ min: 0, max: 3 }))
  .map(([int, frac, places]) => (places === 0 ? String(int) : `${int}.${String(frac).padStart(3, "0").slice(0, places)}`));

const arbFields: fc.Arbitrary<ResolvedFields> = fc.record({
  bufferUnits: fc.oneof(fc.constant(0), fc.nat(60)),
  bufferPercent: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100 })),
  dynamicK: fc.oneof(fc.constant("0"), arbDecimal),
  reserveUnits: fc.oneof(fc.constant(0), fc.nat(80)),
  reservePercent: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100 })),
  floor: fc.oneof(fc.constant(0), fc.nat(50)),
  minQty: fc.oneof(fc.constant(0), fc.nat(50)),
  maxQty: fc.option(fc.nat(200), { nil: null }),
  sources: fc.constant({}),
});

const arbChannels = fc
  .array(
    fc.record({
      fields: arbFields,
      paused: fc.boolean(),
      latencyMinutes: fc.oneof(fc.constant(0), fc.nat(2880)),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((cs) =>
    cs.map(
      (c, i): ChannelInput => ({
        channel: `ch${i}`,
        fields: c.fields,
        pausedBy: c.paused ? { id: `p${i}`, reason: "test", until: null } : null,
        latencyDays: rat(c.latencyMinutes, 1440),
        latencySource: c.latencyMinutes === 0 ? "none" : "configured",
      }),
    ),
  );

const arbVelocity: fc.Arbitrary<Rational> = fc.record({ units24h: fc.integer({ min: -5, max: 200 }), units7d: fc.integer({ min: -5, max: 1000 }) }).map(velocityRate);
const arbA = fc.oneof(fc.integer({ min: -5, max: 300 }), fc.integer({ min: 0, max: 20 }));
const arbCase = fc.record({ A: arbA, velocity: arbVelocity, channels: arbChannels });

// ---------------------------------------------------------------------------------------------
// An independent oracle: the docs/CHANNEL-RULES.md formula in integer arithmetic only.
// ⌈max(x, y, z)⌉ = max(⌈x⌉, ⌈y⌉, ⌈z⌉), so each term is ceiled on its own with BigInt.

const ceilDiv = (n: bigint, d: bigint): bigint => (n + d - 1n) / d;

function decimalParts(s: string): { n: bigint; d: bigint } {
  const [i, f = ""] = s.split(".");
  return { n: BigInt(i + f), d: 10n ** BigInt(f.length) };
}

function oracle(Araw: number, velocity: Rational, channels: readonly ChannelInput[]) {
  const A = Math.max(0, Araw);
  const reserve = (f: ResolvedFields) => Math.min(A, Math.max(f.reserveUnits, Math.floor((f.reservePercent * A) / 100)));
  return channels.map((c) => {
    const f = c.fields;
    const others = channels.filter((o) => o.channel !== c.channel).reduce((s, o) => s + reserve(o.fields), 0);
    const base = Math.max(0, A - Math.min(A, others));
    const k = decimalParts(f.dynamicK);
    const dynamicCeil = ceilDiv(k.n * velocity.n * c.latencyDays.n, k.d * velocity.d * c.latencyDays.d);
    const percentCeil = ceilDiv(BigInt(f.bufferPercent) * BigInt(base), 100n);
    const buffer = [BigInt(f.bufferUnits), percentCeil, dynamicCeil].reduce((m, x) => (x > m ? x : m));
    if (c.pausedBy || A <= f.floor) return { base, others, published: 0 };
    let p = BigInt(base) - buffer;
    if (p < BigInt(f.minQty)) p = BigInt(f.minQty);
    if (f.maxQty !== null && p > BigInt(f.maxQty)) p = BigInt(f.maxQty);
    if (p > BigInt(base)) p = BigInt(base);
    if (p < 0n) p = 0n;
    return { base, others, published: Number(p) };
  });
}

const unpause = (cs: readonly ChannelInput[]) => cs.map((c) => ({ ...c, pausedBy: null }));
const withoutPublished = (b: PublishedBreakdown) => ({ ...b, published: undefined, pausedBy: undefined });

describe("published quantity (properties)", () => {
  it("equals the integer-only oracle of the documented formula (docs/CHANNEL-RULES.md)", () => {
    fc.assert(
      fc.property(arbCase, ({ A, velocity, channels }) => {
        const got = computePublished(A, velocity, channels);
        const want = oracle(A, velocity, channels);
        got.forEach((b, i) => {
          expect({ base: b.base, others: b.reservedForOthers, published: b.published }, b.channel).toEqual(want[i]);
        });
      }),
      { numRuns: 3000 },
    );
  });

  it("computePublishedNumbers (the stored numbers' fast path) gives exactly computePublished's numbers", () => {
    // Also far beyond everyday sizes, where bufferPercent × base or the dynamic term leave the safe integers.
    const huge = fc.record({
      A: fc.oneof(arbA, fc.integer({ min: 0, max: 2 ** 31 - 1 })),
      velocity: fc.oneof(arbVelocity, fc.record({ units24h: fc.integer({ min: 0, max: 2 ** 31 - 1 }), units7d: fc.integer({ min: 0, max: 2 ** 31 - 1 }) }).map(velocityRate)),
      channels: arbChannels.chain((cs) =>
        fc
          .tuple(...cs.map(() => fc.record({ p: fc.integer({ min: 0, max: 2 ** 31 - 1 }), k: fc.constantFrom("0", "999999.9999", "123456.5", "0.0001"), big: fc.boolean() })))
          .map((extra) => cs.map((c, i) => (extra[i].big ? { ...c, fields: { ...c.fields, bufferPercent: extra[i].p, dynamicK: extra[i].k }, latencyDays: rat(10080, 1440) } : c))),
      ),
    });
    fc.assert(
      fc.property(fc.oneof(arbCase, huge), ({ A, velocity, channels }) => {
        const out: number[] = [];
        expect(computePublishedNumbers(A, velocity, channels, out)).toEqual(computePublished(A, velocity, channels).map((b) => b.published));
        expect(computePublishedNumbers(A, velocity, channels)).toEqual(out);
        expect(out).toEqual(oracle(A, velocity, channels).map((w) => w.published));
      }),
      { numRuns: 3000 },
    );
  });

  it("integers with 0 ≤ published ≤ base ≤ A", () => {
    fc.assert(
      fc.property(arbCase, ({ A, velocity, channels }) => {
        for (const b of computePublished(A, velocity, channels)) {
          expect(Number.isInteger(b.published) && Number.isInteger(b.base) && Number.isInteger(b.reservedForOthers)).toBe(true);
          expect(b.published).toBeGreaterThanOrEqual(0);
          expect(b.published).toBeLessThanOrEqual(b.base);
          expect(b.base).toBeLessThanOrEqual(Math.max(0, A));
          expect(b.availableReal).toBe(Math.max(0, A));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("a pause always gives 0, and the rest of the breakdown is what it would be unpaused", () => {
    fc.assert(
      fc.property(arbCase, ({ A, velocity, channels }) => {
        const paused = computePublished(A, velocity, channels);
        const free = computePublished(A, velocity, unpause(channels));
        paused.forEach((b, i) => {
          if (channels[i].pausedBy) {
            expect(b.published).toBe(0);
            expect(b.pausedBy).toEqual(channels[i].pausedBy);
          } else {
            expect(b.published).toBe(free[i].published); // another channel's pause changes nothing here
          }
          expect(withoutPublished(b)).toEqual(withoutPublished(free[i]));
        });
      }),
      { numRuns: 1000 },
    );
  });

  it("A ≤ floor always gives 0; above the floor an unpaused channel shows at least min(minQty, base, maxQty)", () => {
    fc.assert(
      fc.property(arbCase, ({ A, velocity, channels }) => {
        computePublished(A, velocity, channels).forEach((b, i) => {
          const f = channels[i].fields;
          if (Math.max(0, A) <= f.floor) expect(b.published).toBe(0);
          else if (!channels[i].pausedBy) expect(b.published).toBeGreaterThanOrEqual(Math.min(f.minQty, b.base, f.maxQty ?? Infinity));
        });
      }),
      { numRuns: 1000 },
    );
  });

  it("never exceeds maxQty when one is set", () => {
    fc.assert(
      fc.property(arbCase, ({ A, velocity, channels }) => {
        computePublished(A, velocity, channels).forEach((b, i) => {
          const max = channels[i].fields.maxQty;
          if (max !== null) expect(b.published).toBeLessThanOrEqual(max);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it("reserves: each ≤ A, a channel never sees its own, and the listed ones sum to reservedForOthers", () => {
    fc.assert(
      fc.property(arbCase, ({ A, velocity, channels }) => {
        const AA = Math.max(0, A);
        computePublished(A, velocity, channels).forEach((b) => {
          expect(Object.keys(b.reserves)).not.toContain(b.channel);
          let sum = 0;
          for (const [code, r] of Object.entries(b.reserves)) {
            expect(r).toBeGreaterThan(0);
            expect(r).toBeLessThanOrEqual(AA);
            expect(r).toBe(reserveOf(channels.find((c) => c.channel === code)!.fields, AA));
            sum += r;
          }
          expect(b.reservedForOthers).toBe(sum);
          expect(b.base).toBe(Math.max(0, AA - sum));
        });
      }),
      { numRuns: 1000 },
    );
  });

  it("does not depend on the order the channels are listed in", () => {
    fc.assert(
      fc.property(
        arbCase.chain((c) => fc.record({ c: fc.constant(c), perm: fc.shuffledSubarray(c.channels, { minLength: c.channels.length, maxLength: c.channels.length }) })),
        ({ c, perm }) => {
          const byCode = (bs: PublishedBreakdown[]) => Object.fromEntries(bs.map((b) => [b.channel, b]));
          expect(byCode(computePublished(c.A, c.velocity, perm))).toEqual(byCode(computePublished(c.A, c.velocity, c.channels)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("more buffer, velocity or latency never shows more", () => {
    fc.assert(
      fc.property(arbCase, fc.nat(20), fc.nat(100), ({ A, velocity, channels }, extraUnits, extraVelocity) => {
        const before = computePublished(A, velocity, channels);
        const moreBuffer = computePublished(
          A,
          velocity,
          channels.map((c) => ({ ...c, fields: { ...c.fields, bufferUnits: c.fields.bufferUnits + extraUnits } })),
        );
        const faster = computePublished(A, { n: velocity.n + BigInt(extraVelocity) * velocity.d, d: velocity.d }, channels);
        const slower = computePublished(
          A,
          velocity,
          channels.map((c) => ({ ...c, latencyDays: { n: c.latencyDays.n * 2n, d: c.latencyDays.d } })),
        );
        before.forEach((b, i) => {
          expect(moreBuffer[i].published).toBeLessThanOrEqual(b.published);
          expect(faster[i].published).toBeLessThanOrEqual(b.published);
          expect(slower[i].published).toBeLessThanOrEqual(b.published);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it("more stock never shows less, when at most one other channel reserves a percent", () => {
    // Each other channel's percent reserve is floored on its own (docs/CHANNEL-RULES.md). With two or more,
    // their floors can jump together: two 50 % reserves hold 0 of 1 unit but 2 of 2, so a third
    // channel's base goes 1 → 0 as stock grows (the example below). Outside that, monotone.
    const onePercentReserve = arbCase.filter(({ channels }) => channels.filter((c) => c.fields.reservePercent > 0).length <= 1);
    fc.assert(
      fc.property(onePercentReserve, fc.integer({ min: 1, max: 50 }), ({ A, velocity, channels }, more) => {
        const before = computePublished(A, velocity, channels);
        const after = computePublished(Math.max(0, A) + more, velocity, channels);
        before.forEach((b, i) => expect(after[i].published).toBeGreaterThanOrEqual(b.published));
      }),
      { numRuns: 2000 },
    );
  });

  it("two percent reserves floored on their own can hand a third channel less as stock grows (docs/CHANNEL-RULES.md, as written)", () => {
    const ch = (channel: string, reservePercent: number): ChannelInput => ({
      channel,
      pausedBy: null,
      latencyDays: rat(0),
      latencySource: "none",
      fields: { bufferUnits: 0, bufferPercent: 0, dynamicK: "0", reserveUnits: 0, reservePercent, floor: 0, minQty: 0, maxQty: null, sources: {} },
    });
    const channels = [ch("a", 50), ch("b", 50), ch("c", 0)];
    expect(computePublished(1, rat(0), channels)[2].published).toBe(1);
    expect(computePublished(2, rat(0), channels)[2].published).toBe(0);
  });

  it("exclusive reserves never hand out more than available real: what a channel shows plus what it leaves for the others' reserves fits in A", () => {
    fc.assert(
      fc.property(arbCase, ({ A, velocity, channels }) => {
        const out = computePublished(A, velocity, channels);
        const a = Math.max(0, A);
        for (const b of out) expect(b.published + Math.min(a, b.reservedForOthers)).toBeLessThanOrEqual(a);
      }),
      { numRuns: 1000 },
    );
  });
});
