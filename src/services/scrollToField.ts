import Taro from '@tarojs/taro'

/** Brings a form field (a FormField's data-field) into view: where the first error of a form is. */
export function scrollToField(selector: string): void {
  try {
    void Promise.resolve(Taro.pageScrollTo({ selector, duration: 200 })).catch(() => undefined)
  } catch {
    // a host without page scrolling (tests, an old base library): the message is still next to its field
  }
}
