import type { PlatformRole, TeamRole } from "../generated/prisma/enums.ts";

/** Demo password for every demo account; printed by `npm start` and listed in the README. */
export const DEMO_PASSWORD = "marquee-demo";

export interface DemoUser {
  role: string;
  email: string;
  password: string;
  name: string;
  /** Which app the account is for, as printed by `npm start`. */
  app: "web" | "admin" | "checkin";
  teamRole?: TeamRole;
  platformRole?: PlatformRole;
}

export const DEMO_USERS: DemoUser[] = [
  { role: "buyer", email: "buyer@demo.marquee.test", password: DEMO_PASSWORD, name: "Bea Buyer", app: "web" },
  { role: "owner", email: "owner@demo.marquee.test", password: DEMO_PASSWORD, name: "Olga Owner", app: "admin", teamRole: "OWNER" },
  { role: "admin", email: "admin@demo.marquee.test", password: DEMO_PASSWORD, name: "Adam Admin", app: "admin", teamRole: "ADMIN" },
  { role: "box office", email: "boxoffice@demo.marquee.test", password: DEMO_PASSWORD, name: "Bo Box-Office", app: "admin", teamRole: "BOX_OFFICE" },
  { role: "support agent", email: "support@demo.marquee.test", password: DEMO_PASSWORD, name: "Sam Support", app: "admin", teamRole: "SUPPORT_AGENT" },
  { role: "door staff", email: "door@demo.marquee.test", password: DEMO_PASSWORD, name: "Dora Door", app: "checkin", teamRole: "DOOR_STAFF" },
  { role: "platform admin", email: "platform@demo.marquee.test", password: DEMO_PASSWORD, name: "Pat Platform", app: "admin", platformRole: "PLATFORM_ADMIN" },
];

export const DEMO_ORGANIZATION_SLUG = "demo-productions";
