/** The floor's launcher: its bundle in dist/floor/, compiled from its code cache as pvevm's is. */
import { join } from 'node:path';
import { installCodeCache, warmCodeCache } from '../bin/code-cache';

const dir = join(__dirname, '..', 'floor');
installCodeCache(dir);
warmCodeCache();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known at run time
require(join(dir, 'floor.js'));
