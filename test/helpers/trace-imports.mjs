// `node --import ./test/helpers/trace-imports.mjs …`: appends every package the program loads (ESM
// import, import of a CommonJS package, or require() — also through createRequire) to
// $TRACE_IMPORTS_FILE, one name a line, and at exit the public Node built-ins it loaded (node:crypto, …;
// from process.moduleLoadList, so also those loaded by other built-ins). Used to check that a command
// loads only what its work needs.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const file = process.env.TRACE_IMPORTS_FILE;
const PACKAGE = /^(@[^/]+\/[^/]+|[^./][^/:]*)/;
if (file) {
  const hooks = `
    import { appendFileSync } from 'node:fs';
    const file = ${JSON.stringify(file)};
    export async function resolve(specifier, context, next) {
      const m = ${PACKAGE}.exec(specifier);
      if (m && !specifier.startsWith('node:')) appendFileSync(file, m[1] + '\\n');
      return next(specifier, context);
    }`;
  register('data:text/javascript,' + encodeURIComponent(hooks));
  // require() goes through Module._load, which the ESM hooks above do not see.
  const load = Module._load;
  Module._load = function (request, ...rest) {
    const m = PACKAGE.exec(request);
    if (m && !request.startsWith('node:') && !Module.isBuiltin(request)) appendFileSync(file, m[1] + '\n');
    return load.call(this, request, ...rest);
  };
  const atStart = new Set(process.moduleLoadList);
  process.on('exit', () => {
    const builtins = process.moduleLoadList
      .filter((m) => !atStart.has(m) && m.startsWith('NativeModule ') && !m.includes('internal/'))
      .map((m) => `node:${m.slice('NativeModule '.length)}`);
    appendFileSync(file, builtins.map((b) => b + '\n').join(''));
  });
}
