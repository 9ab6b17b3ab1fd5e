/**
 * Loads drizzle-orm's CommonJS build instead of its ES-module build in the app process.
 *
 * Measured (issue 12, docs/performance.md): importing drizzle's ES-module build (several hundred
 * small modules) grows the V8 heap to ~150 MB that is never given back, though ~11 MB stays in
 * use; the CommonJS build of the same code leaves ~20 MB. An idle instance's RSS drops by about
 * 150 MB. Every import of `drizzle-orm…` in this process resolves to the same build, so drizzle's
 * classes are one set (its `is()` checks compare classes). Registered by src/main.ts before
 * anything imports drizzle.
 */
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'drizzle-orm' || specifier.startsWith('drizzle-orm/')) {
      // Resolved as a `require` would be: the package's CommonJS entry.
      const resolved = nextResolve(specifier, { ...context, conditions: ['node', 'require', 'default'] });
      return { ...resolved, format: 'commonjs', shortCircuit: true };
    }
    return nextResolve(specifier, context);
  },
});
