/** The roles of a token, each including what the one before may do. */
export type Role = "viewer" | "operator" | "admin";

export interface Session {
  token: string;
  organization: string;
  role: Role;
}

const ROLES: readonly Role[] = ["viewer", "operator", "admin"];

/** True when `role` may do what `required` may (viewer < operator < admin). */
export const roleAllows = (role: Role, required: Role) => ROLES.indexOf(role) >= ROLES.indexOf(required);

export function asRole(value: string): Role {
  return value === "admin" || value === "operator" ? value : "viewer";
}

// Session storage: the token lives as long as the tab, is never shared with other tabs, and never goes in a URL.
const KEY = "ticket-exports.token";

export const storedToken = (): string | null => sessionStorage.getItem(KEY);
export const storeToken = (token: string) => sessionStorage.setItem(KEY, token);
export const forgetToken = () => sessionStorage.removeItem(KEY);
