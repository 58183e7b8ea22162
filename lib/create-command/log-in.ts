/** Logging in for `pvevm create`: an API token, or a user with the password from stdin. */
import type { ClientOptions } from '../../services/client/client';
import { EXIT } from '../exit-codes';
import type { KnownServers } from '../known-servers';
import { LoginActions, type SessionApi } from '../login';
import type { Settings } from '../settings';
import { CommandError } from './command-error';

export interface LoginOptions {
  settings: Settings;
  /** The password, read from standard input (`--password-stdin`). */
  password?: string;
  known: KnownServers;
  makeApi(options: ClientOptions): SessionApi;
}

export async function logIn(options: LoginOptions): Promise<SessionApi> {
  const { settings } = options;
  if (!settings.server) throw new CommandError('create needs --server (or a profile)', EXIT.usage);
  let api: SessionApi | undefined;
  const actions = new LoginActions({
    tls: settings.tls,
    token: settings.token,
    known: options.known,
    makeApi: options.makeApi,
    onAuthenticated: (session) => (api = session),
  });
  let secret: string;
  if (settings.token) {
    if (settings.tokenSecret === undefined)
      throw new CommandError(`the token ${settings.token} needs PVEVM_TOKEN_SECRET`, EXIT.usage);
    secret = settings.tokenSecret;
  } else if (settings.user && options.password !== undefined) {
    secret = options.password;
  } else {
    throw new CommandError(
      'create needs an API token (--token with PVEVM_TOKEN_SECRET) or --user with --password-stdin',
      EXIT.usage,
    );
  }
  const outcome = await actions.logIn({
    server: settings.server,
    username: settings.user ?? '',
    secret,
    realm: settings.realm ?? 'pam',
  });
  if (outcome.kind === 'ok' && api) return api;
  const why =
    outcome.kind === 'untrusted'
      ? `the certificate of ${outcome.server} is not trusted (SHA-256 ${outcome.fingerprint}): pass --fingerprint or --ca`
      : outcome.kind === 'tfa'
        ? 'this user needs a second factor: use an API token for create'
        : 'message' in outcome
          ? outcome.message
          : 'not logged in';
  throw new CommandError(`Login failed: ${why}`, EXIT.failed);
}
