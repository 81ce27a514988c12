import { handlers } from "@leadrelay/auth";

export const { GET, POST } = handlers;
