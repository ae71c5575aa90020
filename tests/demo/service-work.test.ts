/**
 * The demo's service work (emulator/demo/service-work.ts): a year of commissioners' visits, the 专班s' and
 * lead service units' 督办 and notes, a few requests for a 专题协调会 — and the seed's figures unchanged.
 */
import { buildDemoDataset, type DemoDataset } from '../../emulator/demo'
import { summarize } from '../../cloudfunctions/core/stats'

let demo: DemoDataset
beforeAll(() => {
  demo = buildDemoDataset()
})

const byTaskForce = (t: DemoDataset['tickets'][number]) =>
  t.timeline.filter(
    (e) => e.actorId === `demo-handler-${t.taskForce}` && (e.event === 'supervise' || e.event === 'note'),
  )

it('keeps the seed’s 266 collected, 217 solved, 81.6%', () => {
  const overall = summarize(demo.tickets)
  expect([overall.collected, overall.solved]).toEqual([266, 217])
  expect(Math.round((overall.solved / overall.collected) * 1000) / 10).toBe(81.6)
})

it('has the 专班s 督办 and note their category’s tickets, and the lead service units note theirs', () => {
  const followed = demo.tickets.filter((t) => t.taskForce !== null && byTaskForce(t).length > 0)
  expect(followed.length).toBeGreaterThan(20)
  expect(new Set(followed.map((t) => t.taskForce)).size).toBe(4)
  expect(demo.tickets.filter((t) => t.meetingRequest).length).toBeGreaterThan(0)
  // every event stays in time order and before the end of the history
  for (const t of demo.tickets) {
    const times = t.timeline.map((e) => e.at.getTime())
    expect(times).toEqual([...times].sort((a, b) => a - b))
  }
})

it('has a year of visits: every visit-channel ticket was found on one, and each enterprise’s latest is its coverage', () => {
  expect(demo.visits.length).toBeGreaterThan(100)
  const found = new Set(demo.visits.flatMap((v) => v.problems.map((p) => p.ticketId)))
  const visitTickets = demo.tickets.filter(
    (t) => t.channel === 'visit' && t.submittedBy.startsWith('demo-commissioner'),
  )
  expect(visitTickets.length).toBeGreaterThan(0)
  expect(visitTickets.filter((t) => !found.has(t._id)).map((t) => t.no)).toEqual([])
  for (const coverage of demo.visitCoverage) {
    const latest = Math.max(
      ...demo.visits.filter((v) => v.enterpriseId === coverage._id).map((v) => v.visitedAt.getTime()),
    )
    expect(coverage.lastVisitAt.getTime()).toBe(latest)
  }
  const months = new Set(demo.visits.map((v) => v.visitedAt.toISOString().slice(0, 7)))
  expect(months.size).toBeGreaterThanOrEqual(10)
})
