import { useCallback, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { Profile } from '../../types/actions'
import type { ApiError } from '../../types/api'
import { callCloud } from './cloud'

/** The caller's profile, refreshed each time the page shows (the identity may have changed on 我的). */
export function useProfile() {
  const [profile, setProfile] = useState<Profile | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)

  const reload = useCallback(async () => {
    setLoading(true)
    const res = await callCloud('me.profile', {})
    if (res.ok) {
      setProfile(res.data)
      setError(null)
    } else {
      setProfile(null)
      setError(res.error)
    }
    setLoading(false)
  }, [])

  useDidShow(() => {
    void reload()
  })
  return { profile, error, loading, reload }
}
