/** The password lengths better-auth is configured with (server/auth/create-auth.ts), the people routes, setup and every form check. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;
