import { requireSessionUser } from "@marquee/ui/server/session";
import type { Metadata } from "next";
import { OrganizationEvents } from "~/components/organization-events.tsx";

export const metadata: Metadata = { title: "Events" };

export default async function ConsoleHomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Layouts are not re-run on every client navigation: the page checks too (cached per request).
  await requireSessionUser("admin");
  const { org } = await searchParams;
  return <OrganizationEvents selectedOrganizationId={typeof org === "string" ? org : undefined} />;
}
