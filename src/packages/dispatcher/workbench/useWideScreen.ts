import { useEffect, useState } from 'react'

/** The office's PC: the H5 app in a browser at least this wide gets the workbench (issue 11). */
export const WORKBENCH_MIN_WIDTH = 1024

const isWide = () =>
  process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && window.innerWidth >= WORKBENCH_MIN_WIDTH

/** True on a wide H5 window; follows resizing. Always false in the mini-program. */
export function useWideScreen(): boolean {
  const [wide, setWide] = useState(isWide)
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    const onResize = () => setWide(isWide())
    window.addEventListener('resize', onResize)
    return () => window.removeEventListener('resize', onResize)
  }, [])
  return wide
}
