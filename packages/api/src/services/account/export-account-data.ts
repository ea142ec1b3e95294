import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";

/** Bumped when the export's shape changes, so whoever reads a file knows which shape it has. */
export const ACCOUNT_EXPORT_FORMAT = "marquee-account-export/1";

/**
 * "Download my data": everything the platform holds about the signed-in user, as one JSON
 * document: the profile, team memberships, the orders placed while signed in (with their lines,
 * tickets, refunds and invoice numbers) and the support conversations they started (without the
 * agents' internal notes). Only rows linked to this account are read, never rows that merely
 * share its address, so another person's data cannot end up here. No secrets: no password hash,
 * no signed ticket codes (the short codes identify the tickets), no access tokens.
 */
export async function exportAccountData(deps: { db: Db; clock: { now(): Date } }, userId: string) {
  const user = await deps.db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      marketingOptIn: true,
      emailVerifiedAt: true,
      createdAt: true,
      updatedAt: true,
      passwordHash: true,
      memberships: { select: { role: true, createdAt: true, organization: { select: { name: true, slug: true } } } },
    },
  });
  if (!user) throw new AppError("NOT_FOUND", "Account not found.");
  const [orders, conversations] = await Promise.all([
    deps.db.order.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        reference: true,
        status: true,
        createdAt: true,
        paidAt: true,
        cancelledAt: true,
        buyerName: true,
        buyerEmail: true,
        locale: true,
        currency: true,
        subtotalMinor: true,
        discountMinor: true,
        taxMinor: true,
        totalMinor: true,
        refundedMinor: true,
        organization: { select: { name: true } },
        event: { select: { name: true, startsAt: true, venue: { select: { name: true, city: true, country: true } } } },
        lines: { select: { quantity: true, unitPriceMinor: true, totalMinor: true, status: true, ticketType: { select: { name: true } } } },
        tickets: {
          orderBy: { issuedAt: "asc" },
          select: {
            shortCode: true,
            holderName: true,
            status: true,
            issuedAt: true,
            checkedInAt: true,
            ticketType: { select: { name: true } },
            seat: { select: { label: true, row: { select: { label: true } }, section: { select: { name: true } } } },
          },
        },
        refunds: { orderBy: { createdAt: "asc" }, select: { amountMinor: true, currency: true, status: true, createdAt: true } },
        invoices: { orderBy: { issuedAt: "asc" }, select: { kind: true, displayNumber: true, totalMinor: true, issuedAt: true } },
      },
    }),
    deps.db.supportConversation.findMany({
      where: { requesterId: userId },
      orderBy: { createdAt: "asc" },
      select: {
        subject: true,
        status: true,
        requesterName: true,
        requesterEmail: true,
        createdAt: true,
        organization: { select: { name: true } },
        order: { select: { reference: true } },
        messages: { where: { internal: false }, orderBy: { createdAt: "asc" }, select: { authorKind: true, body: true, createdAt: true } },
      },
    }),
  ]);
  const { passwordHash, memberships, ...profile } = user;
  return {
    format: ACCOUNT_EXPORT_FORMAT,
    exportedAt: deps.clock.now(),
    profile: { ...profile, hasPassword: passwordHash !== null },
    teams: memberships.map((membership) => ({
      organization: membership.organization.name,
      slug: membership.organization.slug,
      role: membership.role,
      since: membership.createdAt,
    })),
    orders: orders.map(({ organization, lines, tickets, ...order }) => ({
      ...order,
      organiser: organization.name,
      lines: lines.map(({ ticketType, ...line }) => ({ ...line, ticketType: ticketType.name })),
      tickets: tickets.map(({ ticketType, seat, ...ticket }) => ({
        ...ticket,
        ticketType: ticketType.name,
        seat: seat ? { section: seat.section.name, row: seat.row.label, seat: seat.label } : null,
      })),
    })),
    supportConversations: conversations.map(({ organization, order, ...conversation }) => ({
      ...conversation,
      organiser: organization.name,
      orderReference: order?.reference ?? null,
    })),
  };
}

export type TAccountExport = Awaited<ReturnType<typeof exportAccountData>>;
