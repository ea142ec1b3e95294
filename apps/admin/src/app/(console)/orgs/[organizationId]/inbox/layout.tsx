import type { ReactNode } from "react";
import { publicRealtimeConfig } from "~/env.ts";
import { InboxLiveProvider } from "~/features/inbox/live/index.ts";

// One Soketi connection for the inbox's pages: kept while the agent moves between the list and conversations.
export default function InboxLayout({ children }: { children: ReactNode }) {
  return <InboxLiveProvider config={publicRealtimeConfig()}>{children}</InboxLiveProvider>;
}
