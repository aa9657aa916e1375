// The field app draws itself in the browser: the service worker can then serve this one
// page offline for every view of it (list, site, form, queue, areas are search parameters).
export const ssr = false;
