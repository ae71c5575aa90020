/**
 * Invite codes and bindings. A code is 12 characters from a 32-letter alphabet (60 bits), shown once to the
 * office that issues it; only its SHA-256 is stored, as the invite's `_id`, so redeeming is one document read
 * and nobody who can read the database can use a code. Single use is a single-document transaction on the
 * invite; expiry is checked at redemption. Guessing is braked per OPENID (bindingAttempts).
 */
import { randomInt } from 'node:crypto'
import type { Enterprise, RoleGrant, Unit } from '../../types/domain'
import { ROLE_LABELS } from '../../types/domain'
import type { BindingRecord, Commissioner, InviteRecord, Leader } from '../../types/directory'
import { INVITE_CODE_LENGTH } from '../../types/directory-schemas'
import { COLLECTIONS } from './collections'
import { _, db, readDoc, readMany } from './cloud'
import { findById } from './directory'
import { AppError } from './errors'
export { bindingIdOf, inviteIdOf } from '../core/binding-ids'

/** The platform's transaction handle (wx-db-contract item 56). */
type TransactionDb = Pick<typeof db, 'collection'>

/** No 0/O, 1/I: codes are read aloud and typed by hand. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A fresh code, grouped for reading: K7QF-M2XP-9HTA. */
export function newInviteCode(): string {
  let code = ''
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return code.match(/.{4}/g)!.join('-')
}

/** What the grant is about, by name, for lists: the enterprise, unit, leader or commissioner. */
export async function targetNameOf(grant: RoleGrant): Promise<string> {
  const name = async <T extends { name: string; active: boolean }>(
    collection: string,
    id: string | undefined,
    label: string,
  ) => {
    const record = id ? await findById<T>(collection, id) : null
    if (!record) throw new AppError('INVALID_INPUT', `${label}不存在`)
    if (!record.active) throw new AppError('INVALID_INPUT', `${label}${record.name}已停用`)
    return record.name
  }
  switch (grant.role) {
    case 'enterprise':
      return name<Enterprise>(COLLECTIONS.enterprises, grant.enterpriseId, '企业')
    case 'handler':
    case 'unitHead': {
      const unitName = await name<Unit>(COLLECTIONS.units, grant.unitCode, '单位')
      return `${unitName} · ${ROLE_LABELS[grant.role]}`
    }
    case 'leader':
      return name<Leader>(COLLECTIONS.leaders, grant.leaderId, '市领导')
    case 'commissioner':
      return name<Commissioner>(COLLECTIONS.commissioners, grant.commissionerId, '特派员')
    case 'dispatcher':
    case 'admin':
      return ROLE_LABELS[grant.role]
  }
}

// ---------------------------------------------------------------------------------------------------------
// Guessing brake: at most 5 wrong codes per OPENID in 15 minutes

const MAX_FAILURES = 5
const WINDOW_MS = 15 * 60 * 1000

interface AttemptRecord {
  _id: string
  windowStart: Date
  failures: number
}

export async function assertNotBraked(openid: string, now: Date): Promise<void> {
  const record = await readDoc<AttemptRecord>(db.collection(COLLECTIONS.bindingAttempts).doc(openid))
  if (record && record.failures >= MAX_FAILURES && now.getTime() - record.windowStart.getTime() < WINDOW_MS) {
    throw new AppError('RATE_LIMITED', '邀请码错误次数过多，请15分钟后再试')
  }
}

export async function recordFailedAttempt(openid: string, now: Date): Promise<void> {
  await db.runTransaction(async (tx: TransactionDb) => {
    const ref = tx.collection(COLLECTIONS.bindingAttempts).doc(openid)
    const record = await readDoc<AttemptRecord>(ref)
    const fresh = !record || now.getTime() - record.windowStart.getTime() >= WINDOW_MS
    await ref.set({
      data: { windowStart: fresh ? now : record.windowStart, failures: fresh ? 1 : record.failures + 1 },
    })
  })
}

// ---------------------------------------------------------------------------------------------------------
// Invites

export const isExpired = (invite: Pick<InviteRecord, 'expiresAt'>, now: Date) =>
  invite.expiresAt.getTime() <= now.getTime()

export const PAGE_SIZE = 20

/** Invites newest first, of one status or all; indexes by_status_issued, by_issued. */
export async function listInvites(status: InviteRecord['status'] | undefined, page: number) {
  const collection = db.collection(COLLECTIONS.invites)
  const query = status ? collection.where({ status: _.eq(status) }) : collection
  const rows = await readMany<InviteRecord>(
    query
      .orderBy('issuedAt', 'desc')
      .skip(page * PAGE_SIZE)
      .limit(PAGE_SIZE + 1),
  )
  return { rows: rows.slice(0, PAGE_SIZE), hasMore: rows.length > PAGE_SIZE }
}

/** Bindings newest first, of one status or all; indexes by_status_created, by_created. */
export async function listBindings(status: BindingRecord['status'] | undefined, page: number) {
  const collection = db.collection(COLLECTIONS.bindings)
  const query = status ? collection.where({ status: _.eq(status) }) : collection
  const rows = await readMany<BindingRecord>(
    query
      .orderBy('createdAt', 'desc')
      .skip(page * PAGE_SIZE)
      .limit(PAGE_SIZE + 1),
  )
  return { rows: rows.slice(0, PAGE_SIZE), hasMore: rows.length > PAGE_SIZE }
}

/** One person's bindings of a status; index by_openid_status. */
export async function bindingsOf(openid: string, status: BindingRecord['status']): Promise<BindingRecord[]> {
  return readMany<BindingRecord>(
    db
      .collection(COLLECTIONS.bindings)
      .where({ openid: _.eq(openid), status: _.eq(status) })
      .limit(100),
  )
}
