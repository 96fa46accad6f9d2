import "../server/preload";
import { parseEnv } from "@/server/env";
import { startServer } from "@/server/start-server";

// (w)'s second instance, in a process of its own: two instances in the bench's process would share
// one event loop, so one's broadcasts would wait for the other's as if they were one server. It gets
// the bench server's environment (same database), answers with its port, and stops when the bench
// disconnects.

process.once("message", (input: NodeJS.ProcessEnv) => {
  startServer(parseEnv(input), { withNext: false, log: () => {} }).then(
    (running) => {
      process.once("disconnect", () => void running.stop().finally(() => process.exit(0)));
      process.send!({ port: running.port });
    },
    (err: unknown) => {
      console.error("second instance failed to start:", err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    },
  );
});
