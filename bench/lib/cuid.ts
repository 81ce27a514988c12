import { randomBytes } from "node:crypto";

let counter = 0;

/** A collision-free, cuid-shaped id for rows the benchmark inserts itself. */
export function createId(): string {
  counter = (counter + 1) % 1_679_616;
  return `cb${Date.now().toString(36)}${counter.toString(36).padStart(4, "0")}${randomBytes(6).toString("hex")}`;
}
