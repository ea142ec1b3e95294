// Client-safe: no session or server imports, so client components can build console addresses
// (importing ~/lib/organization.ts would pull next/headers and ioredis into the browser bundle).

/** The console's address of a page inside an organisation. */
export const orgPath = (organizationId: string, path = "") => `/orgs/${organizationId}${path}`;
