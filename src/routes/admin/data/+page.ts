// Rendered in the browser, in the language the visitor chose (kept in localStorage).
export const ssr = false;
