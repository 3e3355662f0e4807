// The types of the ES module entries: the same as the CommonJS entry's.
export * from "./index.js";
