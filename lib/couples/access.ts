// Object-level access to couples lives with the rest of the permissions (lib/auth/permissions.ts);
// re-exported here for the couples code that imports it from this path.
export { coupleScope, seesClinicalContent } from "../auth/permissions";
