/**
 * When the ticket ran out and could not be renewed, the user is asked to log in again instead
 * of losing the wizard: every call that met the expired session waits for that one question and
 * is then repeated once. A call refused with 401 was never carried out, so repeating it is safe.
 */
import { SessionExpiredError } from '../services/errors';
import type { SessionApi } from './login';

/** Ask the user to log in again; resolves true once a new session exists. */
export type AskToLogInAgain = () => Promise<boolean>;

export function guardSession(api: SessionApi, askAgain: AskToLogInAgain): SessionApi {
  let asking: Promise<boolean> | undefined;
  const ask = () => {
    asking ??= askAgain().finally(() => {
      asking = undefined;
    });
    return asking;
  };
  return new Proxy(api, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'cancelAll') return value;
      return async (...args: unknown[]) => {
        const call = () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        try {
          return await call();
        } catch (err) {
          if (!(err instanceof SessionExpiredError) || !(await ask())) throw err;
          return call();
        }
      };
    },
  });
}
