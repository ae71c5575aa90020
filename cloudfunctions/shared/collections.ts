/**
 * Collection names, one constant each. In the WeChat cloud they are created in the console;
 * the local cloud creates exactly those listed in cloudfunctions/db-manifest.json.
 */
export const COLLECTIONS = {
  /** WeChat users (_id = OPENID) and the roles they hold */
  users: 'users',
  /** enterprises, key or not */
  enterprises: 'enterprises',
  /** responsible units and the four task forces 专班 (kind taskForce); _id = unit code */
  units: 'units',
  /** city leaders (市领导), each linked to key enterprises through arrangements */
  leaders: 'leaders',
  /** 工业振兴特派员 and where each is stationed */
  commissioners: 'commissioners',
  /** one service team per key enterprise */
  serviceTeams: 'serviceTeams',
  /** 四个一 per key enterprise (_id = enterprise id) */
  arrangements: 'arrangements',
  /** 党政主要领导服务企业接待日 sessions */
  receptionDays: 'receptionDays',
  /** 诉求 / 工单 with their embedded timeline */
  tickets: 'tickets',
  /** per-day sequence for human ticket numbers (_id = YYYYMMDD) */
  counters: 'counters',
} as const;
export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];
