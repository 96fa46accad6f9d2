import { chromium } from "@playwright/test";
(async () => {
  const base = process.argv[2];
  const b = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  for (const width of [390, 820, 1440]) {
    const c = await b.newContext({ viewport: { width, height: 844 } });
    const res = await c.request.post(`${base}/api/auth/sign-in/email`, { data: { email: process.argv[3], password: process.argv[4] }, headers: { origin: base } });
    if (!res.ok()) throw new Error(await res.text());
    const p = await c.newPage();
    await p.goto(base + (process.argv[5] ?? "/"));
    for (const wait of [0, 3000]) {
      await p.waitForTimeout(wait);
      const r = await p.evaluate(() => {
        const inner = window.innerWidth;
        const wide = [...document.querySelectorAll("body *")]
          .filter((e) => {
            const r = e.getBoundingClientRect();
            return r.right > inner + 1 && r.width > 0;
          })
          .map((e) => `${e.tagName}.${(e.className || "").toString().slice(0, 80)} right=${Math.round(e.getBoundingClientRect().right)}`);
        return { scroll: document.documentElement.scrollWidth, wide: wide.slice(0, 6) };
      });
      console.log(width, wait, JSON.stringify(r, null, 1));
    }
    await p.screenshot({ path: `/tmp/main-shots/probe-${width}.png` });
    await c.close();
  }
  await b.close();
})();
