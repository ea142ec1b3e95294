"use client";

import type { SessionMembership } from "@marquee/api/session";
import { useRouter } from "next/navigation";
import { ROLE_LABEL } from "~/lib/labels.ts";

/** Which organisation the console works in: the same page in another organisation keeps its area. */
export function OrganizationSwitcher({ current, memberships }: { current: string; memberships: SessionMembership[] }) {
  const router = useRouter();
  const active = memberships.find((m) => m.organizationId === current);
  if (memberships.length < 2) {
    return (
      <p className="organization-name">
        <strong>{active?.organizationName}</strong>
        <span className="muted small">{active ? ROLE_LABEL[active.role] : ""}</span>
      </p>
    );
  }
  return (
    <label className="organization-switcher">
      <span className="muted small">Organisation</span>
      <select
        value={current}
        onChange={(event) => {
          const area = window.location.pathname.split("/")[3] ?? "events";
          router.push(`/orgs/${event.target.value}/${area}`);
        }}
      >
        {memberships.map((m) => (
          <option key={m.organizationId} value={m.organizationId}>
            {m.organizationName} ({ROLE_LABEL[m.role]})
          </option>
        ))}
      </select>
    </label>
  );
}
