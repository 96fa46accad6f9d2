"use client";

import { useSyncExternalStore } from "react";

// Stop-gap until people sign in (the people-and-permissions issue): admin writes send a connector
// token with the "admin" scope, kept in this tab's sessionStorage only (gone when the tab closes).

const KEY = "onepool.adminToken";

export interface AdminTokenState {
  token: string | null;
  /** The server refused it (401/403) since it was entered. */
  refused: { status: number; message: string } | null;
  /** The token prompt is open: why, and what to do once a token is saved. */
  prompt: { reason: string | null; then: ((token: string) => void) | null } | null;
}

let state: AdminTokenState = { token: null, refused: null, prompt: null };
let loaded = false;
const listeners = new Set<() => void>();

function set(next: Partial<AdminTokenState>) {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

function load() {
  if (loaded || typeof window === "undefined") return;
  loaded = true;
  try {
    state = { ...state, token: window.sessionStorage.getItem(KEY) };
  } catch {
    // Storage blocked: the token lives in memory for this page only.
  }
}

const SERVER: AdminTokenState = { token: null, refused: null, prompt: null };
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const snapshot = () => {
  load();
  return state;
};

export const adminToken = {
  get: () => snapshot().token,
  save(token: string) {
    const t = token.trim();
    try {
      window.sessionStorage.setItem(KEY, t);
    } catch {
      /* memory only */
    }
    const then = state.prompt?.then ?? null;
    set({ token: t, refused: null, prompt: null });
    then?.(t);
  },
  forget() {
    try {
      window.sessionStorage.removeItem(KEY);
    } catch {
      /* memory only */
    }
    set({ token: null, refused: null });
  },
  /** Open the prompt; `then` runs with the new token once it is saved (the action that asked for it). */
  ask(reason: string | null = null, then: ((token: string) => void) | null = null) {
    set({ prompt: { reason, then } });
  },
  close: () => set({ prompt: null }),
  markRefused: (status: number, message: string) => set({ refused: { status, message } }),
};

/** The admin token, whether the server refused it, and the prompt's state. */
export function useAdminToken(): AdminTokenState {
  return useSyncExternalStore(subscribe, snapshot, () => SERVER);
}
