import type { RouterOutputs } from "~/components/leads/types";

export type TableImport = RouterOutputs["tableImports"]["list"][number];
