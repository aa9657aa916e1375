// The map renders in the browser only (WebGL); the record itself comes from +page.server.ts.
export const ssr = false;
