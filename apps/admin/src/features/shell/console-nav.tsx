"use client";

import { roleCan } from "@marquee/api/permissions";
import type { SessionMembership } from "@marquee/api/session";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { InboxOpenCount } from "~/features/inbox/inbox-open-count.tsx";
import { NAV_ITEMS } from "./navigation.ts";

/** The organisation's menu: a sidebar on a desktop, a row that scrolls sideways on a phone. */
export function ConsoleNav({ organizationId, role }: { organizationId: string; role: SessionMembership["role"] }) {
  const pathname = usePathname();
  const base = `/orgs/${organizationId}`;
  const items = NAV_ITEMS.filter((item) => roleCan(role, item.capability));
  return (
    <nav aria-label="Console" className="console-nav">
      <ul>
        {items.map((item) => {
          const href = base + item.path;
          const current = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={item.path}>
              <Link href={href} aria-current={current ? "page" : undefined} className="console-nav-link">
                {item.label}
                {item.count === "inbox-open" ? <InboxOpenCount organizationId={organizationId} /> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
