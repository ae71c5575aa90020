/**
 * Collection names, one constant each. In the WeChat cloud they are created in the console;
 * the local cloud creates exactly those listed in cloudfunctions/db-manifest.json.
 */
export const COLLECTIONS = {
  /** WeChat users (_id = OPENID) and the roles they hold */
  users: 'users',
  /** enterprises, key or not */
  enterprises: 'enterprises',
  /** responsible units and task forces (_id = unit code) */
  units: 'units',
  /** 诉求 / 工单 with their embedded timeline */
  tickets: 'tickets',
  /** per-day sequence for human ticket numbers (_id = YYYYMMDD) */
  counters: 'counters',
} as const;
export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];
