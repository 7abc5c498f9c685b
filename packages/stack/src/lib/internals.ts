// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
/** App internals live under both symbols, so integrations written for either SDK find them. */
export const hexclaveAppInternalsSymbol: unique symbol = Symbol.for("Hexclave--app-internals");
export const stackAppInternalsSymbol: unique symbol = Symbol.for("StackAuth--DO-NOT-USE-OR-YOU-WILL-BE-FIRED--StackAppInternals");

export function attachInternals(target: object, internals: object): void {
  for (const symbol of [hexclaveAppInternalsSymbol, stackAppInternalsSymbol]) {
    Object.defineProperty(target, symbol, { value: internals, enumerable: false });
  }
}
