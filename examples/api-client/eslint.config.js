import base from "@leadrelay/eslint-config/base";

export default base;
