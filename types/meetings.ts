/**
 * Reception days (接待日) and coordination meetings (专题协调会) as records (DESIGN.md §2): the office
 * convenes one, builds its agenda from tickets, records a decision per agenda item, and each commitment
 * (承诺事项: owner unit, what, due) becomes a child ticket that runs the normal lifecycle. Stored in the
 * `meetings` collection; the pure rules are in cloudfunctions/core/meetings.ts.
 */
import * as z from 'zod/mini'
import { MEETING_KINDS, OUTCOMES, type MeetingKind, type Outcome, type TicketState } from './domain'

export { MEETING_KINDS, MEETING_KIND_LABELS, type MeetingKind } from './domain'

export const MEETING_STATUSES = ['planned', 'invited', 'held'] as const
export type MeetingStatus = (typeof MEETING_STATUSES)[number]
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  planned: '筹备中',
  invited: '已发邀请',
  held: '已召开',
}

/** 承诺事项: a promise made at a session or meeting; `childTicketId` is derived from `id`, so a retry makes the same ticket. */
export interface Commitment {
  id: string
  unitCode: string
  what: string
  dueAt: Date
  childTicketId: string
}

/** How an agenda item came onto the agenda. */
export type AgendaSource = 'graded' | 'added' | 'raisedAtSession'

export interface AgendaItem {
  ticketId: string
  ticketNo: string
  enterpriseId: string
  enterpriseName: string
  title: string
  source: AgendaSource
  addedAt: Date
  decision: string | null
  decidedAt: Date | null
  /** the retry key of the call that recorded the decision: a retry finishes it, another call is refused */
  decidedBy: string | null
  /** nothing committed: the outcome the parent is answered with at once */
  outcome: Outcome | null
  commitments: Commitment[]
}

export interface Meeting {
  _id: string
  kind: MeetingKind
  /** 主题 */
  title: string
  startsAt: Date
  place: string
  /** reception: the leaders who sit; coordination: the chairing leader, if a city leader chairs */
  leaderIds: string[]
  /** coordination: who chairs (a name, e.g. 市重点办主任) */
  chair: string
  /** coordination: the units convened */
  unitCodes: string[]
  /** the enterprises invited */
  enterpriseIds: string[]
  /** coordination: the enterprise's representative(s) */
  representatives: string
  agenda: AgendaItem[]
  status: MeetingStatus
  invitedAt: Date | null
  heldAt: Date | null
  minutes: string
  createdBy: string
  requestId: string
  version: number
  createdAt: Date
  updatedAt: Date
}

/** A commitment's child ticket as the session page shows it. */
export interface CommitmentView extends Commitment {
  unitName: string
  state: TicketState | null
  done: boolean
  late: boolean
}

export interface AgendaItemView extends Omit<AgendaItem, 'decidedBy' | 'commitments'> {
  state: TicketState | null
  commitments: CommitmentView[]
}

/** Per enterprise: what was raised, promised, done and late. */
export interface EnterpriseTally {
  enterpriseId: string
  enterpriseName: string
  raised: number
  promised: number
  done: number
  late: number
}

export interface MeetingView extends Omit<Meeting, 'requestId' | 'createdBy' | 'agenda'> {
  agenda: AgendaItemView[]
  leaderNames: string[]
  unitNames: Record<string, string>
  enterpriseNames: Record<string, string>
  tally: EnterpriseTally[]
}

export type MeetingSummary = Pick<
  Meeting,
  '_id' | 'kind' | 'title' | 'startsAt' | 'place' | 'status' | 'heldAt' | 'version'
> & { agendaCount: number; leaderNames: string[] }

// — payloads —

const PAYLOAD_MESSAGE = '请求内容格式不正确'
const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .check(z.trim(), z.minLength(1, `请填写${label}`), z.maxLength(max, `${label}不能超过${max}个字`))
const optionalText = (label: string, max: number) =>
  z._default(z.string().check(z.trim(), z.maxLength(max, `${label}不能超过${max}个字`)), '')
const id = (message: string) => z.string({ error: message }).check(z.minLength(1, message), z.maxLength(64, message))
const ids = (message: string, max = 50) =>
  z._default(z.array(id(message)).check(z.maxLength(max, `最多${max}项`)), [] as string[])
const date = (message: string) => z.coerce.date({ error: message })

export const meetingCreateSchema = z.object(
  {
    kind: z.enum(MEETING_KINDS, { error: '请选择会议类型' }),
    title: text('会议主题', 50),
    startsAt: date('请选择会议时间'),
    place: text('会议地点', 50),
    leaderIds: ids('市领导不正确', 10),
    chair: optionalText('主持人', 20),
    unitCodes: ids('单位不正确', 20),
    enterpriseIds: ids('企业不正确', 30),
    representatives: optionalText('企业代表', 100),
    /** tickets to put on the agenda at once (e.g. the coordination tickets of a topic) */
    ticketIds: ids('诉求编号不正确', 50),
  },
  { error: PAYLOAD_MESSAGE },
)
export type MeetingCreateInput = z.infer<typeof meetingCreateSchema>

export const meetingIdSchema = z.object({ meetingId: id('缺少会议编号') }, { error: PAYLOAD_MESSAGE })

export const meetingListSchema = z.object(
  {
    kind: z.optional(z.enum(MEETING_KINDS, { error: '会议类型不正确' })),
    page: z._default(z.number({ error: '页码不正确' }).check(z.int(), z.gte(0), z.lte(100)), 0),
  },
  { error: PAYLOAD_MESSAGE },
)

const versioned = {
  meetingId: id('缺少会议编号'),
  version: z.number({ error: '缺少版本号，请刷新后重试' }).check(z.int()),
}

export const agendaAddSchema = z.object(
  {
    ...versioned,
    ticketIds: z.array(id('诉求编号不正确')).check(z.minLength(1, '请选择诉求'), z.maxLength(50, '最多50项')),
  },
  { error: PAYLOAD_MESSAGE },
)

export const meetingInviteSchema = z.object(versioned, { error: PAYLOAD_MESSAGE })

export const commitmentInputSchema = z.object(
  {
    unitCode: id('请选择责任单位'),
    what: text('承诺事项', 200),
    dueAt: date('请选择完成期限'),
  },
  { error: PAYLOAD_MESSAGE },
)
export type CommitmentInput = z.infer<typeof commitmentInputSchema>

export const decisionSchema = z.object(
  {
    ...versioned,
    ticketId: id('缺少诉求编号'),
    decision: text('议定事项', 500),
    commitments: z._default(z.array(commitmentInputSchema).check(z.maxLength(10, '承诺事项最多10项')), []),
    /** nothing committed: the parent is answered at once with the decision and this outcome */
    outcome: z.optional(z.enum(OUTCOMES, { error: '请选择办理结果' })),
    /** coordination: the minutes (纪要) of the meeting */
    minutes: z.optional(optionalText('会议纪要', 2000)),
  },
  { error: PAYLOAD_MESSAGE },
)
export type DecisionInput = z.infer<typeof decisionSchema>

export const raiseAtSessionSchema = z.object(
  {
    ...versioned,
    enterpriseId: id('请选择企业'),
    category: z.enum(
      ['financing', 'land', 'approval', 'factors', 'labor', 'infrastructure', 'schooling', 'policy', 'other'],
      { error: '请选择诉求类别' },
    ),
    title: text('诉求标题', 50),
    description: text('问题描述', 1000),
  },
  { error: PAYLOAD_MESSAGE },
)
