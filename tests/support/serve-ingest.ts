import "@/server/preload";
import { parseEnv } from "@/server/env";
import { startServer } from "@/server/start-server";

// The server without Next pages, as a child process a test can kill -9 (outbound durability).
// Prints "listening <url>" once it serves.
startServer(parseEnv(), { withNext: false, log: () => {} }).then(
  (s) => console.log(`listening ${s.url}`),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
