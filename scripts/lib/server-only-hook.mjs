// Lets scripts load the app's server-only modules outside Next.js: "server-only" resolves to an empty
// module (inside Next.js it guards the browser bundle). Used instead of the react-server condition,
// under which the translation library (next-intl) cannot load in plain Node.
import { register } from "node:module";

const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
