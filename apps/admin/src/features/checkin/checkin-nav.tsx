"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { orgPath } from "~/lib/org-path.ts";
import styles from "./checkin.module.css";

/** The check-in pages of one event; Devices only for members who may manage devices. */
export function CheckinNav({ organizationId, eventId, canManageDevices }: { organizationId: string; eventId: string; canManageDevices: boolean }) {
  const pathname = usePathname();
  const base = orgPath(organizationId, `/events/${eventId}/checkin`);
  const items = [
    { href: base, label: "Progress" },
    { href: `${base}/conflicts`, label: "Conflicts" },
    { href: `${base}/lists`, label: "Lists" },
    ...(canManageDevices ? [{ href: `${base}/devices`, label: "Devices" }] : []),
  ];
  return (
    <nav aria-label="Check-in pages" className={styles.subnav}>
      {items.map((item) => (
        <Link key={item.href} href={item.href} aria-current={pathname === item.href ? "page" : undefined}>
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
