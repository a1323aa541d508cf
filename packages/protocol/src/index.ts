export * from './auth.ts';
export * from './base64url.ts';
export * from './codec.ts';
export * from './errors.ts';
export * from './ids.ts';
export * from './limits.ts';
export * from './messages.ts';
export * from './room-url.ts';
