// Packs the package as it would be published (`npm pack`) and installs the tarball into a scratch
// project, pkg/.test-install/, as a user would. The *.test.mjs files use the package from there only,
// through a user's own `require` and `import` (installed.mjs).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pkg, scratch } from "./installed.mjs";

if (!existsSync(join(pkg, "dist", "node.cjs"))) {
  throw new Error("pkg/dist is missing: run `npm --prefix pkg run build` first");
}
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
const npm = (args) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: scratch,
    encoding: "utf8",
  });

const [packed] = JSON.parse(npm(["pack", pkg, "--json", "--pack-destination", scratch]));
writeFileSync(join(scratch, "pack.json"), JSON.stringify(packed, null, 2));
writeFileSync(
  join(scratch, "package.json"),
  JSON.stringify({ name: "scratch", private: true, version: "0.0.0" }, null, 2),
);
npm(["install", "--ignore-scripts", join(scratch, packed.filename)]);
// What a user's code would do.
writeFileSync(join(scratch, "use.cjs"), 'module.exports = require("ticktick-recur");\n');
writeFileSync(join(scratch, "use.mjs"), 'export * from "ticktick-recur";\n');
console.log(
  `installed ${packed.filename} (${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} KiB ` +
    `packed) into ${scratch}`,
);
