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
  /** every notification to every user (_id = dedupe key): the subscribe-message queue and the in-app 消息中心 */
  outbox: 'outbox',
  /** subscribe-message consents counted per user and template (_id = OPENID) */
  consents: 'consents',
  /** SMS sent per Beijing day (_id = YYYY-MM-DD): `total` and `people.<OPENID>`, the daily limits' counters */
  smsQuota: 'smsQuota',
  /** invite codes the office issues (_id = SHA-256 of the code; the code itself is never stored) */
  invites: 'invites',
  /** who holds (or asked for) which grant: the ledger the office approves and revokes from */
  bindings: 'bindings',
  /** failed invite-code attempts per OPENID (_id = OPENID): the brake on guessing codes */
  bindingAttempts: 'bindingAttempts',
  /** directory spreadsheet imports that were applied, and whether they finished */
  importJobs: 'importJobs',
  /** reception days (接待日) and coordination meetings (专题协调会): agenda, decisions, commitments (types/meetings.ts) */
  meetings: 'meetings',
  /** commissioners' visit records 走访记录 (_id derived from the commissioner and the visit's retry key) */
  visits: 'visits',
  /** per enterprise (_id = enterprise id): its latest visit, so coverage never reads the visits themselves */
  visitCoverage: 'visitCoverage',
  /** the statutory working-day calendar the office entered, one document per year (_id = the year; types/calendar.ts) */
  calendar: 'calendar',
} as const
export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS]
