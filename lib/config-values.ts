/** What the config file and its schema both read: the token form, and what an object is. */

/** `user@realm!tokenid` */
export const TOKEN = /^[^@!\s]+@[A-Za-z][A-Za-z0-9.\-_]+![A-Za-z][A-Za-z0-9.\-_]+$/;

export const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
