// Follow-up rules: pipeline, qualification, follow-up cadence, nurture, assignment and the
// insights calendar. Pure: the caller passes "now" and the time zone.
export * from "./assignment";
export * from "./defaults";
export * from "./digest";
export * from "./insights";
export * from "./insights-rollup";
export * from "./policy";
export * from "./qualification";
export * from "./range";
export * from "./stages";
export * from "./status";
export * from "./time";
export * from "./types";
