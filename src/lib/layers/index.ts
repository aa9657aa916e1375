export * from './types';
export * from './registry';
export { COUNTIES } from './counties';
