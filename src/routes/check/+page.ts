// The check page renders in the browser only, like the map: WebGL, terra-draw and the
// remembered language are there.
export const ssr = false;
