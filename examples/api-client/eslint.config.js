import base from "@leadrelay/eslint-config/base";

// An example program stands alone: it reads its two settings straight from the environment.
export default [...base, { rules: { "no-restricted-properties": "off" } }];
