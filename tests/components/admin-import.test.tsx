/**
 * 导入: a dry run lists every problem with its sheet, row and column, and 确认导入 stays disabled until a
 * check finds none; the confirmed import re-sends exactly the source that was checked, with dryRun false.
 * On H5 the source is pasted CSV text, sent inline as base64 of its UTF-8 bytes.
 */
import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { TextDecoder, TextEncoder } from 'node:util'
import { ImportPanel, headerRowOf } from '../../src/packages/admin/components/ImportPanel'
import { ImportReport, type Report } from '../../src/packages/admin/components/ImportReport'
import { callCloud } from '../../src/services/cloud'

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn() }))
// The Taro build rewrites Taro.showToast() & co. into named imports of @tarojs/taro-h5; jest has no such
// transform and the default export lacks them: give it the ones these pages call.
Object.assign(Taro, {
  showToast: jest.fn(() => Promise.resolve()),
  showModal: jest.fn(() => Promise.resolve({ confirm: true, cancel: false })),
})
const callCloudMock = callCloud as jest.MockedFunction<typeof callCloud>

// jsdom has no TextEncoder; the browser and Node both do
Object.assign(globalThis, { TextEncoder, TextDecoder })

beforeEach(() => callCloudMock.mockReset())

function reportOf(overrides: Partial<Report> = {}): Report {
  return {
    dryRun: true,
    applied: false,
    jobId: null,
    resumedJobId: null,
    format: 'csv',
    fileHash: 'f'.repeat(64),
    tables: ['enterprises'],
    ignoredSheets: [],
    problems: [],
    problemCount: 0,
    summary: { enterprises: { created: 2, updated: 1, unchanged: 5 } },
    ...overrides,
  }
}

const PROBLEMS: Report['problems'] = [
  {
    table: 'enterprises',
    sheet: 'enterprises.csv',
    row: 3,
    column: '统一社会信用代码',
    message: '统一社会信用代码校验位错误',
  },
  {
    table: 'enterprises',
    sheet: 'enterprises.csv',
    row: 4,
    column: '县(市、区)',
    message: '县(市、区)应为桂林市所辖县(市、区)',
  },
]

const isReady = (container: HTMLElement) => container.querySelector('#confirm-import')?.getAttribute('data-ready')

async function tap(el: Element | null) {
  if (!el) throw new Error('nothing to tap')
  await act(async () => {
    fireEvent.click(el)
  })
}

describe('the dry-run report', () => {
  it('lists every problem where Excel shows it and keeps 确认导入 disabled', async () => {
    const onConfirm = jest.fn()
    const { container } = render(
      <ImportReport report={reportOf({ problems: PROBLEMS, problemCount: 2 })} onConfirm={onConfirm} />,
    )
    const rows = container.querySelectorAll('.import-problem')
    expect(rows).toHaveLength(2)
    expect(rows[0].textContent).toContain('企业 第3行 统一社会信用代码')
    expect(rows[0].textContent).toContain('统一社会信用代码校验位错误')
    expect(rows[1].getAttribute('data-row')).toBe('4')
    expect(screen.getByText(/发现 2 个问题，文件未写入/)).toBeTruthy()
    expect(isReady(container)).toBe('false')
    await tap(container.querySelector('#confirm-import'))
    expect(onConfirm).not.toHaveBeenCalled()
  })

  it('says how many problems it left out when there are more than it lists', () => {
    render(<ImportReport report={reportOf({ problems: PROBLEMS, problemCount: 620 })} onConfirm={jest.fn()} />)
    expect(screen.getByText(/发现 620 个问题.*仅列出前2个/)).toBeTruthy()
  })

  it('enables 确认导入 for a clean check and shows what it will change', async () => {
    const onConfirm = jest.fn()
    const { container } = render(<ImportReport report={reportOf()} onConfirm={onConfirm} />)
    expect(container.querySelector('[data-table="enterprises"]')?.textContent).toContain('新增 2 · 更新 1 · 不变 5')
    expect(isReady(container)).toBe('true')
    await tap(container.querySelector('#confirm-import'))
    expect(onConfirm).toHaveBeenCalledTimes(1)
  })

  it('has nothing left to confirm once applied', () => {
    const { container } = render(
      <ImportReport report={reportOf({ dryRun: false, applied: true, jobId: 'import-1' })} onConfirm={jest.fn()} />,
    )
    expect(container.querySelector('#confirm-import')).toBeNull()
    expect(container.textContent).toContain('已全部写入（导入记录 import-1）')
  })
})

describe('pasting CSV on H5', () => {
  const CSV = `${headerRowOf('enterprises')}\n桂林漓泉测试有限公司,91450300MA5K000010,七星区,,食品,是`

  async function renderPanel() {
    const result = render(<ImportPanel />)
    await waitFor(() => expect(result.container.querySelector('#import-text textarea')).not.toBeNull())
    return result
  }
  async function paste(container: HTMLElement, text: string) {
    await act(async () => {
      fireEvent.input(container.querySelector('#import-text textarea') as Element, { target: { value: text } })
    })
  }

  it('sends nothing for an empty paste', async () => {
    const { container } = await renderPanel()
    await tap(container.querySelector('#dry-run-button'))
    expect(container.querySelector('#import-error')?.textContent).toBe('请粘贴CSV内容，第一行为表头')
    expect(callCloudMock).not.toHaveBeenCalled()
  })

  it('checks the pasted table as UTF-8 base64 and lists the problems, with 确认导入 disabled', async () => {
    callCloudMock.mockResolvedValueOnce({ ok: true, data: reportOf({ problems: PROBLEMS, problemCount: 2 }) })
    const { container } = await renderPanel()
    await paste(container, CSV)
    await tap(container.querySelector('#dry-run-button'))

    expect(callCloudMock).toHaveBeenCalledTimes(1)
    const [action, payload] = callCloudMock.mock.calls[0] as [
      string,
      { source: { base64: string; fileName: string }; table: string; dryRun: boolean },
    ]
    expect(action).toBe('directory.import')
    expect(payload).toMatchObject({ table: 'enterprises', dryRun: true, source: { fileName: 'enterprises.csv' } })
    expect(Buffer.from(payload.source.base64, 'base64').toString('utf8')).toBe(CSV + '\n')

    expect(container.querySelectorAll('.import-problem')).toHaveLength(2)
    expect(isReady(container)).toBe('false')
    await tap(container.querySelector('#confirm-import'))
    expect(callCloudMock).toHaveBeenCalledTimes(1)
  })

  it('writes the checked text with dryRun false after a clean check', async () => {
    const onApplied = jest.fn()
    callCloudMock
      .mockResolvedValueOnce({ ok: true, data: reportOf() })
      .mockResolvedValueOnce({ ok: true, data: reportOf({ dryRun: false, applied: true, jobId: 'import-7' }) })
    const { container } = render(<ImportPanel onApplied={onApplied} />)
    await waitFor(() => expect(container.querySelector('#import-text textarea')).not.toBeNull())
    await paste(container, CSV)
    await tap(container.querySelector('#dry-run-button'))
    expect(isReady(container)).toBe('true')
    await tap(container.querySelector('#confirm-import'))

    expect(callCloudMock).toHaveBeenCalledTimes(2)
    const [first, second] = callCloudMock.mock.calls.map(
      (c) => c[1] as { source: unknown; dryRun: boolean; table: string },
    )
    expect(second).toEqual({ ...first, dryRun: false })
    expect(onApplied).toHaveBeenCalledTimes(1)
    expect(container.textContent).toContain('已全部写入（导入记录 import-7）')
  })

  it("shows the server's message when the file cannot be read", async () => {
    callCloudMock.mockResolvedValueOnce({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '无法读取该文件，请确认是.xlsx或CSV格式' },
    })
    const { container } = await renderPanel()
    await paste(container, 'x')
    await tap(container.querySelector('#dry-run-button'))
    expect(container.querySelector('#import-error')?.textContent).toBe('无法读取该文件，请确认是.xlsx或CSV格式')
    expect(container.querySelector('#import-report')).toBeNull()
  })
})
