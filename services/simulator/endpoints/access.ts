/** `/access`: logins (password, second factor, ticket renewal), realms and permissions. */
import { totpMatches } from '../auth';
import { paramError, SimError } from '../errors';
import { check, effectivePermissions, privilegesAt } from '../permissions';
import type { RequestContext, Route } from './route';

function login(ctx: RequestContext): unknown {
  if (ctx.viaToken) {
    throw new SimError(
      403,
      "Permission check failed (URI '/access/ticket' not available with API token, need proper ticket.\n)",
    );
  }
  const { username = '', password = '', realm } = ctx.params;
  const user = realm ? `${username}@${realm}` : username;
  const nowS = ctx.nowMs / 1000;
  const fail = () => new SimError(401, 'authentication failure');
  const full = (u: string) => ({
    username: u,
    ticket: ctx.tickets.issue(u, nowS),
    CSRFPreventionToken: ctx.tickets.csrf(u, nowS),
    cap: {
      vms: { 'VM.Allocate': 1 },
      storage: { 'Datastore.AllocateSpace': 1 },
      nodes: { 'Sys.Audit': 1 },
    },
    ...(ctx.state.clusterName ? { clustername: ctx.state.clusterName } : {}),
  });
  const account = ctx.state.users[user];
  const challenge = ctx.params['tfa-challenge'];
  if (challenge !== undefined) {
    if (ctx.params.otp !== undefined)
      throw paramError({ otp: 'cannot use otp together with tfa-challenge' });
    const data = ctx.tickets.verifyTfa(challenge, user, nowS);
    if (!data || !account) throw fail();
    const [type, ...rest] = password.split(':');
    const code = rest.join(':');
    if (type === 'totp' && account.totp && totpMatches(account.totp, code, nowS)) return full(user);
    if (type === 'recovery' && account.recovery?.includes(code)) {
      account.recovery = account.recovery.filter((k) => k !== code);
      return full(user);
    }
    throw fail();
  }
  if (ctx.tickets.verify(password, nowS) === user) return full(user);
  if (!account || account.password !== password) throw fail();
  if (account.totp) {
    const tfa = { totp: true, recovery: (account.recovery ?? []).map((_, i) => i) };
    return {
      username: user,
      ticket: ctx.tickets.issueTfa(user, tfa, nowS),
      CSRFPreventionToken: ctx.tickets.csrf(user, nowS),
      NeedTFA: 1,
    };
  }
  return full(user);
}

export const ACCESS_ROUTES: Route[] = [
  {
    endpoint: 'GET /access/permissions',
    handle: (ctx) => {
      const self = ctx.user!;
      const userid = ctx.params.userid ?? self;
      // Their own and their tokens' privileges; anyone else's needs Sys.Audit on /access.
      if (userid !== self && userid.split('!')[0] !== self)
        check(ctx.state, self, '/access', 'Sys.Audit');
      const path = ctx.params.path;
      return path
        ? { [path]: privilegesAt(ctx.state, userid, path) }
        : effectivePermissions(ctx.state, userid);
    },
  },
  {
    endpoint: 'GET /access/domains',
    public: true,
    handle: (ctx) => ctx.state.realms,
  },
  { endpoint: 'POST /access/ticket', public: true, handle: login },
];
