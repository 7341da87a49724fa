/**
 * jose is published as an ECMAScript module only; this CommonJS build loads it with import(),
 * once, on first use.
 */
let loaded: Promise<typeof import('jose', { with: { 'resolution-mode': 'import' } })> | undefined;

export const jose = () => (loaded ??= import('jose'));
