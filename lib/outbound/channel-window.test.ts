import { describe, expect, it } from "vitest";
import { afterAnswer, CHANNEL_WINDOW, openWindow, windowSlots, type ChannelWindow } from "./channel-window";

const acks = (w: ChannelWindow, n: number, saturated = true) => {
  for (let i = 0; i < n; i++) w = afterAnswer(w, "ack", saturated, 0);
  return w;
};

describe("a channel's window of pushes in flight", () => {
  it("starts at 16", () => {
    expect(windowSlots(openWindow())).toBe(16);
  });

  it("grows by one push per window of 2xx answers while it is full, up to 64", () => {
    expect(windowSlots(acks(openWindow(), 16))).toBe(17);
    expect(windowSlots(acks(openWindow(), 16 + 17))).toBe(18);
    expect(windowSlots(acks(openWindow(), 10_000))).toBe(CHANNEL_WINDOW.max);
  });

  it("does not grow on answers that came while slots were free", () => {
    expect(acks(openWindow(), 1000, false)).toEqual(openWindow());
  });

  it("halves on a 429, a 5xx or a timeout, once per second however many fail together, down to 1", () => {
    let w = acks(openWindow(), 10_000);
    w = afterAnswer(w, "retry", true, 5_000);
    expect(windowSlots(w)).toBe(32);
    for (let i = 0; i < 31; i++) w = afterAnswer(w, "retry", true, 5_000 + i);
    expect(windowSlots(w)).toBe(32);
    w = afterAnswer(w, "retry", true, 6_000);
    expect(windowSlots(w)).toBe(16);
    for (let t = 7_000; t < 20_000; t += 1_000) w = afterAnswer(w, "retry", false, t);
    expect(windowSlots(w)).toBe(CHANNEL_WINDOW.min);
  });

  it("leaves the window as it is on a refusal (a 4xx says nothing about load)", () => {
    const w = acks(openWindow(), 40);
    expect(afterAnswer(w, "reject", true, 1_000)).toBe(w);
  });

  it("grows back after a cut once the channel answers again", () => {
    let w = afterAnswer(openWindow(), "retry", true, 0);
    expect(windowSlots(w)).toBe(8);
    w = acks(w, 8);
    expect(windowSlots(w)).toBe(9);
  });
});
