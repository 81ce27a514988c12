import { z } from "zod";
import { leadIdSchema } from "./_shared";

export const getLeadSchema = z.object({ id: leadIdSchema });

export type GetLeadInput = z.infer<typeof getLeadSchema>;
