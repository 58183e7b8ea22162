/** What the config file and its schema both read: the token form. */

/** `user@realm!tokenid` */
export const TOKEN = /^[^@!\s]+@[A-Za-z][A-Za-z0-9.\-_]+![A-Za-z][A-Za-z0-9.\-_]+$/;
