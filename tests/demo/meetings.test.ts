/**
 * The demo's sessions (issue 9 item 5): the seed's 3 reception days with 11 enterprises and 29 problems,
 * their commitments as child tickets (some kept late), coordination meetings whose children are open or done;
 * and the commitments leave the seed's 266 / 217 / 81.6% as they are.
 */
import { buildDemoDataset, type DemoDataset } from '../../emulator/demo'
import { summarize } from '../../cloudfunctions/core/stats'
import { isChildDone } from '../../cloudfunctions/core/lifecycle'

let demo: DemoDataset
beforeAll(() => {
  demo = buildDemoDataset()
})

it('has the seed’s 3 reception days: 11 enterprises, 29 problems, each decided', () => {
  const days = demo.meetings.filter((m) => m.kind === 'reception')
  expect(days).toHaveLength(3)
  expect(new Set(days.flatMap((d) => d.enterpriseIds)).size).toBe(11)
  expect(days.flatMap((d) => d.agenda)).toHaveLength(29)
  expect(days.flatMap((d) => d.agenda).every((item) => item.decision !== null)).toBe(true)
  expect(days.every((d) => d.leaderIds.join() === 'leader-secretary,leader-mayor')).toBe(true)
})

it('makes every commitment a child ticket linked both ways, some kept late', () => {
  const children = new Map(demo.commitmentTickets.map((t) => [t._id, t]))
  const parents = new Map(demo.tickets.map((t) => [t._id, t]))
  for (const meeting of demo.meetings) {
    for (const item of meeting.agenda) {
      const parent = parents.get(item.ticketId)!
      expect(parent.childIds).toEqual(item.commitments.map((c) => c.childTicketId))
      for (const c of item.commitments) {
        expect(children.get(c.childTicketId)).toMatchObject({ parentId: parent._id, origin: { id: meeting._id } })
      }
    }
  }
  const late = demo.commitmentTickets.filter((t) => t.reply !== null && t.reply.at > t.replyDueAt!)
  expect(late.length).toBeGreaterThan(0)
  expect(demo.commitmentTickets.some((t) => !isChildDone(t.state))).toBe(true)
})

it('holds coordination meetings over several tickets of a topic, clearing their meeting due', () => {
  const meetings = demo.meetings.filter((m) => m.kind === 'coordination')
  expect(meetings.length).toBeGreaterThan(0)
  const covered = meetings.flatMap((m) => m.agenda.map((i) => demo.tickets.find((t) => t._id === i.ticketId)!))
  expect(covered.every((t) => t.meetingDueAt === null && t.meetingHeldAt)).toBe(true)
  expect(covered.some((t) => t.meetingLate)).toBe(true)
})

it('still counts 266 collected and 217 solved: a commitment is not a collected problem', () => {
  const stats = summarize([...demo.tickets, ...demo.commitmentTickets])
  expect(stats).toMatchObject({ collected: 266, solved: 217 })
})
