#!/usr/bin/env node
// Placeholder: replaced by the WebAssembly schema-engine stand-in.
console.log("schema-engine-cli 0.0.0");
