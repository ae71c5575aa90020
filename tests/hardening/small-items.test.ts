/**
 * Issue 8 §6, the smaller items: a NUL in a search keyword is a clear INVALID_INPUT; subscriptions.record
 * takes only known template ids; names in the directory are printable; every exported cell that a spreadsheet
 * would run as a formula is guarded (OWASP CSV injection), in CSV and in .xlsx; the office's binding and invite
 * views show no OPENID but the caller's.
 */
import { openTestCloud } from '../support/localCloud'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { guard, readCsv, readXlsx, writeCsv, writeXlsx } from '../../cloudfunctions/shared/spreadsheet'
import { failure, ok, PEOPLE, seedWorld } from '../directory/world'

let env: ReturnType<typeof openTestCloud>
beforeEach(() => {
  env = openTestCloud()
  seedWorld(env)
})
afterEach(() => env.close())

describe('search keywords', () => {
  it.each([
    ['directory.enterprises', PEOPLE.dispatcher],
    ['directory.search', PEOPLE.admin],
  ] as const)('%s answers a NUL or a lone surrogate with INVALID_INPUT, not INTERNAL', async (action, who) => {
    for (const keyword of ['\u0000', '桂林\u0000', '\ud800', 'a\u001bb']) {
      const res = failure(await env.call(who, action, { keyword, kind: 'enterprise' } as never))
      expect(res).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('关键词含有不支持的字符') })
    }
    expect(ok(await env.call(who, action, { keyword: '华信', kind: 'enterprise' } as never))).toBeDefined()
  })
})

describe('subscriptions.record', () => {
  it('stores no consent under prototype names', async () => {
    const result = JSON.parse(
      '{"constructor":"accept","toString":"accept","__proto__":"accept","hasOwnProperty":"ban"}',
    )
    ok(await env.call(PEOPLE.contactA, 'subscriptions.record', { result }))
    const [stored] = env.cloud.store.find(COLLECTIONS.consents, { _id: PEOPLE.contactA })
    const keys = Object.keys(stored ?? {}).filter((k) => k !== '_id' && k !== 'updatedAt')
    expect(keys).toEqual([])
  })
})

describe('names in the directory', () => {
  it.each(['市教育局\u0000', '市\ud800教育局', '市教\n育局', '\u0007市教育局', '市教\u009b育局'])(
    'refuses the unit name %j and stores nothing',
    async (name) => {
      const before = JSON.stringify(env.cloud.store.find(COLLECTIONS.units))
      const res = failure(await env.call(PEOPLE.admin, 'directory.unit.save', { code: 'edu-2', name, level: 'city' }))
      expect(res).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/单位名称/) })
      expect(JSON.stringify(env.cloud.store.find(COLLECTIONS.units))).toBe(before)
    },
  )

  it('keeps a name with a proper surrogate pair (e.g. a rare character outside the BMP)', async () => {
    ok(await env.call(PEOPLE.admin, 'directory.unit.save', { code: 'edu-2', name: '市𠀾教育局', level: 'city' }))
  })
})

describe('exported cells a spreadsheet would run', () => {
  const DANGEROUS = ['=1+1', '+1+1', '-1+1', '-1+cmd|calc!A1', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("x")']
  const PLAIN = ['-5', '+3.5', '0773-1234567', '桂林', "'quoted", '']
  const columns = [{ key: 'name', header: '名称', required: true }]

  it('are guarded in CSV, and read back as written', () => {
    const bytes = writeCsv({ sheet: 'units', columns, rows: [...DANGEROUS, ...PLAIN].map((name) => ({ name })) })
    const lines = bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n')
    for (const value of DANGEROUS) expect(guard(value)).toBe(`'${value}`)
    for (const value of PLAIN) expect(guard(value)).toBe(value)
    // no line of a dangerous cell starts with a formula character outside quotes
    for (const line of lines.slice(1, 1 + DANGEROUS.length)) expect(line).not.toMatch(/^"?[=+\-@\t\r]/)
    const back = readCsv(bytes, 'units.csv').rows.map((r) => r.values[0])
    expect(back).toEqual([...DANGEROUS, ...PLAIN])
  })

  it('are guarded in .xlsx too, and read back as written', async () => {
    // (a CR inside an .xlsx cell comes back as LF: XML normalises line ends, guard or not)
    const cells = DANGEROUS.filter((v) => !v.includes('\r'))
    const bytes = await writeXlsx([{ sheet: '单位', columns, rows: cells.map((name) => ({ name })) }], [])
    const [sheet] = await readXlsx(bytes)
    expect(sheet.rows.map((r) => r.values[0])).toEqual(cells)
    const { Workbook } = await import('exceljs')
    const workbook = new Workbook()
    await workbook.xlsx.load(bytes as never)
    const stored = workbook.worksheets[0].getColumn(1).values.slice(2) as string[]
    expect(stored).toEqual(cells.map((v) => `'${v}`))
  })
})

describe('the office’s binding and invite views', () => {
  it('show the person by name, never by OPENID', async () => {
    const invite = ok(
      await env.call(PEOPLE.admin, 'invite.issue', { grant: { role: 'handler', unitCode: 'education' } }),
    )
    const { bindingId } = ok(await env.call('o-newcomer', 'binding.redeem', { code: invite.code, name: '何经办' }))
    ok(await env.call(PEOPLE.dispatcher, 'binding.approve', { bindingId }))
    const openids = ['o-newcomer', ...Object.values(PEOPLE)]
    for (const viewer of [PEOPLE.admin, PEOPLE.dispatcher]) {
      for (const [action, payload] of [
        ['binding.list', {}],
        ['invite.list', {}],
        ['directory.importJobs', {}],
        ['notifications.list', {}],
      ] as const) {
        const res = await env.call(viewer, action, payload)
        if (!res.ok && res.error.code === 'FORBIDDEN') continue // not this role's view
        const text = JSON.stringify(ok(res))
        for (const other of openids.filter((o) => o !== viewer)) {
          expect({ viewer, action, leaks: text.includes(other) }).toEqual({ viewer, action, leaks: false })
        }
      }
    }
    // the person sees their own
    expect(ok(await env.call('o-newcomer', 'binding.status', {})).openid).toBe('o-newcomer')
  })
})
