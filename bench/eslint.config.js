import base from "@leadrelay/eslint-config/base";

// The benchmark is a harness like scripts/: it sets up each run's environment itself.
export default [...base, { rules: { "no-restricted-properties": "off" } }];
