// Module hooks for scripts that run server modules outside Next.js and without the react-server
// condition (the PDF renderer does not load under it): "server-only" becomes an empty module.
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
  return next(specifier, context);
}
