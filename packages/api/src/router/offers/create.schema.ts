import { z } from "zod";
import { offerIdSchema, offerTitleSchema, offerTypeSchema, publisherIdSchema } from "./offer.schema";

export const createOfferSchema = z.object({
  publisherId: publisherIdSchema,
  offerId: offerIdSchema,
  title: offerTitleSchema,
  type: offerTypeSchema,
  listedAsContactMe: z.boolean().default(false),
  hasTestDrive: z.boolean().default(false),
});

export type CreateOfferInput = z.infer<typeof createOfferSchema>;
