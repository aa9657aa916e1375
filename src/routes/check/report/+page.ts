// The report is rebuilt in the browser from what the check page handed over (sessionStorage).
export const ssr = false;
