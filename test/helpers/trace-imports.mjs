// `node --import ./test/helpers/trace-imports.mjs …`: appends every package the program imports (ESM
// import or import of a CommonJS package, resolved through node's loader) to $TRACE_IMPORTS_FILE, one
// name a line. Used to check that a command loads only what its work needs.
import { register } from 'node:module';

const file = process.env.TRACE_IMPORTS_FILE;
if (file) {
  const hooks = `
    import { appendFileSync } from 'node:fs';
    const file = ${JSON.stringify(file)};
    export async function resolve(specifier, context, next) {
      const m = /^(@[^/]+\\/[^/]+|[^./][^/:]*)/.exec(specifier);
      if (m && !specifier.startsWith('node:')) appendFileSync(file, m[1] + '\\n');
      return next(specifier, context);
    }`;
  register('data:text/javascript,' + encodeURIComponent(hooks));
}
