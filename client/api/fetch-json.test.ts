import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorText, fieldMessage } from "./error-text";
import { ApiError, fetchJson, isRetryable } from "./fetch-json";
import { sendJson } from "./send-json";

// The browser's one way to call the API, against a real HTTP server on loopback that answers as the
// API does (docs/API.md §0: `{ error: { code, message, details? } }`).
let server: http.Server;
let base = "";
const seen: { method?: string; type?: string; accept?: string; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method, type: req.headers["content-type"], accept: req.headers.accept, body });
      const send = (status: number, payload: string) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(payload);
      };
      if (req.url === "/ok") return send(200, JSON.stringify({ id: "42", n: 3 }));
      if (req.url === "/field") return send(400, JSON.stringify({ error: { code: "invalid_body", message: "sources.0: must be a known source", details: { field: "sources.0", issues: 1 } } }));
      if (req.url === "/plain") return send(502, "<html>bad gateway</html>");
      send(404, JSON.stringify({ error: { code: "not_found", message: "no such thing" } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("fetchJson", () => {
  it("returns the parsed body of a 2xx and asks for JSON", async () => {
    expect(await fetchJson<{ id: string }>(`${base}/ok`)).toEqual({ id: "42", n: 3 });
    expect(seen.at(-1)?.accept).toBe("application/json");
  });

  it("turns the API's error body into an ApiError with its code, message, blamed field and details", async () => {
    const err = await fetchJson(`${base}/field`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: "invalid_body", message: "sources.0: must be a known source", field: "sources.0", details: { field: "sources.0", issues: 1 } });
    // A form shows it on the field it blames, without the "sources.0: " prefix; not on another.
    expect(fieldMessage(err, "sources")).toBe("Must be a known source.");
    expect(fieldMessage(err, "name")).toBeUndefined();
    expect(isRetryable(err)).toBe(false);
  });

  it("names the status when the answer is not the API's JSON (a proxy's page), and counts a 5xx as worth a retry", async () => {
    const err = await fetchJson(`${base}/plain`).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 502, code: "http_502", field: null });
    expect((err as ApiError).message).toMatch(/^The server answered 502/);
    expect(isRetryable(err)).toBe(true);
  });

  it("says the server could not be reached when nothing answers, in a person's words", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await fetchJson(`http://127.0.0.1:${port}/ok`).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 0, code: "network" });
    expect(isRetryable(err)).toBe(true);
    expect(errorText(err)).toBe("The server could not be reached; nothing was changed.");
  });
});

describe("sendJson", () => {
  it("sends the body as JSON with its method", async () => {
    await sendJson("PUT", `${base}/ok`, { name: "Ñandú", qty: 3 });
    expect(seen.at(-1)).toMatchObject({ method: "PUT", type: "application/json", body: JSON.stringify({ name: "Ñandú", qty: 3 }) });
  });
});

describe("errorText", () => {
  it("makes an API fragment a sentence and leaves other errors as they are", () => {
    expect(errorText(new ApiError(409, "conflict", "the rule changed meanwhile"))).toBe("The rule changed meanwhile.");
    expect(errorText(new ApiError(409, "conflict", "Already done!"))).toBe("Already done!");
    expect(errorText(new Error("boom"))).toBe("boom");
    expect(errorText("text")).toBe("text");
  });
});
