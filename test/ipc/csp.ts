/** The app's CSP, from its one source (shared/csp.ts). */
export { APP_CSP as APP_CSP_FOR_TEST } from '../../shared/csp.ts';
