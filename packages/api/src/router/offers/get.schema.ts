import { z } from "zod";
import { offerRecordIdSchema } from "./offer.schema";

export const getOfferSchema = z.object({ id: offerRecordIdSchema });

export type GetOfferInput = z.infer<typeof getOfferSchema>;
