import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { GET as listSkus } from "@/app/api/skus/route";
import { decodeCursor, getSkuRows, InvalidCursor } from "@/server/queries/get-sku-rows";
import { getSkuDetail } from "@/server/queries/get-sku-detail";
import { ev, startTestServer, TEST_TOKEN, uniqueCatalog, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
});
afterAll(() => server?.stop());

it("searches code, name and tags (a tag containing the text), sorts, and pages with a cursor", async () => {
  const c = uniqueCatalog({ skus: ["MAT-1", "MAT-2", "BELT-1"] });
  await server.catalog({
    ...c.input,
    skus: [
      { code: c.sku("MAT-1"), name: "Yoga mat blue", tags: [`recovery-${c.tag}`] },
      { code: c.sku("MAT-2"), name: "Yoga mat green", tags: ["yoga"] },
      { code: c.sku("BELT-1"), name: "Lumbar belt", tags: ["supports"] },
    ],
  });
  await server.post([
    ev({ type: "receipt", sku: c.sku("MAT-1"), location: c.loc("wh"), quantity: 5 }),
    ev({ type: "receipt", sku: c.sku("MAT-2"), location: c.loc("wh"), quantity: 9 }),
    ev({ type: "receipt", sku: c.sku("BELT-1"), location: c.loc("wh"), quantity: 1 }),
  ]);
  const pool = server.services.pool;
  const byTag = await getSkuRows(pool, { q: `covery-${c.tag}` }, 7);
  expect(byTag.items.map((r) => r.code)).toEqual([c.sku("MAT-1")]);

  const mine = await getSkuRows(pool, { q: c.tag, sort: "-availableReal", limit: 2 }, 7);
  expect(mine.total).toBe(3);
  expect(mine.items.map((r) => r.availableReal)).toEqual([9, 5]);
  const rest = await getSkuRows(pool, { q: c.tag, sort: "-availableReal", limit: 2, cursor: mine.nextCursor }, 7);
  expect(rest.items.map((r) => r.availableReal)).toEqual([1]);
  expect(rest.nextCursor).toBeNull();
  expect(() => decodeCursor("bm9wZQ", "code")).toThrow();
  // A cursor of one sort is refused by another: it names a place in a different order.
  await expect(getSkuRows(pool, { q: c.tag, sort: "availableReal", cursor: mine.nextCursor }, 7)).rejects.toBeInstanceOf(InvalidCursor);
});

it("GET /api/skus?q= matches every word anywhere in code, name or tags, ignoring case, order and punctuation", async () => {
  const c = uniqueCatalog({ skus: ["KNEE-BRACE-M-BLK", "KNEE-BRACE-M-BEI", "ANKLE-BRACE-M-BLK"] });
  await server.catalog({
    ...c.input,
    skus: [
      { code: c.sku("KNEE-BRACE-M-BLK"), name: "Knee Brace (M, Black)", tags: ["braces"] },
      { code: c.sku("KNEE-BRACE-M-BEI"), name: "Knee Brace (M, Beige)", tags: ["braces"] },
      { code: c.sku("ANKLE-BRACE-M-BLK"), name: "Ankle Brace (M, Black)", tags: ["braces", "bestseller"] },
    ],
  });
  const search = async (q: string) => {
    // The catalogue's tag (in every code here) keeps other tests' SKUs out of the answer.
    const res = await listSkus(new Request(`http://localhost/api/skus?${new URLSearchParams({ q: `${q} ${c.tag}` })}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } }));
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: { code: string }[] }).items.map((r) => r.code.replace(`-${c.tag}`, ""));
  };
  expect(await search("knee brace black")).toEqual(["KNEE-BRACE-M-BLK"]);
  expect(await search("knee brace m bl")).toEqual(["KNEE-BRACE-M-BLK"]);
  expect(await search("Black KNEE")).toEqual(["KNEE-BRACE-M-BLK"]);
  expect(await search("knee-brace, (m)")).toEqual(["KNEE-BRACE-M-BEI", "KNEE-BRACE-M-BLK"]);
  expect(await search("kneebrace")).toEqual(["KNEE-BRACE-M-BEI", "KNEE-BRACE-M-BLK"]);
  expect(await search("brace black")).toEqual(["ANKLE-BRACE-M-BLK", "KNEE-BRACE-M-BLK"]);
  expect(await search("bestseller black")).toEqual(["ANKLE-BRACE-M-BLK"]);
  expect(await search("knee brace red")).toEqual([]);
  // LIKE wildcards are punctuation like any other: ignored, never patterns.
  expect(await search("knee % _")).toEqual(["KNEE-BRACE-M-BEI", "KNEE-BRACE-M-BLK"]);
  expect(await search("%")).toHaveLength(3);
  // The searched text is stored (sku.search_text): a rename or a new tag is found at once, the old name no more.
  await server.catalog({
    ...c.input,
    skus: [
      { code: c.sku("KNEE-BRACE-M-BLK"), name: "Knee Sleeve (M, Black)", tags: ["braces", "clearance"] },
      { code: c.sku("KNEE-BRACE-M-BEI"), name: "Knee Brace (M, Beige)", tags: ["braces"] },
      { code: c.sku("ANKLE-BRACE-M-BLK"), name: "Ankle Brace (M, Black)", tags: ["braces", "bestseller"] },
    ],
  });
  expect(await search("sleeve clearance")).toEqual(["KNEE-BRACE-M-BLK"]);
  expect(await search("brace black")).toEqual(["ANKLE-BRACE-M-BLK", "KNEE-BRACE-M-BLK"]); // still in its code
  expect(await search("bracem black")).toEqual(["ANKLE-BRACE-M-BLK", "KNEE-BRACE-M-BLK"]);
  expect(await search("knee brace black sleeve")).toEqual(["KNEE-BRACE-M-BLK"]);
  expect(await search("ankle sleeve")).toEqual([]);
});

it("velocity counts placed minus cancelled units; cover and status follow from it", async () => {
  const c = uniqueCatalog({ skus: ["V"] });
  await server.catalog({ ...c.input, skus: [{ code: c.sku("V"), name: "v", leadTimeDays: 10 }] });
  const sku = c.sku("V");
  await server.post([
    ev({ type: "receipt", sku, location: c.loc("wh"), quantity: 100 }, 3 * 86_400_000),
    ev({ type: "order.placed", sku, location: c.loc("wh"), quantity: 14 }, 3 * 86_400_000),
    ev({ type: "order.placed", sku, location: c.loc("wh"), quantity: 8 }, 60_000),
    ev({ type: "order.cancelled", sku, location: c.loc("wh"), quantity: 1, reason: "customer" }, 30_000),
  ]);
  // Published numbers are stored by the publisher's pass right after the commit.
  await server.services.publisher.settle();
  const d = (await getSkuDetail(server.services.pool, sku, 7))!;
  // 24 h: 8 − 1 = 7/day; 7 d: (14 + 8 − 1) / 7 = 3/day; cover uses the higher: 79 / 7.
  expect(d.velocity24h).toBe(7);
  expect(d.velocity7d).toBe(3);
  expect(d.availableReal).toBe(100 - 14 - 8 + 1);
  expect(d.daysOfInventory).toBe(11.3);
  expect(d.status).toBe("low_cover"); // 11.3 < lead time 10 + 7 safety days
  expect(d.channels.find((ch) => ch.code === c.channel)).toEqual({ code: c.channel, published: 79, paused: false, pausedBy: null });
});
