"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { isRetryable } from "@/client/api/fetch-json";
import { LiveProvider } from "./live/LiveProvider";

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Live frames keep the cache fresh; refetching on focus would only repeat work.
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, err) => isRetryable(err) && count < 2,
      },
    },
  });
}

export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={client}>
      <LiveProvider>{children}</LiveProvider>
    </QueryClientProvider>
  );
}
