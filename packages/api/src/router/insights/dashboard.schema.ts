import { parseDateKey } from "@leadrelay/leads";
import { z } from "zod";
import { idSchema, timeZoneSchema } from "../followups/_shared";

const dateKey = z.string().trim().refine((v) => parseDateKey(v) !== null, "Use a date as YYYY-MM-DD.");

export const dashboardSchema = z.object({
  /** First day of the range, inclusive, in `timeZone`. */
  from: dateKey,
  /** Last day of the range, inclusive. */
  to: dateKey,
  offerId: idSchema.nullish(),
  timeZone: timeZoneSchema,
});
export type DashboardInput = z.infer<typeof dashboardSchema>;
