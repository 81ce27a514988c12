import { z } from "zod";
import { checkDateRange, leadFilterFields } from "./_shared";

export const LEAD_PAGE_MAX = 100;

export const listLeadsSchema = z
  .object({
    ...leadFilterFields,
    /** Keyset-friendly sorts only, so a page is one index range however deep the list is. */
    sort: z.enum(["lastReceivedAt", "createdAt"]).default("lastReceivedAt"),
    /** Newest first by default. (Named `order`, not `direction`: tRPC's infinite queries add their own `direction`.) */
    order: z.enum(["desc", "asc"]).default("desc"),
    /** `nextCursor` of the previous page, with the same filters and sort. */
    cursor: z.string().max(500).nullish(),
    limit: z.number().int().min(1).max(LEAD_PAGE_MAX, `At most ${LEAD_PAGE_MAX} leads a page`).default(50),
  })
  .superRefine(checkDateRange);

export type ListLeadsInput = z.infer<typeof listLeadsSchema>;
