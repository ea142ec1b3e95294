import { z } from "zod";

/** The audit log's filters as they stand in the URL (?action=&actor=&targetType=&targetId=&from=&to=&cursor=). */
export interface TAuditSearch {
  action?: string;
  actor?: string;
  targetType?: string;
  targetId?: string;
  /** YYYY-MM-DD, days in UTC. */
  from?: string;
  to?: string;
  cursor?: string;
}

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ZSearch = z.object({
  action: z.string().trim().min(1).max(64).optional().catch(undefined),
  actor: z.uuid().optional().catch(undefined),
  targetType: z.string().trim().min(1).max(64).optional().catch(undefined),
  targetId: z.string().trim().min(1).max(128).optional().catch(undefined),
  from: ZDay.optional().catch(undefined),
  to: ZDay.optional().catch(undefined),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional()
    .catch(undefined),
});

/** The URL's filters; a malformed one is dropped rather than failing the page. */
export function parseAuditSearch(params: Record<string, string | string[] | undefined>): TAuditSearch {
  const first = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value || undefined]));
  return ZSearch.parse(first);
}

/** The audit.list input for the filters. */
export function auditListInput(organizationId: string, search: TAuditSearch) {
  return {
    organizationId,
    actionPrefix: search.action,
    actorId: search.actor,
    targetType: search.targetType,
    targetId: search.targetId,
    from: search.from ? new Date(`${search.from}T00:00:00.000Z`) : undefined,
    to: search.to ? new Date(`${search.to}T23:59:59.999Z`) : undefined,
    cursor: search.cursor,
    limit: 50,
  };
}

/** The URL of the same filters on another page (cursor) or none. */
export function auditHref(path: string, search: TAuditSearch, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...search, cursor })) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
