/**
 * Process entry (`npm start`): registers the module hooks first (src/moduleHooks.ts: drizzle's
 * CommonJS build, for memory), then loads the app (src/serve.ts). Static imports are all linked
 * before any module runs, so everything else is imported only after the hooks are in place.
 */
import './moduleHooks.ts';

await import('./serve.ts');
