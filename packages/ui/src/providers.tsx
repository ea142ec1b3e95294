"use client";

import type { AppName } from "@marquee/api/auth/options";
import { SessionProvider } from "next-auth/react";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "./trpc/react.tsx";

export function Providers({ app, children }: { app: AppName; children: ReactNode }) {
  return (
    <SessionProvider>
      <TRPCReactProvider source={app}>{children}</TRPCReactProvider>
    </SessionProvider>
  );
}
