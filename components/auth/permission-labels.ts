// The wording lives in lib/auth/permission-labels.ts (shared with the people pages, unit-tested there).
export { aRole, permissionsOf, PERMISSION_TEXT } from "@/lib/auth/permission-labels";
