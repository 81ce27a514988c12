import { z } from "zod";
import { idSchema } from "../followups/_shared";

export const listNotificationsSchema = z
  .object({ unreadOnly: z.boolean().default(false), limit: z.number().int().min(1).max(100).default(20) })
  .default({ unreadOnly: false, limit: 20 });
export type ListNotificationsInput = z.infer<typeof listNotificationsSchema>;

export const markReadSchema = z.object({ ids: z.array(idSchema).min(1).max(100) });
export type MarkReadInput = z.infer<typeof markReadSchema>;
