/** An environment in which npm reads only the config a check hands it. */

/**
 * The current environment without any npm/pnpm configuration variables, plus a user-level
 * npmrc: npm then reads only that file (and the project's own .npmrc), so a registry or token
 * inherited from a `pnpm run` or the developer's shell can never redirect a publish.
 *
 * @example
 * const env = npmEnv('/tmp/x/.npmrc', { npm_config_cache: '/tmp/x/cache' });
 */
export function npmEnv(userconfig: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm|pnpm)_config_/i.test(key) || /^npm_(package|lifecycle)_/i.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    npm_config_userconfig: userconfig,
    // A global npmrc could name another registry too; point it at nothing.
    npm_config_globalconfig: `${userconfig}.global-unused`,
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    ...extra,
  };
}
