#!/usr/bin/env node
/** The `pvevm` command: the program in dist/app/, compiled from its code cache (code-cache.ts). */
import { join } from 'node:path';
import { installCodeCache, warmCodeCache } from './code-cache';

const app = join(__dirname, '..', 'app');
installCodeCache(app);
warmCodeCache();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known at run time
require(join(app, 'pvevm.js'));
