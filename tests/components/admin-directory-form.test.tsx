/**
 * 名录管理's one generic form (src/packages/admin/components/DirectoryForm.tsx): it checks each kind with the
 * same zod/mini schema as the function, so a mistake is named in the same Chinese words before anything is
 * sent, and the server's field messages land under the same fields.
 */
import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { DirectoryForm } from '../../src/packages/admin/components/DirectoryForm'
import { rowOf, type RecordView } from '../../src/packages/admin/lib/records'
import { callCloud } from '../../src/services/cloud'
import { makeCreditCode } from '../../types/credit-code'

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn() }))
// The Taro build rewrites Taro.showToast() & co. into named imports of @tarojs/taro-h5; jest has no such
// transform and the default export lacks them: give it the ones these pages call.
Object.assign(Taro, {
  showToast: jest.fn(() => Promise.resolve()),
  showModal: jest.fn(() => Promise.resolve({ confirm: true, cancel: false })),
})
const callCloudMock = callCloud as jest.MockedFunction<typeof callCloud>

beforeEach(() => callCloudMock.mockReset())

const VALID_CODE = makeCreditCode('91450300MA5K00001')
/** the same code with a different check character */
const BAD_CHECKSUM = VALID_CODE.slice(0, 17) + (VALID_CODE[17] === '1' ? '2' : '1')

/** Taro's H5 inputs are web components: their inner <input> appears a tick after the first render. */
async function renderForm(ui: React.ReactElement) {
  const result = render(ui)
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0))
  })
  return result
}

async function typeInto(container: HTMLElement, id: string, value: string) {
  const selector = `#${id} input, #${id} textarea`
  await waitFor(() => expect(container.querySelector(selector)).not.toBeNull())
  const el = container.querySelector(selector) as Element
  await act(async () => {
    fireEvent.input(el, { target: { value } })
  })
}
async function tap(el: Element | null) {
  if (!el) throw new Error('nothing to tap')
  await act(async () => {
    fireEvent.click(el)
  })
}
const chip = (container: HTMLElement, field: string, label: string) =>
  Array.from(container.querySelectorAll(`[data-field="${field}"] .chip`)).find((c) => c.textContent === label) ?? null
const fieldError = (container: HTMLElement, field: string) =>
  container.querySelector(`[data-field="${field}"] .form-field-error`)?.textContent

const noop = () => undefined

describe('creating an enterprise', () => {
  it('names every missing required field on an empty form and sends nothing', async () => {
    const { container } = await renderForm(<DirectoryForm kind="enterprise" id={null} record={null} onSaved={noop} />)
    await tap(container.querySelector('#save-record'))
    expect(screen.getByText('请填写企业名称')).toBeTruthy()
    expect(screen.getByText('请填写统一社会信用代码')).toBeTruthy()
    expect(screen.getByText('县(市、区)应为桂林市所辖县(市、区)')).toBeTruthy()
    expect(screen.getByText('请填写行业')).toBeTruthy()
    expect(callCloudMock).not.toHaveBeenCalled()
  })

  it('refuses a credit code whose check character is wrong (GB 32100), under the field', async () => {
    const { container } = await renderForm(<DirectoryForm kind="enterprise" id={null} record={null} onSaved={noop} />)
    await typeInto(container, 'field-name', '桂林测试食品有限公司')
    await typeInto(container, 'field-creditCode', BAD_CHECKSUM)
    await tap(container.querySelector('#save-record'))
    expect(fieldError(container, 'creditCode')).toBe('统一社会信用代码校验位错误')
    expect(fieldError(container, 'name')).toBeUndefined()
    expect(callCloudMock).not.toHaveBeenCalled()
  })

  it('checks each contact line and says which line is wrong', async () => {
    const { container } = await renderForm(<DirectoryForm kind="enterprise" id={null} record={null} onSaved={noop} />)
    await typeInto(container, 'field-contacts', '张三 13800000000 总经理\n李四 12345')
    await tap(container.querySelector('#save-record'))
    expect(fieldError(container, 'contacts')).toBe('第2行：联系电话应为11位手机号或带区号的固定电话')
  })
})

describe('creating a unit', () => {
  it("sends the checked payload and shows the server's field message under the field", async () => {
    callCloudMock.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: '代码tf-land已被专班用地专班使用',
        fields: { code: '代码tf-land已被专班用地专班使用' },
      },
    })
    const onSaved = jest.fn()
    const { container } = await renderForm(<DirectoryForm kind="unit" id={null} record={null} onSaved={onSaved} />)
    await typeInto(container, 'field-code', ' tf-land ')
    await typeInto(container, 'field-name', '市测试局')
    await tap(chip(container, 'level', '市直'))
    await tap(container.querySelector('#save-record'))
    expect(callCloudMock).toHaveBeenCalledWith('directory.unit.save', {
      code: 'tf-land',
      name: '市测试局',
      level: 'city',
    })
    expect(fieldError(container, 'code')).toBe('代码tf-land已被专班用地专班使用')
    expect(onSaved).not.toHaveBeenCalled()
  })

  it('rejects a code that is not kebab-case ASCII', async () => {
    const { container } = await renderForm(<DirectoryForm kind="unit" id={null} record={null} onSaved={noop} />)
    await typeInto(container, 'field-code', 'Finance Office')
    await tap(container.querySelector('#save-record'))
    expect(fieldError(container, 'code')).toBe('单位代码只能由小写字母、数字和连字符组成')
    expect(fieldError(container, 'level')).toBe('层级应为区直、市直或县(市、区)')
    expect(callCloudMock).not.toHaveBeenCalled()
  })
})

describe('editing', () => {
  const unit: RecordView = {
    kind: 'unit',
    record: {
      _id: 'hrss',
      code: 'hrss',
      name: '市人力资源和社会保障局',
      level: 'city',
      kind: 'department',
      active: true,
    },
  }

  it("fixes the code (the record's id) and offers 停用", async () => {
    const { container } = await renderForm(<DirectoryForm kind="unit" id="hrss" record={unit} onSaved={noop} />)
    expect(container.querySelector('#field-code')?.getAttribute('disabled')).not.toBe('false')
    await waitFor(() => expect(container.querySelector('#field-name input')).not.toBeNull())
    expect(container.querySelector('#field-code')?.getAttribute('disabled')).not.toBeNull()
    expect([null, 'false']).toContain(container.querySelector('#field-name')?.getAttribute('disabled') ?? null)
    expect(container.querySelector('#toggle-active')?.textContent).toBe('停用')
  })

  it('stops a record after the confirm, and shows why the server refuses when it is still in use', async () => {
    callCloudMock
      .mockResolvedValueOnce({
        ok: false,
        error: { code: 'CONFLICT', message: '该单位仍在使用中（桂林某某公司的四个一），请先调整后再停用' },
      })
      .mockResolvedValueOnce({ ok: true, data: { ...unit, record: { ...unit.record, active: false } } })
    const { container } = await renderForm(<DirectoryForm kind="unit" id="hrss" record={unit} onSaved={noop} />)
    await tap(container.querySelector('#toggle-active'))
    expect(Taro.showModal).toHaveBeenCalled()
    expect(callCloudMock).toHaveBeenLastCalledWith('directory.setActive', { kind: 'unit', id: 'hrss', active: false })
    expect(container.querySelector('.form-error')?.textContent).toBe(
      '该单位仍在使用中（桂林某某公司的四个一），请先调整后再停用',
    )

    await tap(container.querySelector('#toggle-active'))
    expect(container.querySelector('.form-error')).toBeNull()
    expect(container.querySelector('#toggle-active')?.textContent).toBe('启用')
    expect(container.querySelector('.directory-form-inactive')?.textContent).toBe('已停用')
  })

  it('is read-only for the dispatcher: no save, no 停用', async () => {
    const { container } = await renderForm(
      <DirectoryForm kind="unit" id="hrss" record={unit} readOnly onSaved={noop} />,
    )
    expect(container.querySelector('#save-record')).toBeNull()
    expect(container.querySelector('#toggle-active')).toBeNull()
    expect(container.textContent).toContain('名录由系统管理员维护')
  })
})

describe("a commissioner's station", () => {
  it('asks for the enterprise by default and for the park once 园区 is chosen', async () => {
    const { container } = await renderForm(<DirectoryForm kind="commissioner" id={null} record={null} onSaved={noop} />)
    expect(container.querySelector('[data-field="station.enterpriseId"]')).not.toBeNull()
    await tap(chip(container, 'station.kind', '园区'))
    expect(container.querySelector('[data-field="station.enterpriseId"]')).toBeNull()
    await tap(container.querySelector('#save-record'))
    expect(fieldError(container, 'station.park')).toBe('请填写园区名称')
    expect(fieldError(container, 'unitCode')).toBe('请填写派出单位代码')
    expect(callCloudMock).not.toHaveBeenCalled()
  })
})

describe('rowOf', () => {
  it('gives 四个一 rows the enterprise id and names, and says when a record is stopped', () => {
    const row = rowOf({
      kind: 'leader',
      record: { _id: 'leader-mayor', name: '王市长', title: '市委副书记、市长', rank: 2, active: false, bound: true },
    })
    expect(row).toEqual({
      kind: 'leader',
      id: 'leader-mayor',
      name: '王市长',
      active: false,
      facts: ['市委副书记、市长', '已绑定微信'],
    })
  })
})
