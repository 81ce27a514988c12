import base from "@leadrelay/eslint-config/base";
import nextjs from "@leadrelay/eslint-config/nextjs";

export default [...base, ...nextjs, { ignores: ["next-env.d.ts"] }];
