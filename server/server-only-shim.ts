// Under the custom server (plain Node via tsx) `server-only` resolves to this empty module; inside
// the Next bundle it resolves to the real guard, which fails any client import of a server module.
export {};
