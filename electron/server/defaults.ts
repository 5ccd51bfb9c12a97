/** Where the HTTP host listens unless told otherwise; apart from index.ts so `serve --help` need not load the server. */
export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '127.0.0.1';
