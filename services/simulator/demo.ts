/**
 * What `pvevm --demo` needs of the simulator, in one module: the build makes it a chunk of its
 * own (dist/app/demo.js), loaded only for --demo.
 */
export { startSimulator } from './server';
export { DEMO_USER } from './datasets';
